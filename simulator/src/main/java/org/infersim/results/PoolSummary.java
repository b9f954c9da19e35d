package org.infersim.results;

/**
 * One GPU pool over the measured window. Fractions are over every GPU of the pool, allocated or
 * not, because the planner pays for all of them; {@code cost} covers the whole run.
 */
public record PoolSummary(
        String name,
        String gpu,
        int gpus,
        int allocatedGpus,
        double pricePerGpuHour,
        double busyFraction,
        double flopsFraction,
        double bandwidthFraction,
        long preemptions,
        double cost) {}
