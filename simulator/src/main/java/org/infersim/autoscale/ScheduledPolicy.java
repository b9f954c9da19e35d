package org.infersim.autoscale;

import java.util.function.LongToDoubleFunction;

/**
 * Follows a rate schedule known in advance (the planner's forecast of the day, such as the
 * workload's own diurnal curve): at each period it provisions for the highest rate expected
 * between now and one lead time ahead, at {@code target} requests per second per replica. It is
 * the one policy that looks ahead, by design: it reads the published schedule, not the
 * arrivals that will actually come.
 */
public final class ScheduledPolicy implements ScalingPolicy {
    private final LongToDoubleFunction ratePerSecAt;
    private final double targetPerReplica;
    private final long periodNs;
    private final long leadNs;

    public ScheduledPolicy(LongToDoubleFunction ratePerSecAt, double targetPerReplica, long periodNs, long leadNs) {
        this.ratePerSecAt = ratePerSecAt;
        this.targetPerReplica = targetPerReplica;
        this.periodNs = periodNs;
        this.leadNs = leadNs;
    }

    @Override
    public long periodNs() {
        return periodNs;
    }

    @Override
    public int desiredReplicas(ScalingObservation o) {
        double peak = 0;
        int steps = 16;
        for (int i = 0; i <= steps; i++) {
            peak = Math.max(peak, ratePerSecAt.applyAsDouble(o.nowNs() + (leadNs + periodNs) * i / steps));
        }
        return (int) Math.ceil(peak / targetPerReplica - 1e-9);
    }
}
