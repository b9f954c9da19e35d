package org.infersim.model.performance;

import org.infersim.catalog.Efficiency;
import org.infersim.catalog.GpuSpec;
import org.infersim.plugin.Settings;

/**
 * The roofline step-time model: an iteration takes as long as the slower of its
 * compute (FLOPs at the achievable fraction of peak) and its memory traffic (weights read once,
 * KV read and written, activations, at the achievable fraction of bandwidth), plus the
 * tensor-parallel all-reduces and a fixed per-iteration overhead.
 */
public final class RooflineStepTime implements StepTimeModel {
    /** {@code roofline}, the default: from the catalog's peak figures and efficiency factors alone. */
    public static final class Provider implements StepTimeModel.Provider {
        @Override
        public String name() {
            return "roofline";
        }

        @Override
        public StepTimeModel create(Settings settings, ServedModel served) {
            return new RooflineStepTime(served.gpu(), served.footprint(), served.tensorParallel(),
                    served.computeShare(), served.bandwidthShare(), served.blockSize());
        }
    }

    private final ModelFootprint footprint;
    private final int tp;
    private final double effectiveFlops;
    private final double effectiveBandwidth;
    private final double linkBandwidth;
    private final double pcieBandwidth;
    private final long allReduceLatencyNs;
    private final long overheadNs;
    private final double denseWeightBytes;
    private final int blockSize;

    /**
     * @param gpu           the GPU type
     * @param footprint     the model at its precision
     * @param tp            tensor-parallel degree (GPUs sharing the work)
     * @param computeShare   fraction of each GPU's tensor throughput this replica gets when it runs
     *                       alone (1 for whole GPUs and time-slicing; the SM share under MPS; the
     *                       compute slices of a MIG instance)
     * @param bandwidthShare fraction of each GPU's memory bandwidth it gets alone (1 but for MIG,
     *                       whose instances own their memory slices' controllers)
     * @param blockSize      KV block size in tokens (for swap traffic)
     */
    public RooflineStepTime(GpuSpec gpu, ModelFootprint footprint, int tp, double computeShare, double bandwidthShare,
                            int blockSize) {
        Efficiency eff = gpu.efficiency();
        this.footprint = footprint;
        this.tp = tp;
        boolean fp8 = footprint.precision().weights().usesFp8Compute();
        this.effectiveFlops = tp * computeShare * gpu.peakFlops(fp8) * eff.mfu();
        this.effectiveBandwidth = tp * bandwidthShare * gpu.memoryBandwidth() * eff.mbu();
        this.linkBandwidth = gpu.interconnectBandwidth();
        this.pcieBandwidth = gpu.pcieBandwidth();
        this.allReduceLatencyNs = eff.allReduceLatencyNs();
        this.overheadNs = eff.iterationOverheadNs();
        this.denseWeightBytes = footprint.model().isMixtureOfExperts() ? Double.NaN : footprint.weightBytes();
        this.blockSize = blockSize;
    }

    @Override
    public long stepTimeNs(IterationShape shape) {
        long tokens = shape.tokens();
        double attentionPairs = shape.prefillAttentionPairs + shape.decodeContextTokens;
        double flops = 2.0 * footprint.matmulParamsPerToken() * tokens
                + footprint.attentionFlopsPerPair() * attentionPairs;

        double weights = Double.isNaN(denseWeightBytes)
                ? footprint.weightBytes(footprint.expertsTouched((int) Math.min(tokens, Integer.MAX_VALUE)))
                : denseWeightBytes;
        double kvPerToken = footprint.kvBytesPerToken();
        double kvRead = (shape.decodeContextTokens + shape.prefillPastTokens) * kvPerToken;
        double kvWritten = tokens * kvPerToken;
        // The residual stream is written and read around each of the two sub-layers of every layer.
        double activations = 4.0 * footprint.model().layers() * tokens * footprint.activationBytesPerToken();
        double bytes = tokens == 0 ? 0 : weights + kvRead + kvWritten + activations;

        double seconds = Math.max(flops / effectiveFlops, bytes / effectiveBandwidth);
        long ns = tokens == 0 ? 0 : (long) Math.ceil(seconds * 1e9) + overheadNs + allReduceNs(tokens);
        ns += swapNs(shape.swappedBlocks);

        shape.flops = flops;
        shape.bytes = bytes;
        return ns;
    }

    /** Two ring all-reduces per layer (after attention and after the MLP) over the batch's activations. */
    long allReduceNs(long tokens) {
        if (tp == 1) {
            return 0;
        }
        double payload = tokens * footprint.activationBytesPerToken();
        double ringSeconds = 2.0 * (tp - 1) / tp * payload / linkBandwidth;
        long perReduce = (long) Math.ceil(ringSeconds * 1e9) + allReduceLatencyNs;
        return 2L * footprint.model().layers() * perReduce;
    }

    /** Copying KV blocks over each GPU's PCIe link; the tensor-parallel GPUs copy their shares in parallel. */
    long swapNs(long blocks) {
        if (blocks == 0) {
            return 0;
        }
        double bytesPerGpu = blocks * blockSize * footprint.kvBytesPerToken() / tp;
        return (long) Math.ceil(bytesPerGpu / pcieBandwidth * 1e9);
    }
}
