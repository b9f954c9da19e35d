package org.infersim.reports;

/** Seconds, minutes or hours on the time axis, whichever keeps its numbers short. */
record TimeUnit(double seconds, String label) {
    static TimeUnit forDuration(double durationS) {
        if (durationS >= 3 * 3600) {
            return new TimeUnit(3600, "h");
        }
        if (durationS >= 10 * 60) {
            return new TimeUnit(60, "min");
        }
        return new TimeUnit(1, "s");
    }

    double of(double s) {
        return s / seconds;
    }

    double[] of(double[] s) {
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i] / seconds;
        }
        return out;
    }
}
