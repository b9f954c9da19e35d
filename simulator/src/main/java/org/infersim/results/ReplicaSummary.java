package org.infersim.results;

/**
 * One replica's work over the measured window: fractions of wall time busy, of peak dense
 * FLOP/s and of peak HBM bandwidth over all its GPUs, and its KV-cache occupancy.
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
        long preemptions) {}
