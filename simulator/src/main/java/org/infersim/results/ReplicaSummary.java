package org.infersim.results;

import java.util.List;

/**
 * One replica's work over the measured window: fractions of wall time busy, of peak dense
 * FLOP/s and of peak HBM bandwidth over all its GPUs, and its KV-cache occupancy.
 *
 * @param pool      the pool it was placed on; null while it waits for GPUs
 * @param gpu       the GPU type it runs on; null while it waits
 * @param state     {@code ready} (placed and serving) or {@code pending} (still waiting for GPUs at the end)
 * @param placedAtS when the scheduler placed it, in seconds from the start; null if it never was
 * @param gpuIds    the GPUs it holds ({@code pool/node/gpu}), empty while it waits
 * @param sharing   {@code whole}, {@code time-slicing}, {@code mps} or {@code mig}
 * @param gpuFraction share of each GPU it holds and is billed for (1 for whole GPUs)
 * @param migProfile its MIG profile; null for other ways of sharing
 * @param waitedS   how long it waited for GPUs, from its deployment's start to its placement (or
 *                  to the end of the run, while pending): a preemption's grace period shows here
 *
 * <p>The FLOP/s and bandwidth fractions are of its GPUs' whole peak, also for a share of one.
 */
public record ReplicaSummary(
        String name,
        String deployment,
        String pool,
        String gpu,
        int gpus,
        double busyFraction,
        double flopsFraction,
        double bandwidthFraction,
        double kvMeanOccupancy,
        double kvPeakOccupancy,
        long kvBlocks,
        long kvTokens,
        long iterations,
        long preemptions,
        String state,
        Double placedAtS,
        List<String> gpuIds,
        String sharing,
        double gpuFraction,
        String migProfile,
        double waitedS) {

    public ReplicaSummary {
        gpuIds = gpuIds == null ? List.of() : List.copyOf(gpuIds);
    }
}
