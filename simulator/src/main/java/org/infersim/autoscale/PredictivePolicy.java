package org.infersim.autoscale;

/**
 * Scales ahead of the load: every period it updates a Holt (double exponential smoothing)
 * estimate of the metric's level and trend from what it has observed, forecasts the metric one
 * lead time ahead (about a cold start, so that replicas are ready when the load arrives) and asks
 * for ceil(max(forecast, now) / target) replicas. Scaling down waits for a stabilisation window,
 * as the HPA does, so that noise in the forecast does not make the fleet flap.
 */
public final class PredictivePolicy implements ScalingPolicy {

    public record Settings(double target, long periodNs, long leadNs, double alpha, double beta, long scaleDownWindowNs) {
        public static Settings defaults(double target) {
            return new Settings(target, 30_000_000_000L, 300_000_000_000L, 0.5, 0.2, 300_000_000_000L);
        }
    }

    private final Settings s;
    private final MetricWindow recommendations;
    private double level = Double.NaN;
    private double trend;

    public PredictivePolicy(Settings settings) {
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
