package org.infersim.metrics;

import org.infersim.model.deployment.DeploymentCounters;

/**
 * Running totals of one deployment since the start, warm-up included, as a metrics pipeline
 * (Prometheus counters) would export them: a controller takes differences between its ticks.
 */
public final class DeploymentSignals implements DeploymentCounters {
    long arrivals;
    long outputTokens;
    long firstTokens;
    long ttftNsSum;

    @Override
    public long arrivals() {
        return arrivals;
    }

    @Override
    public long outputTokens() {
        return outputTokens;
    }

    @Override
    public long firstTokens() {
        return firstTokens;
    }

    @Override
    public long ttftNsSum() {
        return ttftNsSum;
    }
}
