package org.infersim.autoscale;

import java.util.ArrayDeque;

/** The average of a metric's samples over a sliding window of time, as Knative keeps it. */
final class MetricWindow {
    private record Sample(long atNs, double value) {}

    private final long lengthNs;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private double sum;

    MetricWindow(long lengthNs) {
        this.lengthNs = lengthNs;
    }

    void add(long nowNs, double value) {
        samples.addLast(new Sample(nowNs, value));
        sum += value;
        while (!samples.isEmpty() && samples.peekFirst().atNs() <= nowNs - lengthNs) {
            sum -= samples.removeFirst().value();
        }
    }

    /** Mean of the samples in the window; 0 when there are none. */
    double average() {
        return samples.isEmpty() ? 0 : sum / samples.size();
    }

    /** The largest sample in the window (for stabilisation windows); 0 when empty. */
    double max() {
        double m = 0;
        for (Sample s : samples) {
            m = Math.max(m, s.value());
        }
        return m;
    }
}
