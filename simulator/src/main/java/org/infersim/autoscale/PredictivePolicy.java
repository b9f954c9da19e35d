package org.infersim.autoscale;

import java.util.List;
import org.infersim.plugin.Setting;
import org.infersim.plugin.Settings;

/**
 * Scales ahead of the load: every period it updates a Holt (double exponential smoothing)
 * estimate of the metric's level and trend from what it has observed, forecasts the metric one
 * lead time ahead (about a cold start, so that replicas are ready when the load arrives) and asks
 * for ceil(max(forecast, now) / target) replicas. Scaling down waits for a stabilisation window,
 * as the HPA does, so that noise in the forecast does not make the fleet flap.
 */
public final class PredictivePolicy implements ScalingPolicy {
    static final Setting<Long> PERIOD = Setting.duration("period", 30_000_000_000L, "how often it forecasts");
    static final Setting<Long> LEAD = Setting.duration("lead", 300_000_000_000L, "how far ahead, about a cold start");
    static final Setting<Double> ALPHA = Setting.number("alpha", 0.5, "level smoothing");
    static final Setting<Double> BETA = Setting.number("beta", 0.2, "trend smoothing");
    static final Setting<Long> SCALE_DOWN_WINDOW = Setting.duration("scaleDownWindow", 300_000_000_000L,
            "scale-down stabilisation");

    /** The forecaster's configuration. */
    public record Config(double target, long periodNs, long leadNs, double alpha, double beta, long scaleDownWindowNs) {
        public static Config defaults(double target) {
            return of(target, Settings.NONE);
        }

        /** The configuration for a per-replica target with the settings a scenario gave. */
        public static Config of(double target, Settings s) {
            return new Config(target, s.get(PERIOD), s.get(LEAD), s.get(ALPHA), s.get(BETA), s.get(SCALE_DOWN_WINDOW));
        }
    }

    /** {@code predictive}: it forecasts a rate. */
    public static final class Provider implements ScalingPolicyProvider {
        @Override
        public String name() {
            return "predictive";
        }

        @Override
        public List<Setting<?>> settings() {
            return List.of(PERIOD, LEAD, ALPHA, BETA, SCALE_DOWN_WINDOW);
        }

        @Override
        public String unsupported(ScalingMetric m) {
            return m == ScalingMetric.RPS || m == ScalingMetric.TOKENS ? null
                    : "it forecasts a rate: use metric rps or tokens";
        }

        @Override
        public ScalingPolicy create(Settings settings, ScalingContext context) {
            return new PredictivePolicy(Config.of(context.target(), settings));
        }
    }

    private final Config s;
    private final MetricWindow recommendations;
    private double level = Double.NaN;
    private double trend;

    public PredictivePolicy(Config settings) {
        this.s = settings;
        this.recommendations = new MetricWindow(settings.scaleDownWindowNs());
    }

    @Override
    public long periodNs() {
        return s.periodNs();
    }

    /** The metric forecast one lead time ahead, from the observations so far. */
    public double forecast() {
        double steps = (double) s.leadNs() / s.periodNs();
        return Double.isNaN(level) ? 0 : Math.max(0, level + steps * trend);
    }

    @Override
    public int desiredReplicas(ScalingObservation o) {
        double x = o.metric();
        if (Double.isNaN(level)) {
            level = x;
        } else {
            double previous = level;
            level = s.alpha() * x + (1 - s.alpha()) * (level + trend);
            trend = s.beta() * (level - previous) + (1 - s.beta()) * trend;
        }
        int wanted = (int) Math.ceil(Math.max(forecast(), x) / s.target() - 1e-9);
        recommendations.add(o.nowNs(), wanted);
        return wanted >= o.current() ? wanted : Math.min(o.current(), (int) recommendations.max());
    }
}
