package org.infersim.scenario;

import java.util.List;
import org.infersim.autoscale.ScalingMetric;
import org.infersim.plugin.PolicyChoice;

/**
 * A deployment's autoscaler: the policy (a built-in one or a registered one) with its own
 * settings as validated, the metric it watches and its per-replica target (a latency target in
 * milliseconds), and the replica bounds.
 */
public record AutoscalerConfig(PolicyChoice policy, ScalingMetric metric, double target, int min, int max) {
    /** The keys of every {@code autoscaler:} mapping; the rest are its policy's settings. */
    public static final List<String> KEYS = List.of("policy", "metric", "target", "min", "max");
}
