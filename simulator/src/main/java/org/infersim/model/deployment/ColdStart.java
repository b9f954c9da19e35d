package org.infersim.model.deployment;

import org.infersim.scenario.ColdStartConfig;

/**
 * How long a new replica takes from a free GPU to its first iteration, phase by phase: pulling
 * the serving image (skipped when the node already has it), loading the weights from storage,
 * and engine initialisation (CUDA graph capture and compilation), after which the first
 * iteration runs slower by a fixed penalty. Waiting for a GPU and provisioning a node are the
 * cluster's part, measured where they happen.
 *
 * <p>Engine initialisation, unless given, is a two-point fit to published figures:
 * 14 s of engine start, then compilation and graph capture at 0.5 s per layer on one GPU,
 * growing as TP^0.57 with tensor parallelism, plus 60 s of peer-to-peer checks when TP > 1.
 * It gives 30 s for Llama-3.1-8B on one GPU (reported: 19-39 s with compilation, vllm #20264)
 * and 205 s for Llama-3.1-70B at TP 8 (reported: P2P 60 s + compile 70 s + graphs 60 s, plus
 * engine start, vllm #19824).
 */
public final class ColdStart {
    static final double ENGINE_START_S = 14;
    static final double PER_LAYER_S = 0.5;
    static final double TP_EXPONENT = 0.57;
    static final double P2P_CHECK_S = 60;

    /** The phases of one cold start, in nanoseconds. */
    public record Phases(long imagePullNs, long weightsNs, long engineInitNs) {
        public long totalNs() {
            return imagePullNs + weightsNs + engineInitNs;
        }
    }

    private final ColdStartConfig settings;

    public ColdStart(ColdStartConfig settings) {
        this.settings = settings;
    }

    /**
     * @param weightBytes the replica's weights at its precision, all tensor-parallel shards together
     * @param imageCached whether the node already holds the image
     */
    public Phases phases(double weightBytes, int layers, int tensorParallel, boolean imageCached) {
        long pull = imageCached ? 0 : seconds(settings.imageBytes() / settings.registryBytesPerSec());
        long weights = seconds(weightBytes / settings.weightsBytesPerSec());
        long init = settings.engineInitNs() >= 0 ? settings.engineInitNs() : defaultEngineInitNs(layers, tensorParallel);
        return new Phases(pull, weights, init);
    }

    public long firstIterationPenaltyNs() {
        return settings.firstIterationPenaltyNs();
    }

    static long defaultEngineInitNs(int layers, int tensorParallel) {
        double s = ENGINE_START_S + PER_LAYER_S * layers * Math.pow(tensorParallel, TP_EXPONENT)
                + (tensorParallel > 1 ? P2P_CHECK_S : 0);
        return seconds(s);
    }

    private static long seconds(double s) {
        return Math.round(s * 1e9);
    }
}
