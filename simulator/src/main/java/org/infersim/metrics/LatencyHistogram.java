package org.infersim.metrics;

import org.HdrHistogram.Histogram;

/**
 * Latencies in nanoseconds with three significant digits (HdrHistogram): bounded memory
 * whatever the number of requests, percentiles exact to 0.1%.
 */
public final class LatencyHistogram {
    private final Histogram histogram = new Histogram(3);

    public void record(long ns) {
        histogram.recordValue(Math.max(0, ns));
    }

    public void record(long ns, long count) {
        if (count > 0) {
            histogram.recordValueWithCount(Math.max(0, ns), count);
        }
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** Percentile in milliseconds, NaN when empty. */
    public double percentileMs(double p) {
        return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(p) / 1e6;
    }

    public double meanMs() {
        return count() == 0 ? Double.NaN : histogram.getMean() / 1e6;
    }

    public double minMs() {
        return count() == 0 ? Double.NaN : histogram.getMinValue() / 1e6;
    }

    public double maxMs() {
        return count() == 0 ? Double.NaN : histogram.getMaxValue() / 1e6;
    }

    public void add(LatencyHistogram other) {
        histogram.add(other.histogram);
    }

    public void reset() {
        histogram.reset();
    }
}
