package org.infersim.scenario;

import org.infersim.autoscale.ScalingMetric;
import org.infersim.plugin.PolicyChoice;

/**
 * A deployment's autoscaler: the policy (a built-in one or a registered one) with its own
 * settings as validated, the metric it watches and its per-replica target (a latency target in
 * milliseconds), and the replica bounds.
 */
public record AutoscalerConfig(PolicyChoice policy, ScalingMetric metric, double target, int min, int max) {}
