package org.infersim.autoscale;

/** No autoscaler: the replica count the deployment was given, always. */
public final class StaticPolicy implements ScalingPolicy {
    private final int replicas;
    private final long periodNs;

    public StaticPolicy(int replicas, long periodNs) {
        this.replicas = replicas;
        this.periodNs = periodNs;
    }

    @Override
    public long periodNs() {
        return periodNs;
    }

    @Override
    public int desiredReplicas(ScalingObservation o) {
        return replicas;
    }
}
