package org.infersim.metrics;

/** One deployment's activity since the last time-series sample; reset at every sample. */
final class IntervalMetrics {
    final String deployment;
    long arrivals;
    long completions;
    long rejections;
    long preemptions;
    long outputTokens;
    long iterations;
    long promptTokens;
    long cachedPromptTokens;
    long evictedBlocks;
    double busyNs;
    final LatencyHistogram ttft = new LatencyHistogram();
    final LatencyHistogram tpot = new LatencyHistogram();

    IntervalMetrics(String deployment) {
        this.deployment = deployment;
    }

    void reset() {
        arrivals = 0;
        completions = 0;
        rejections = 0;
        preemptions = 0;
        outputTokens = 0;
        iterations = 0;
        promptTokens = 0;
        cachedPromptTokens = 0;
        evictedBlocks = 0;
        busyNs = 0;
        ttft.reset();
        tpot.reset();
    }
}
