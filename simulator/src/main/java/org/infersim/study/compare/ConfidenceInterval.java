package org.infersim.study.compare;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The mean of a small sample (one value per replication) and its Student's t confidence
 * interval: mean ± t(1 − α/2, n − 1) · s / √n, with s the sample standard deviation. Replications
 * are independent and few (five by default), so the normal quantile 1.96 would be too narrow:
 * with n = 5 the t quantile is 2.776.
 *
 * @param n the number of values; with fewer than two the half-width is undefined (NaN)
 * @param mean the sample mean (NaN when n is 0)
 * @param halfWidth t · s / √n; 0 when every value is the same
 * @param level the confidence level, such as 0.95
 */
public record ConfidenceInterval(int n, double mean, double halfWidth, double level) {
    public static final double LEVEL = 0.95;

    /** The interval at the 95% level. */
    public static ConfidenceInterval of(double[] sample) {
        return of(sample, LEVEL);
    }

    public static ConfidenceInterval of(double[] sample, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("a confidence level is in (0, 1), got " + level);
        }
        int n = sample.length;
        if (n == 0) {
            return new ConfidenceInterval(0, Double.NaN, Double.NaN, level);
        }
        double mean = 0;
        for (double v : sample) {
            mean += v;
        }
        mean /= n;
        if (n == 1) {
            return new ConfidenceInterval(1, mean, Double.NaN, level);
        }
        double squares = 0;
        for (double v : sample) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        return new ConfidenceInterval(n, mean, tQuantile(level, n - 1) * sd / Math.sqrt(n), level);
    }

    /** The two-sided quantile t(1 − (1 − level)/2, df): 2.776 for 95% and 4 degrees of freedom. */
    public static double tQuantile(double level, int degreesOfFreedom) {
        return TDistribution.of(degreesOfFreedom).inverseCumulativeProbability(1 - (1 - level) / 2);
    }

    public double low() {
        return mean - halfWidth;
    }

    public double high() {
        return mean + halfWidth;
    }

    /** True when the interval lies wholly above or wholly below zero: for a difference, a significant one. */
    public boolean excludesZero() {
        return Double.isFinite(halfWidth) && (low() > 0 || high() < 0);
    }
}
