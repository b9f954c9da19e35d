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
    long promptTokens;
    long cachedPromptTokens;
    long tokensReused;
    long evictedBlocks;

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

    /** Prompt tokens of the requests that started here (got their first token) in the window. */
    public long promptTokens() {
        return promptTokens;
    }

    /** Of {@link #promptTokens}, those found in the prefix cache. */
    public long cachedPromptTokens() {
        return cachedPromptTokens;
    }

    /** Tokens not prefilled because they were cached, recomputations after preemption included. */
    public long tokensReused() {
        return tokensReused;
    }

    /** Cached blocks evicted to make room. */
    public long evictedBlocks() {
        return evictedBlocks;
    }
}
