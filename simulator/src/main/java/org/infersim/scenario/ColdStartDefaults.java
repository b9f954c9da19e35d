package org.infersim.scenario;

import org.infersim.lifecycle.ColdStart;
import org.infersim.lifecycle.StorageTier;

/**
 * The cold start a deployment gets unless its scenario says otherwise. Image: 15 GB, the middle
 * of the 10-20 GB that vLLM + PyTorch + CUDA images weigh (shared/REFERENCE.md). Registry: 250 MB/s,
 * an assumption (an in-region registry; one minute for the image). Weights: from a network file
 * system (the common case for a node that has not served the model before). Engine
 * initialisation: the fit in {@link ColdStart}. First iteration: 5 s slower, an assumption for
 * lazy compilation and allocator warm-up (vllm #19824 reports 30-60 s for a 70B model at TP 8; set
 * {@code coldStart.firstIteration} for such a model).
 */
public final class ColdStartDefaults {
    public static final double IMAGE_BYTES = 15e9;
    public static final double REGISTRY_BYTES_PER_SEC = 250e6;
    public static final StorageTier STORAGE = StorageTier.NETWORK_FS;
    public static final long FIRST_ITERATION_PENALTY_NS = 5_000_000_000L;

    public static final ColdStart.Settings SETTINGS = new ColdStart.Settings(IMAGE_BYTES, REGISTRY_BYTES_PER_SEC,
            STORAGE.bytesPerSec(), -1, FIRST_ITERATION_PENALTY_NS);

    private ColdStartDefaults() {}
}
