package org.infersim.autoscale;

import java.util.function.LongToDoubleFunction;

/**
 * What an autoscaling policy is built for, beside its own settings: the deployment's metric and
 * per-replica target (a latency target in milliseconds), its replica bounds and the replicas it
 * starts with, and, for policies that follow a published schedule, the deployment's expected
 * arrival rate at a time (requests/s).
 */
public record ScalingContext(ScalingMetric metric, double target, int min, int max, int initial,
                             LongToDoubleFunction scheduledRatePerSec) {}
