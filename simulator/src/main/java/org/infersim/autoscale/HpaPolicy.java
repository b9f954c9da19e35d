package org.infersim.autoscale;

import java.util.ArrayDeque;
import java.util.List;
import org.infersim.plugin.Setting;
import org.infersim.plugin.Settings;

/**
 * The Kubernetes horizontal pod autoscaler (autoscaling/v2), for one metric with an average-value
 * target per replica: every 15 s, desired = ceil(replicas · per-replica metric / target), no change
 * within a tolerance of 10%. Replicas that are not ready yet count as using nothing when scaling
 * up, which is what stops the HPA from adding replica after replica while the first ones are
 * still starting. Scaling up is limited to the larger of +100% and +4 replicas per period;
 * scaling down takes the highest recommendation of the last 300 s (stabilisation).
 */
public final class HpaPolicy implements ScalingPolicy {
    static final Setting<Long> PERIOD = Setting.duration("period", 15_000_000_000L, "sync period");
    static final Setting<Double> TOLERANCE = Setting.fraction("tolerance", 0.1, "no change within it");
    static final Setting<Long> SCALE_DOWN_WINDOW = Setting.duration("scaleDownWindow", 300_000_000_000L,
            "scale-down stabilisation");
    static final Setting<Double> SCALE_UP_PODS = Setting.number("scaleUpPods", 4.0,
            "scale-up limit in replicas per period");
    static final Setting<Double> SCALE_UP_PERCENT = Setting.fraction("scaleUpPercent", 1.0,
            "scale-up limit as a share per period");

    /** The HPA's configuration; {@link #defaults(double)} gives Kubernetes'. */
    public record Config(double target, double tolerance, long periodNs, long scaleDownWindowNs, int scaleUpPods,
                         double scaleUpPercent) {
        public static Config defaults(double target) {
            return of(target, Settings.NONE);
        }

        /** The configuration for a per-replica target with the settings a scenario gave. */
        public static Config of(double target, Settings s) {
            return new Config(target, s.get(TOLERANCE), s.get(PERIOD), s.get(SCALE_DOWN_WINDOW),
                    (int) (double) s.get(SCALE_UP_PODS), s.get(SCALE_UP_PERCENT) * 100);
        }
    }

    /** {@code hpa}: never below one replica; a latency does not add up over replicas. */
    public static final class Provider implements ScalingPolicyProvider {
        @Override
        public String name() {
            return "hpa";
        }

        @Override
        public List<Setting<?>> settings() {
            return List.of(PERIOD, TOLERANCE, SCALE_DOWN_WINDOW, SCALE_UP_PODS, SCALE_UP_PERCENT);
        }

        @Override
        public String unsupported(ScalingMetric metric) {
            return metric.whyNotSummed();
        }

        @Override
        public String whyNotZero() {
            return "the Kubernetes HPA cannot scale to zero (KEDA adds that); use min: 1, or policy kpa or runai";
        }

        @Override
        public ScalingPolicy create(Settings settings, ScalingContext context) {
            return new HpaPolicy(Config.of(context.target(), settings));
        }
    }

    private record Recommendation(long atNs, int replicas) {}

    private final Config s;
    private final ArrayDeque<Recommendation> recent = new ArrayDeque<>();

    public HpaPolicy(Config settings) {
        this.s = settings;
    }

    @Override
    public long periodNs() {
        return s.periodNs();
    }

    @Override
    public int desiredReplicas(ScalingObservation o) {
        int current = o.current();
        int desired = recommend(o);
        recent.addLast(new Recommendation(o.nowNs(), desired));
        while (recent.peekFirst().atNs() <= o.nowNs() - s.scaleDownWindowNs()) {
            recent.removeFirst();
        }
        if (desired < current) {
            for (Recommendation r : recent) {
                desired = Math.max(desired, r.replicas());
            }
            desired = Math.min(desired, current);
        } else if (desired > current) {
            int limit = Math.max(current + s.scaleUpPods(), (int) Math.ceil(current * (1 + s.scaleUpPercent() / 100)));
            desired = Math.min(desired, limit);
        }
        return desired;
    }

    private int recommend(ScalingObservation o) {
        int current = o.current();
        if (o.ready() == 0) {
            return current; // no metrics to act on
        }
        double ratio = o.metric() / o.ready() / s.target();
        if (Math.abs(ratio - 1) <= s.tolerance()) {
            return current;
        }
        if (ratio > 1 && o.starting() > 0) {
            // Unready replicas count as using 0: they will take load once ready.
            double withStarting = o.metric() / current / s.target();
            if (withStarting <= 1 + s.tolerance()) {
                return current;
            }
            return (int) Math.ceil(withStarting * current);
        }
        return (int) Math.ceil(ratio * o.ready()) + (ratio < 1 ? o.starting() : 0);
    }
}
