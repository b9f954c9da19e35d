package org.infersim.autoscale;

import org.infersim.plugin.Settings;

/** No autoscaler: the replica count the deployment was given, always. */
public final class StaticPolicy implements ScalingPolicy {
    /** How often the controller looks; the answer never changes. */
    private static final long PERIOD_NS = 60_000_000_000L;

    /** {@code static}: it keeps the replicas the deployment starts with, any metric, no target needed. */
    public static final class Provider implements ScalingPolicyProvider {
        @Override
        public String name() {
            return "static";
        }

        @Override
        public boolean holdsInitialReplicas() {
            return true;
        }

        @Override
        public ScalingPolicy create(Settings settings, ScalingContext c) {
            return new StaticPolicy(c.initial(), PERIOD_NS);
        }
    }

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
