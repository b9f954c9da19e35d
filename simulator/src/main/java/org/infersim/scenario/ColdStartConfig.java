package org.infersim.scenario;

/**
 * How a deployment's new replicas start, as its scenario gives it ({@code coldStart:}), with the
 * defaults a deployment gets unless its scenario says otherwise. Image: 15 GB, the middle of the
 * 10-20 GB that vLLM + PyTorch + CUDA images weigh (practitioner reports). Registry: 250 MB/s, an
 * assumption (an in-region registry; one minute for the image). Weights: from a network file
 * system (the common case for a node that has not served the model before). Engine
 * initialisation: the fit in the model's {@code ColdStart}. First iteration: 5 s slower, an
 * assumption for lazy compilation and allocator warm-up (vllm #19824 reports 30-60 s for a 70B
 * model at TP 8; set {@code coldStart.firstIteration} for such a model).
 *
 * @param imageBytes size of the serving image (vLLM + PyTorch + CUDA: 10-20 GB)
 * @param registryBytesPerSec pull bandwidth from the registry
 * @param weightsBytesPerSec read bandwidth of the storage tier for the whole replica
 * @param engineInitNs fixed engine initialisation, or -1 for the fit
 * @param firstIterationPenaltyNs added to the replica's first iteration (lazy compilation, warm-up)
 */
public record ColdStartConfig(double imageBytes, double registryBytesPerSec, double weightsBytesPerSec,
                              long engineInitNs, long firstIterationPenaltyNs) {
    public static final double DEFAULT_IMAGE_BYTES = 15e9;
    public static final double DEFAULT_REGISTRY_BYTES_PER_SEC = 250e6;
    public static final StorageTier DEFAULT_STORAGE = StorageTier.NETWORK_FS;
    public static final long DEFAULT_FIRST_ITERATION_PENALTY_NS = 5_000_000_000L;

    public static final ColdStartConfig DEFAULTS = new ColdStartConfig(DEFAULT_IMAGE_BYTES,
            DEFAULT_REGISTRY_BYTES_PER_SEC, DEFAULT_STORAGE.bytesPerSec(), -1, DEFAULT_FIRST_ITERATION_PENALTY_NS);
}
