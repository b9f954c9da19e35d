package org.infersim.model.workload;

import org.infersim.scenario.ArrivalSpec;
import org.infersim.scenario.Workload;

/** A time-varying arrival rate λ(t), in requests per second, with a known upper bound. */
public interface RateFunction {
    double ratePerSec(long tNs);

    double maxRatePerSec();

    /**
     * The rate of requests a planner expects from a workload at each time: its arrival's, times the
     * mean number of turns when each arrival starts a session (counting a session's later turns at
     * its start, although they come some think times after it).
     */
    static java.util.function.LongToDoubleFunction expected(Workload w) {
        java.util.function.LongToDoubleFunction arrivals = expected(w.arrival());
        if (w.session() == null) {
            return arrivals;
        }
        double turns = w.session().turns().mean();
        return t -> arrivals.applyAsDouble(t) * turns;
    }

    /**
     * The rate a planner expects from an arrival specification at each time: its schedule for steps,
     * constant stages and diurnal curves, its mean for the others (a trace's mean over its span). A
     * closed loop has no schedule of its own, since its rate follows the response time (users /
     * (response time + think time)): 0.
     */
    static java.util.function.LongToDoubleFunction expected(ArrivalSpec spec) {
        if (spec instanceof ArrivalSpec.Closed) {
            return t -> 0;
        }
        if (spec instanceof ArrivalSpec.Constant c) {
            return steps(c.stages())::ratePerSec;
        }
        if (spec instanceof ArrivalSpec.Poisson p) {
            return t -> p.ratePerSec();
        }
        if (spec instanceof ArrivalSpec.Gamma g) {
            return t -> g.ratePerSec();
        }
        if (spec instanceof ArrivalSpec.Steps s) {
            return steps(s)::ratePerSec;
        }
        if (spec instanceof ArrivalSpec.Diurnal d) {
            return diurnal(d)::ratePerSec;
        }
        ArrivalSpec.Trace tr = (ArrivalSpec.Trace) spec;
        int n = tr.offsetsNs().length;
        long span = n < 2 ? 0 : tr.offsetsNs()[n - 1] - tr.offsetsNs()[0];
        double mean = span <= 0 ? 0 : (n - 1) * tr.rateScale() / (span / 1e9);
        return t -> mean;
    }

    static RateFunction steps(ArrivalSpec.Steps s) {
        return steps(s.steps());
    }

    /** A piecewise-constant rate, each step holding from its time until the next one's. */
    static RateFunction steps(java.util.List<ArrivalSpec.Step> steps) {
        long[] at = new long[steps.size()];
        double[] rate = new double[steps.size()];
        double max = 0;
        for (int i = 0; i < at.length; i++) {
            at[i] = steps.get(i).atNs();
            rate[i] = steps.get(i).ratePerSec();
            max = Math.max(max, rate[i]);
        }
        double peak = max;
        return new RateFunction() {
            @Override
            public double ratePerSec(long t) {
                int i = java.util.Arrays.binarySearch(at, t);
                int idx = i >= 0 ? i : -i - 2;
                return idx < 0 ? 0 : rate[idx];
            }

            @Override
            public double maxRatePerSec() {
                return peak;
            }
        };
    }

    static RateFunction diurnal(ArrivalSpec.Diurnal d) {
        double twoPi = 2 * Math.PI;
        return new RateFunction() {
            @Override
            public double ratePerSec(long t) {
                double phase = twoPi * (t - d.peakAtNs()) / (double) d.periodNs();
                return d.meanRatePerSec() * (1 + d.amplitude() * Math.cos(phase));
            }

            @Override
            public double maxRatePerSec() {
                return d.meanRatePerSec() * (1 + d.amplitude());
            }
        };
    }
}
