package org.infersim.catalog;

/**
 * How much of the datasheet a serving engine achieves on a GPU type (calibratable; each value
 * sourced in the catalog).
 *
 * @param mfu                   fraction of peak FLOP/s reached by large matrix products (prefill)
 * @param mbu                   fraction of peak memory bandwidth reached when streaming weights and KV (decode)
 * @param iterationOverheadNs   fixed cost of one engine iteration (scheduler, sampling, kernel launches)
 * @param allReduceLatencyNs    fixed latency of one tensor-parallel all-reduce
 * @param reservedBytes         memory per GPU the runtime keeps for itself (CUDA context, graphs, allocator)
 */
public record Efficiency(
        double mfu,
        double mbu,
        long iterationOverheadNs,
        long allReduceLatencyNs,
        long reservedBytes) {}
