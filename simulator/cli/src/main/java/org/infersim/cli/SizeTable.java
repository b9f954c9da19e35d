package org.infersim.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.infersim.model.cluster.Ownership;
import org.infersim.study.compare.ConfidenceInterval;
import org.infersim.study.compare.Negligible;
import org.infersim.study.size.Rival;
import org.infersim.study.size.SizeSpec;
import org.infersim.study.size.Sizing;

/**
 * The sizing's answer on the terminal: each candidate's fewest replicas with its figures as means
 * ± 95% half-widths, the cheapest, what the cheapest cannot be told apart from, and which answers
 * are borderline.
 */
final class SizeTable {
    private final SizeSpec spec;
    private final Sizing.Result result;
    private final Negligible negligible;

    SizeTable(SizeSpec spec, Sizing.Result result, Negligible negligible) {
        this.spec = spec;
        this.result = result;
        this.negligible = negligible;
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "%n%-24s %8s %5s %10s %16s %14s %6s%n", "candidate", "replicas", "gpus", "$/h",
                "p95 TTFT ms", "p95 TPOT ms", "runs");
        for (Sizing.Candidate c : result.candidates()) {
            if (c.replicas() == null) {
                out.printf(Locale.ROOT, "%-24s %8s  %s (%d runs)%n", c.label(), "-", c.reason(), c.runs());
                continue;
            }
            var e = c.estimate();
            out.printf(Locale.ROOT, "%-24s %8d %5d %10.2f %16s %14s %6d%s%n", c.label(), c.replicas(), c.figures().gpus(),
                    e.costPerHourUsd().mean(), interval(e.ttftP95Ms(), "%.0f"), interval(e.tpotP95Ms(), "%.1f"),
                    c.runs(), (c == result.cheapest() ? "  <- cheapest" : "") + (c.borderline() ? "  (borderline)" : ""));
        }
        int n = spec.replications();
        out.printf(Locale.ROOT, "%s%n", n == 1
                ? "One replication per probe: no intervals, and latencies cannot be told apart (set replications: in the size file)."
                : String.format(Locale.ROOT, "%d replications per probe under shared seeds; ± is the 95%% interval of the mean. "
                        + "A count meets the SLO only when every replication does.", n));
        Sizing.Candidate best = result.cheapest();
        if (best == null) {
            out.println("\nNo candidate meets the SLO within maxReplicas " + spec.maxReplicas() + ".");
            return;
        }
        out.printf(Locale.ROOT, "%nCheapest: %d x %s ($%.2f/h).%n", best.replicas(), best.label(),
                best.estimate().costPerHourUsd().mean());
        Sizing.Candidate rented = result.cheapestByCostModel().get("on-demand");
        Sizing.Candidate owned = result.cheapestByCostModel().get("on-prem");
        if (rented != null && owned != null) {
            double month = Ownership.HOURS_PER_MONTH;
            out.printf(Locale.ROOT, "Cheapest rented on demand: %d x %s, $%,.0f a month. Cheapest owned: %d x %s, "
                            + "$%,.0f a month (servers over their depreciation, space, electricity).%n",
                    rented.replicas(), rented.label(), rented.estimate().onDemandPerHourUsd().mean() * month,
                    owned.replicas(), owned.label(), owned.estimate().onPremPerHourUsd().mean() * month);
            Sizing.BuildVsBuy b = result.buildVsBuy();
            if (b != null) {
                out.printf(Locale.ROOT, "Against the hosted API ($%,.0f a month for this traffic), owning costs %.0f%% of "
                        + "its bill: it is cheaper above %.0f%% of this traffic.%n", b.apiPerMonthUsd(),
                        100 * b.breakEvenUtilization(), 100 * b.breakEvenUtilization());
            }
        }
        for (Sizing.Candidate c : result.candidates()) {
            if (c.borderline()) {
                out.printf(Locale.ROOT, "  %s is borderline: with %d replicas, %d of %d replications met the SLO too; "
                        + "more replications would settle it.%n", c.label(), c.replicas() - 1, c.belowMetIn(), n);
            }
        }
        for (Rival r : result.rivals()) {
            if (r.cost() != Rival.Verdict.SAME) {
                continue;
            }
            out.printf(Locale.ROOT, "  %s costs the same (within %s or the interval)%s%n", r.label(),
                    percent(negligible.relative()), r.notDistinguishable()
                            ? " and is not distinguishable from it: " + differences(r)
                            : ": " + differences(r));
        }
    }

    private static String differences(Rival r) {
        List<String> parts = new ArrayList<>();
        parts.add("p95 TTFT " + difference(r.ttftP95Ms(), r.ttft(), 0));
        parts.add("p95 TPOT " + difference(r.tpotP95Ms(), r.tpot(), 1));
        return String.join(", ", parts) + ".";
    }

    /** A difference in ms as "+12 ± 30 ms (lower)", with {@code digits} decimals. */
    private static String difference(ConfidenceInterval d, Rival.Verdict v, int digits) {
        String value = String.format(Locale.ROOT, "%+." + digits + "f", d.mean())
                + (Double.isFinite(d.halfWidth()) ? String.format(Locale.ROOT, " ± %." + digits + "f", d.halfWidth()) : "")
                + " ms";
        return value + switch (v) {
            case LOWER -> " (lower)";
            case HIGHER -> " (higher)";
            case SAME -> " (no difference)";
            case UNKNOWN -> " (unknown with one replication)";
        };
    }

    private static String interval(ConfidenceInterval ci, String format) {
        String mean = String.format(Locale.ROOT, format, ci.mean());
        return Double.isFinite(ci.halfWidth()) ? mean + " ± " + String.format(Locale.ROOT, format, ci.halfWidth()) : mean;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
