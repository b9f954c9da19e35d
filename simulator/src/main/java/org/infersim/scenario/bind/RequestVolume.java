package org.infersim.scenario.bind;

import java.util.List;
import java.util.Locale;
import org.infersim.input.InputFile;
import org.infersim.input.Quantities;
import org.infersim.scenario.ArrivalSpec;
import org.infersim.scenario.Workload;

/**
 * How many requests the open workloads of a scenario are expected to send over its duration, and
 * the refusal of a scenario that asks for more than one run can simulate: every request is several
 * events, and those that wait (all of them, when the rate is beyond the cluster) are held in memory
 * until served, so a million a second for five minutes ran out of memory instead of answering.
 * Closed loops are left out: their users send only as fast as they are answered.
 */
final class RequestVolume {
    /** Two hundred million requests: minutes of simulation, and gigabytes if most of them wait. */
    static final long MAX_REQUESTS = 200_000_000L;

    private RequestVolume() {}

    /**
     * Adds a problem at the arrival of the workload that sends the most when together they send more
     * than {@link #MAX_REQUESTS}, saying how far to lower the load or the duration; whether they send no more.
     */
    static boolean check(List<Workload> workloads, long durationNs, InputFile in) {
        double total = 0;
        int largest = -1;
        double most = 0;
        for (int i = 0; i < workloads.size(); i++) {
            double n = expected(workloads.get(i).arrival(), durationNs);
            total += n;
            if (n > most) {
                most = n;
                largest = i;
            }
        }
        if (total <= MAX_REQUESTS) {
            return true;
        }
        double scale = MAX_REQUESTS / total;
        ArrivalSpec arrival = workloads.get(largest).arrival();
        String load = arrival instanceof ArrivalSpec.Poisson p ? "the rate to at most " + rate(p.ratePerSec() * scale)
                : arrival instanceof ArrivalSpec.Gamma g ? "the rate to at most " + rate(g.ratePerSec() * scale)
                : "the load to " + String.format(Locale.ROOT, "%.3g", scale) + " of this";
        String together = workloads.size() == 1 ? "" : " (the workloads together; this one sends the most)";
        in.problem("workloads[" + largest + "].arrival", "about " + count(total) + " requests over "
                + Quantities.formatDuration(durationNs) + together + ", more than the " + count(MAX_REQUESTS)
                + " one run can simulate (each is several events, and those waiting are held in memory); lower "
                + load + ", or the duration to at most "
                + Quantities.formatDuration((long) Math.floor(durationNs * scale)));
        return false;
    }

    /** The expected number of requests an arrival process sends in [0, duration). */
    static double expected(ArrivalSpec spec, long durationNs) {
        double seconds = durationNs / 1e9;
        if (spec instanceof ArrivalSpec.Poisson p) {
            return p.ratePerSec() * seconds;
        }
        if (spec instanceof ArrivalSpec.Gamma g) {
            return g.ratePerSec() * seconds;
        }
        if (spec instanceof ArrivalSpec.Steps s) {
            return stepped(s.steps(), durationNs);
        }
        if (spec instanceof ArrivalSpec.Constant c) {
            return stepped(c.stages(), durationNs);
        }
        if (spec instanceof ArrivalSpec.Diurnal d) {
            // The integral of mean · (1 + amplitude · cos(2π (t − peakAt) / period)) over [0, duration).
            double w = 2 * Math.PI / (d.periodNs() / 1e9);
            double peak = d.peakAtNs() / 1e9;
            return d.meanRatePerSec() * (seconds + d.amplitude() / w * (Math.sin(w * (seconds - peak)) - Math.sin(-w * peak)));
        }
        if (spec instanceof ArrivalSpec.Trace t) {
            return t.offsetsNs().length;
        }
        return 0;
    }

    private static double stepped(List<ArrivalSpec.Step> steps, long durationNs) {
        double n = 0;
        for (int i = 0; i < steps.size(); i++) {
            long from = Math.min(steps.get(i).atNs(), durationNs);
            long to = i + 1 < steps.size() ? Math.min(steps.get(i + 1).atNs(), durationNs) : durationNs;
            n += steps.get(i).ratePerSec() * ((to - from) / 1e9);
        }
        return n;
    }

    private static String count(double n) {
        return String.format(Locale.ROOT, "%,.0f", n);
    }

    private static String rate(double perSec) {
        return Quantities.formatRate(perSec >= 100 ? Math.floor(perSec) : Math.floor(perSec * 1000) / 1000);
    }
}
