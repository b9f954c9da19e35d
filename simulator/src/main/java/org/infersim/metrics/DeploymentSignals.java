package org.infersim.metrics;

/**
 * Running totals of one deployment since the start, warm-up included, as a metrics pipeline
 * (Prometheus counters) would export them: a controller takes differences between its ticks.
 */
public final class DeploymentSignals {
    long arrivals;
    long outputTokens;
    long firstTokens;
    long ttftNsSum;

    public long arrivals() {
        return arrivals;
    }

    public long outputTokens() {
        return outputTokens;
    }

    public long firstTokens() {
        return firstTokens;
    }

    public long ttftNsSum() {
        return ttftNsSum;
    }
}
