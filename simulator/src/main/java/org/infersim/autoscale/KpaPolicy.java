package org.infersim.autoscale;

/**
 * Knative's pod autoscaler (KPA), after knative/serving {@code pkg/autoscaler/scaling/autoscaler.go}
 * and the defaults of {@code config/core/configmaps/autoscaler.yaml}.
 *
 * <p>Every tick (2 s) it records the metric and averages it over a stable window (60 s) and a
 * panic window (10% of it). Each average gives a pod count, ceil(average / (target ·
 * utilization)), clamped to [floor(ready / 2), ceil(ready · 1000)] with ready counted as at least
 * one. When the panic count reaches twice the ready pods it panics: it then takes the larger of
 * the stable count and the highest panic count seen, never scaling down, until a whole stable
 * window passes without the threshold being crossed. A count of zero is held back for the
 * scale-to-zero grace period (30 s) so that the last replica does not vanish between two bursts.
 */
public final class KpaPolicy implements ScalingPolicy {
    public static final long TICK_NS = 2_000_000_000L;

    /** The KPA's settings; {@link #defaults(double)} gives Knative's. */
    public record Settings(double target, double targetUtilization, long stableWindowNs, double panicWindowFraction,
                           double panicThreshold, double maxScaleUpRate, double maxScaleDownRate,
                           long scaleToZeroGraceNs, long tickNs) {
        public static Settings defaults(double target) {
            return new Settings(target, 0.7, 60_000_000_000L, 0.10, 2.0, 1000.0, 2.0, 30_000_000_000L, TICK_NS);
        }
    }

    private final Settings s;
    private final MetricWindow stable;
    private final MetricWindow panic;
    private long panicSinceNs = -1;
    private int maxPanicPods;
    private long zeroSinceNs = -1;

    public KpaPolicy(Settings settings) {
        this.s = settings;
        this.stable = new MetricWindow(settings.stableWindowNs());
        this.panic = new MetricWindow(Math.max(settings.tickNs(), (long) (settings.stableWindowNs() * settings.panicWindowFraction())));
    }

    @Override
    public long periodNs() {
        return s.tickNs();
    }

    /** True while in panic mode, for tests and the time series. */
    public boolean panicking() {
        return panicSinceNs >= 0;
    }

    @Override
    public int desiredReplicas(ScalingObservation o) {
        long now = o.nowNs();
        stable.add(now, o.metric());
        panic.add(now, o.metric());
        double perPod = s.target() * s.targetUtilization();
        double readyPods = Math.max(1, o.ready());
        int maxUp = (int) Math.ceil(s.maxScaleUpRate() * readyPods);
        int maxDown = (int) Math.floor(readyPods / s.maxScaleDownRate());
        int stablePods = (int) Math.ceil(stable.average() / perPod - 1e-9);
        int panicPods = (int) Math.ceil(panic.average() / perPod - 1e-9);
        boolean overThreshold = panicPods / readyPods >= s.panicThreshold();
        int desiredStable = Math.min(Math.max(stablePods, maxDown), maxUp);
        int desiredPanic = Math.min(Math.max(panicPods, maxDown), maxUp);

        if (overThreshold) {
            if (panicSinceNs < 0) {
                maxPanicPods = o.ready(); // panic never scales below what already serves
            }
            panicSinceNs = now; // enter, or extend
        } else if (panicSinceNs >= 0 && now - panicSinceNs >= s.stableWindowNs()) {
            panicSinceNs = -1;
            maxPanicPods = 0;
        }
        int desired = desiredStable;
        if (panicSinceNs >= 0) {
            maxPanicPods = Math.max(maxPanicPods, desiredPanic);
            // In panic it only ratchets up; the stable count can still be the larger.
            desired = Math.max(maxPanicPods, desiredStable);
        }
        return holdLastReplica(desired, o, now);
    }

    private int holdLastReplica(int desired, ScalingObservation o, long now) {
        if (desired > 0 || o.current() == 0) {
            zeroSinceNs = -1;
            return desired;
        }
        if (zeroSinceNs < 0) {
            zeroSinceNs = now;
        }
        return now - zeroSinceNs >= s.scaleToZeroGraceNs() ? 0 : 1;
    }
}
