package org.infersim.study.size;

import java.util.List;
import java.util.function.Function;
import org.infersim.study.RunFigures;
import org.infersim.study.compare.ConfidenceInterval;
import org.infersim.study.compare.Negligible;

/**
 * A candidate that met the SLO set beside the cheapest: the differences (this candidate minus the
 * cheapest) in cost per hour and in p95 latencies, replication by replication under the same
 * seeds, with their 95% intervals, and what they say. A difference is {@link Verdict#SAME} when
 * its interval includes zero or it is below the practical threshold (a share of the cheapest's
 * figure and, for latencies, a number of milliseconds), so that noise is never called an answer.
 *
 * @param label the candidate, as "h200 fp8 TP2"
 * @param cost verdict on cost per hour: {@code SAME} means the two are equally cheap to act on
 * @param ttft verdict on p95 TTFT ({@code LOWER}: this candidate is faster)
 * @param tpot verdict on p95 TPOT
 */
public record Rival(String label, ConfidenceInterval costPerHourUsd, ConfidenceInterval ttftP95Ms,
                    ConfidenceInterval tpotP95Ms, Verdict cost, Verdict ttft, Verdict tpot) {

    /** What a difference says: this candidate's figure is higher, lower, or not distinguishably different. */
    public enum Verdict { HIGHER, LOWER, SAME, UNKNOWN }

    /** Whether nothing the sizing decides on tells this candidate from the cheapest. */
    public boolean notDistinguishable() {
        return cost == Verdict.SAME && ttft != Verdict.HIGHER && ttft != Verdict.LOWER
                && tpot != Verdict.HIGHER && tpot != Verdict.LOWER;
    }

    static Rival of(String label, List<RunFigures> candidate, List<RunFigures> cheapest, Negligible negligible) {
        double relative = negligible.relative();
        double latencyMs = negligible.latencyMs();
        ConfidenceInterval cost = difference(candidate, cheapest, RunFigures::costPerHourUsd);
        ConfidenceInterval ttft = difference(candidate, cheapest, RunFigures::ttftP95Ms);
        ConfidenceInterval tpot = difference(candidate, cheapest, RunFigures::tpotP95Ms);
        double costRef = FleetEstimate.interval(cheapest, RunFigures::costPerHourUsd).mean();
        return new Rival(label, cost, ttft, tpot,
                // A fleet's price does not depend on the seed in a static pool: with one
                // replication the cost difference is still exact.
                verdict(cost, costRef * relative, true),
                verdict(ttft, latencyThreshold(cheapest, RunFigures::ttftP95Ms, relative, latencyMs), false),
                verdict(tpot, latencyThreshold(cheapest, RunFigures::tpotP95Ms, relative, latencyMs), false));
    }

    /** A latency difference is negligible when it is under both the share of the cheapest's latency and the milliseconds. */
    private static double latencyThreshold(List<RunFigures> cheapest, Function<RunFigures, Double> figure,
                                           double relative, double latencyMs) {
        return Math.min(relative * Math.abs(FleetEstimate.interval(cheapest, figure).mean()), latencyMs);
    }

    private static Verdict verdict(ConfidenceInterval d, double negligible, boolean exactWithOne) {
        if (d.n() == 0) {
            return Verdict.UNKNOWN;
        }
        if (Math.abs(d.mean()) < negligible) {
            return Verdict.SAME;
        }
        boolean known = d.n() == 1 ? exactWithOne : Double.isFinite(d.halfWidth());
        if (!known) {
            return Verdict.UNKNOWN;
        }
        boolean significant = d.n() == 1 || d.excludesZero();
        return !significant ? Verdict.SAME : d.mean() > 0 ? Verdict.HIGHER : Verdict.LOWER;
    }

    /** The paired differences over the replications both candidates report the figure in. */
    private static ConfidenceInterval difference(List<RunFigures> a, List<RunFigures> b, Function<RunFigures, Double> figure) {
        int n = Math.min(a.size(), b.size());
        double[] d = new double[n];
        int k = 0;
        for (int r = 0; r < n; r++) {
            Double x = figure.apply(a.get(r));
            Double y = figure.apply(b.get(r));
            if (x != null && y != null && Double.isFinite(x) && Double.isFinite(y)) {
                d[k++] = x - y;
            }
        }
        return ConfidenceInterval.of(java.util.Arrays.copyOf(d, k));
    }
}
