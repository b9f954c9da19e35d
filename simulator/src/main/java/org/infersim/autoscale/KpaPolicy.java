package org.infersim.autoscale;

import java.util.List;
import org.infersim.plugin.Setting;
import org.infersim.plugin.Settings;

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
    static final Setting<Long> TICK = Setting.duration("tick", 2_000_000_000L, "how often it decides");
    static final Setting<Long> STABLE_WINDOW = Setting.duration("stableWindow", 60_000_000_000L, "averaging window");
    static final Setting<Double> PANIC_WINDOW = Setting.fraction("panicWindow", 0.10,
            "panic window as a share of the stable one");
    static final Setting<Double> PANIC_THRESHOLD = Setting.fraction("panicThreshold", 2.0,
            "panic when wanted / ready reaches it");
    static final Setting<Double> TARGET_UTILIZATION = Setting.fraction("targetUtilization", 0.7,
            "share of the target aimed at");
    static final Setting<Double> MAX_SCALE_UP_RATE = Setting.number("maxScaleUpRate", 1000.0,
            "at most ready x this per tick");
    static final Setting<Double> MAX_SCALE_DOWN_RATE = Setting.number("maxScaleDownRate", 2.0,
            "at least ready / this per tick");
    static final Setting<Long> SCALE_TO_ZERO_GRACE = Setting.duration("scaleToZeroGrace", 30_000_000_000L,
            "the last replica stays this long");

    /** The KPA's configuration; {@link #defaults(double)} gives Knative's. */
    public record Config(double target, double targetUtilization, long stableWindowNs, double panicWindowFraction,
                         double panicThreshold, double maxScaleUpRate, double maxScaleDownRate,
                         long scaleToZeroGraceNs, long tickNs) {
        public static Config defaults(double target) {
            return of(target, Settings.NONE);
        }

        /** The configuration for a per-replica target with the settings a scenario gave. */
        public static Config of(double target, Settings s) {
            return new Config(target, s.get(TARGET_UTILIZATION), s.get(STABLE_WINDOW), s.get(PANIC_WINDOW),
                    s.get(PANIC_THRESHOLD), s.get(MAX_SCALE_UP_RATE), s.get(MAX_SCALE_DOWN_RATE),
                    s.get(SCALE_TO_ZERO_GRACE), s.get(TICK));
        }
    }

    /** {@code kpa}: it scales to zero by default; a latency does not add up over replicas. */
    public static final class Provider implements ScalingPolicyProvider {
        @Override
        public String name() {
            return "kpa";
        }

        @Override
        public List<Setting<?>> settings() {
            return List.of(TICK, STABLE_WINDOW, PANIC_WINDOW, PANIC_THRESHOLD, TARGET_UTILIZATION, MAX_SCALE_UP_RATE,
                    MAX_SCALE_DOWN_RATE, SCALE_TO_ZERO_GRACE);
        }

        @Override
        public String unsupported(ScalingMetric metric) {
            return metric.whyNotSummed();
        }

        @Override
        public boolean scalesToZeroByDefault() {
            return true;
        }

        @Override
        public ScalingPolicy create(Settings settings, ScalingContext context) {
            return new KpaPolicy(Config.of(context.target(), settings));
        }
    }

    private final Config s;
    private final MetricWindow stable;
    private final MetricWindow panic;
    private long panicSinceNs = -1;
    private int maxPanicPods;
    private long zeroSinceNs = -1;

    public KpaPolicy(Config settings) {
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
