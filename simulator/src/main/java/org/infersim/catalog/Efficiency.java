package org.infersim.catalog;

/**
 * How much of the datasheet a serving engine achieves on a GPU type, and what it costs beyond the
 * roofline: the constants of the step-time model, each sourced in the catalog (fitted to measured
 * runs, or a stated judgement). The terms the model adds to the roofline are zero unless a
 * catalog gives them, so a catalog written before they existed keeps its step times.
 *
 * @param mfu                 fraction of the BF16/FP16 peak that large matrix products reach
 * @param mfuFp8              fraction of the FP8 peak that large FP8 matrix products reach
 * @param mfuHalfTokens       tokens in one step at which matrix products reach half of that fraction
 *                            (small products fill fewer tiles of the GPU): efficiency = mfu · T / (T + this)
 * @param mbu                 fraction of peak memory bandwidth reached when streaming weights and KV
 * @param overlap             share of the shorter of a step's compute and memory times that the
 *                            longer does not hide (0: perfect overlap, the plain roofline; 1: none)
 * @param layerOverheadNs     GPU time per decoder layer per step of the kernels too small to be
 *                            bound by either roof (norms, rotary embedding, activation, residuals)
 * @param iterationOverheadNs host time of one engine step (scheduling, sampling, launches)
 * @param sequenceOverheadNs  host time per sequence in the step (its scheduling, sampling and output)
 * @param requestOverheadNs   time a request spends in the engine's front end that no step sees
 *                            (HTTP, tokenization, streaming the first token back)
 * @param allReduceLatencyNs  fixed latency of one tensor-parallel all-reduce
 * @param linkEfficiency      fraction of the GPU-to-GPU links' line rate an all-reduce moves data at
 *                            (NCCL's protocol overhead)
 * @param reservedBytes       memory per GPU the runtime keeps for itself (CUDA context, graphs, allocator)
 */
public record Efficiency(
        double mfu,
        double mfuFp8,
        double mfuHalfTokens,
        double mbu,
        double overlap,
        long layerOverheadNs,
        long iterationOverheadNs,
        long sequenceOverheadNs,
        long requestOverheadNs,
        long allReduceLatencyNs,
        double linkEfficiency,
        long reservedBytes) {

    /** The plain roofline of a catalog that gives only these five (the catalog layout before issue 11). */
    public static Efficiency roofline(double mfu, double mbu, long iterationOverheadNs, long allReduceLatencyNs,
                                      long reservedBytes) {
        return new Efficiency(mfu, mfu, 0, mbu, 0, 0, iterationOverheadNs, 0, 0, allReduceLatencyNs, 1, reservedBytes);
    }
}
