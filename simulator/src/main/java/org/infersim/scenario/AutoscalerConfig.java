package org.infersim.scenario;

import java.util.Map;
import org.infersim.autoscale.ScalingMetric;

/**
 * A deployment's autoscaler: the policy (a built-in one or a registered one), the metric it
 * watches and its per-replica target (a latency target in milliseconds), the replica bounds, and
 * the policy's own settings as validated (durations in nanoseconds, fractions as fractions).
 */
public record AutoscalerConfig(String policy, ScalingMetric metric, double target, int min, int max,
                         Map<String, Double> settings) {
    public AutoscalerConfig {
        settings = Map.copyOf(settings);
    }
}
