package org.infersim.autoscale;

import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.infersim.plugin.Setting;
import org.infersim.plugin.Settings;

/**
 * Follows a rate schedule known in advance (the planner's forecast of the day, such as the
 * workload's own diurnal curve): at each period it provisions for the highest rate expected
 * between now and one lead time ahead, at {@code target} requests per second per replica. It is
 * the one policy that looks ahead, by design: it reads the published schedule, not the
 * arrivals that will actually come.
 */
public final class ScheduledPolicy implements ScalingPolicy {
    static final Setting<Long> PERIOD = Setting.duration("period", 30_000_000_000L, "how often it reads the schedule");
    static final Setting<Long> LEAD = Setting.duration("lead", 300_000_000_000L,
            "how far ahead it provisions, about a cold start");

    /** {@code scheduled}: it reads the rate schedule, so its metric is the rate. */
    public static final class Provider implements ScalingPolicyProvider {
        @Override
        public String name() {
            return "scheduled";
        }

        @Override
        public List<Setting<?>> settings() {
            return List.of(PERIOD, LEAD);
        }

        @Override
        public String unsupported(ScalingMetric m) {
            return m == ScalingMetric.RPS ? null : "it reads the workloads' rate schedule: use metric rps";
        }

        @Override
        public ScalingPolicy create(Settings settings, ScalingContext c) {
            return new ScheduledPolicy(c.scheduledRatePerSec(), c.target(), settings.get(PERIOD), settings.get(LEAD));
        }
    }

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
