package org.infersim.metrics;

import org.infersim.model.cluster.PowerModel;

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
    long outputTokens;
    long completed;
    /** Joules its steps drew above its GPUs' idle power. */
    double stepJoules;
    /** Where its steps' energy goes: the pool's index (-1 until placed), its GPUs and their power model. */
    int pool = -1;
    int gpus;
    PowerModel power;

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

    /** The pool it was placed on; -1 while it never was. */
    public int pool() {
        return pool;
    }

    /** Output tokens of the requests it completed in the window. */
    public long outputTokens() {
        return outputTokens;
    }

    /** Requests it completed in the window. */
    public long completed() {
        return completed;
    }

    /** Joules its steps drew in the window above its GPUs' idle power (see {@code PowerModel}). */
    public double stepJoules() {
        return stepJoules;
    }

    /** Cached blocks evicted to make room. */
    public long evictedBlocks() {
        return evictedBlocks;
    }
}
