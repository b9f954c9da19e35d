package org.infersim.autoscale;

/**
 * An autoscaling policy: called every {@link #periodNs()} with what the controller observes, it
 * answers how many replicas the deployment should have. The simulation clamps the answer to the
 * deployment's minimum and maximum, starts replicas (with their cold start) or drains them.
 *
 * <p>A policy keeps whatever history it needs (windows, smoothed estimates) between calls; it
 * must not look at the simulation itself. Researchers add their own through
 * {@link ScalingPolicyProvider}.
 */
public interface ScalingPolicy {
    long periodNs();

    int desiredReplicas(ScalingObservation observation);
}
