package org.infersim.autoscale;

import java.util.Map;
import java.util.function.LongToDoubleFunction;

/**
 * What a policy is built from: the deployment's metric and per-replica target, its replica bounds
 * and the replicas it starts with,
 * the settings written for it (durations in nanoseconds, fractions as fractions), and, for policies
 * that follow a published schedule, the deployment's expected arrival rate at a time (requests/s).
 */
public record PolicyContext(ScalingMetric metric, double target, int min, int max, int initial,
                            Map<String, Double> settings, LongToDoubleFunction scheduledRatePerSec) {
    public PolicyContext {
        settings = Map.copyOf(settings);
    }

    /** A setting as written, or {@code fallback} when the scenario left it out. */
    public double setting(String key, double fallback) {
        Double v = settings.get(key);
        return v == null ? fallback : v;
    }

    public long durationNs(String key, long fallbackNs) {
        Double v = settings.get(key);
        return v == null ? fallbackNs : Math.round(v);
    }
}
