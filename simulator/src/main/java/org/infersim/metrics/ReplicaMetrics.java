package org.infersim.metrics;

/** Accumulated work of one replica inside the measured window. */
public final class ReplicaMetrics {
    final String name;
    final int deployment;
    double busyNs;
    double flops;
    double bytes;
    double kvBlockNs;
    long peakKvBlocks;
    long preemptions;
    long iterations;

    ReplicaMetrics(String name, int deployment) {
        this.name = name;
        this.deployment = deployment;
    }

    public double busyNs() {
        return busyNs;
    }

    public double flops() {
        return flops;
    }

    public double bytes() {
        return bytes;
    }

    /** Σ over iterations of KV blocks held × duration, for the time-weighted mean. */
    public double kvBlockNs() {
        return kvBlockNs;
    }

    public long peakKvBlocks() {
        return peakKvBlocks;
    }

    public long preemptions() {
        return preemptions;
    }

    public long iterations() {
        return iterations;
    }
}
