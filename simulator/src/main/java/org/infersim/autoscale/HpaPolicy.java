package org.infersim.autoscale;

import java.util.ArrayDeque;

/**
 * The Kubernetes horizontal pod autoscaler (autoscaling/v2), for one metric with an average-value
 * target per replica: every 15 s, desired = ceil(replicas · per-replica metric / target), no change
 * within a tolerance of 10%. Replicas that are not ready yet count as using nothing when scaling
 * up, which is what stops the HPA from adding replica after replica while the first ones are
 * still starting. Scaling up is limited to the larger of +100% and +4 replicas per period;
 * scaling down takes the highest recommendation of the last 300 s (stabilisation).
 */
public final class HpaPolicy implements ScalingPolicy {

    public record Settings(double target, double tolerance, long periodNs, long scaleDownWindowNs, int scaleUpPods,
                           double scaleUpPercent) {
        public static Settings defaults(double target) {
            return new Settings(target, 0.1, 15_000_000_000L, 300_000_000_000L, 4, 100);
        }
    }

    private record Recommendation(long atNs, int replicas) {}

    private final Settings s;
    private final ArrayDeque<Recommendation> recent = new ArrayDeque<>();

    public HpaPolicy(Settings settings) {
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
