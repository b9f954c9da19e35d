package org.infersim.results;

/**
 * One latency's distribution for one stream (or "all"): values in milliseconds at a ladder of
 * percentiles, fine enough to draw a CDF. Empty arrays when nothing was measured.
 */
public record LatencyDistribution(String stream, String metric, double[] percentiles, double[] valuesMs) {

    /** The percentiles published: every integer, then the tail in finer steps. */
    public static double[] ladder() {
        double[] tail = {99.5, 99.9, 99.99, 100};
        double[] p = new double[100 + tail.length];
        for (int i = 0; i < 100; i++) {
            p[i] = i; // 0 is the minimum
        }
        System.arraycopy(tail, 0, p, 100, tail.length);
        return p;
    }
}
