package org.infersim.model.performance;

import org.infersim.catalog.Efficiency;
import org.infersim.plugin.Settings;

/**
 * The roofline step-time model, shaped by what measured GPUs do. One iteration takes:
 * <ul>
 * <li>on the GPUs, the longer of its compute (FLOPs at a fraction of peak that grows with the
 *     tokens in the step, {@code mfu · T / (T + mfuHalfTokens)}, FP8 products at their own
 *     fraction of the FP8 peak) and its memory traffic (the weights it touches, KV read and
 *     written, activations, at {@code mbu} of peak bandwidth), plus {@code overlap} of the
 *     shorter, plus a fixed time per layer for the kernels too small for either roof;</li>
 * <li>two tensor-parallel all-reduces per layer, each a latency plus a ring over the links;</li>
 * <li>weights kept in host memory ({@code --cpu-offload-gb}) read over PCIe, and swapped KV blocks;</li>
 * <li>the engine's host time: a fixed cost per step and a cost per sequence in it.</li>
 * </ul>
 * Every constant comes from the GPU's catalog entry. With efficiencies of at most 1 and
 * non-negative overheads no step is shorter than its bytes at peak bandwidth or its FLOPs at peak
 * throughput.
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
            return new RooflineStepTime(served);
        }
    }

    private final ModelFootprint footprint;
    private final int tp;
    private final int layers;
    /** FLOP/s of all GPUs of the group at the asymptotic efficiency of the weights' format. */
    private final double matmulFlops;
    /** FLOP/s of attention, which runs in 16 bits whatever the weights' format. */
    private final double attentionFlops;
    private final double halfTokens;
    private final double effectiveBandwidth;
    private final double overlap;
    private final double linkBandwidth;
    private final double pcieBandwidth;
    private final long allReduceLatencyNs;
    private final long layerOverheadNs;
    private final long iterationOverheadNs;
    private final long sequenceOverheadNs;
    /** Share of every decoder-layer weight byte read that lives in host memory and crosses PCIe. */
    private final double offloadShare;
    private final int blockSize;

    public RooflineStepTime(ServedModel served) {
        var gpu = served.gpu();
        Efficiency eff = gpu.efficiency();
        this.footprint = served.footprint();
        this.tp = served.tensorParallel();
        this.layers = footprint.model().layers();
        boolean fp8 = footprint.precision().weights().usesFp8Compute() && gpu.fp8Flops() > 0;
        double group = tp * served.computeShare();
        this.matmulFlops = group * (fp8 ? gpu.fp8Flops() * eff.mfuFp8() : gpu.bf16Flops() * eff.mfu());
        this.attentionFlops = group * gpu.bf16Flops() * eff.mfu();
        this.halfTokens = eff.mfuHalfTokens();
        this.effectiveBandwidth = tp * served.bandwidthShare() * gpu.memoryBandwidth() * eff.mbu();
        this.overlap = eff.overlap();
        this.linkBandwidth = gpu.interconnectBandwidth() * eff.linkEfficiency();
        this.pcieBandwidth = gpu.pcieBandwidth();
        this.allReduceLatencyNs = eff.allReduceLatencyNs();
        this.layerOverheadNs = eff.layerOverheadNs();
        this.iterationOverheadNs = eff.iterationOverheadNs();
        this.sequenceOverheadNs = eff.sequenceOverheadNs();
        // vLLM offloads decoder layers (make_layers wraps each in maybe_offload_to_cpu), whose
        // weights every step reads: those in host memory cross PCIe, read where the GPU reads them.
        double layersPerGpu = layers * footprint.layerWeightBytes(footprint.model().experts()) / tp;
        this.offloadShare = layersPerGpu <= 0 ? 0 : Math.min(1, served.offloadBytesPerGpu() / layersPerGpu);
        this.blockSize = served.blockSize();
    }

    @Override
    public long stepTimeNs(IterationShape shape) {
        long tokens = shape.tokens();
        shape.flops = 0;
        shape.bytes = 0;
        shape.hostNs = 0;
        long ns = swapNs(shape.swappedBlocks);
        if (tokens == 0) {
            return ns;
        }
        double attentionPairs = shape.prefillAttentionPairs + shape.decodeContextTokens;
        double matmul = 2.0 * footprint.matmulParamsPerToken() * tokens;
        double attention = footprint.attentionFlopsPerPair() * attentionPairs;

        double experts = footprint.expertsTouched((int) Math.min(tokens, Integer.MAX_VALUE));
        double weights = footprint.weightBytesRead(experts, tokens);
        double kvPerToken = footprint.kvBytesPerToken();
        double kvRead = (shape.decodeContextTokens + shape.prefillPastTokens) * kvPerToken;
        double kvWritten = tokens * kvPerToken;
        double activations = layers * (double) tokens * footprint.elementwiseBytesPerTokenPerLayer(tp);
        double offloaded = layers * footprint.layerWeightBytes(experts) * offloadShare;
        double hbmBytes = weights - offloaded + kvRead + kvWritten + activations;

        double compute = matmul / matmulEfficiencyFlops(tokens) + attention / attentionFlops;
        double memory = hbmBytes / effectiveBandwidth;
        double gpuSeconds = overlapped(compute, memory) + offloaded / tp / pcieBandwidth;
        long sequences = shape.decodeTokens + shape.prefillSequences;
        long hostNs = iterationOverheadNs + sequences * sequenceOverheadNs;
        ns += (long) Math.ceil(gpuSeconds * 1e9) + layers * layerOverheadNs + allReduceNs(tokens) + hostNs;

        shape.flops = matmul + attention;
        shape.bytes = hbmBytes;
        shape.hostNs = hostNs;
        return ns;
    }

    /** The group's FLOP/s for matrix products of {@code tokens} rows: small products fill fewer tiles. */
    private double matmulEfficiencyFlops(long tokens) {
        return matmulFlops * tokens / (tokens + halfTokens);
    }

    /**
     * The matrix products of one decoder layer on one tensor-parallel GPU, for {@code tokens}
     * tokens: the part of a step that profilers of linear layers measure (no attention, no
     * all-reduce, no small kernels, no host time).
     */
    public long linearLayerNs(int tokens) {
        double experts = footprint.expertsTouched(tokens);
        double flops = 2.0 * footprint.layerMatmulParams(experts) * tokens;
        double bytes = footprint.layerWeightBytes(experts);
        double compute = flops / matmulEfficiencyFlops(tokens);
        double memory = bytes / effectiveBandwidth;
        return (long) Math.ceil(overlapped(compute, memory) * 1e9);
    }

    /** The longer of compute and memory time, plus the share of the shorter that it does not hide. */
    private double overlapped(double compute, double memory) {
        return Math.max(compute, memory) + overlap * Math.min(compute, memory);
    }

    /** Two ring all-reduces per layer (after attention and after the MLP) over the batch's activations. */
    long allReduceNs(long tokens) {
        if (tp == 1) {
            return 0;
        }
        double payload = tokens * footprint.activationBytesPerToken();
        double ringSeconds = 2.0 * (tp - 1) / tp * payload / linkBandwidth;
        long perReduce = (long) Math.ceil(ringSeconds * 1e9) + allReduceLatencyNs;
        return 2L * layers * perReduce;
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
