package org.infersim.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.infersim.study.compare.ComparedFigure;
import org.infersim.study.compare.ConfidenceInterval;
import org.infersim.study.compare.Negligible;
import org.infersim.study.compare.PolicyComparison;

/**
 * What {@code infersim compare} prints at the end: each policy's mean ± half-width per figure,
 * then every paired difference with its interval and, where it excludes zero, which policy wins.
 */
final class ComparisonTable {
    private ComparisonTable() {}

    static String render(PolicyComparison c) {
        StringBuilder out = new StringBuilder();
        String level = percent(c.level());
        failures(c, out);
        if (c.figures().isEmpty()) {
            out.append("No run finished, so there is nothing to compare.\n");
            return out.toString();
        }
        int labelWidth = 18;
        int width = 6;
        List<List<String>> cells = new ArrayList<>();
        for (ComparedFigure f : c.figures()) {
            List<String> row = new ArrayList<>();
            for (PolicyComparison.PolicyResult p : c.policies()) {
                ConfidenceInterval ci = p.intervals().get(f);
                String cell = ci.n() == 0 && !p.failures().isEmpty() ? "failed" : meanAndHalfWidth(f, ci);
                row.add(cell);
                width = Math.max(width, cell.length());
            }
            cells.add(row);
        }
        for (PolicyComparison.PolicyResult p : c.policies()) {
            width = Math.max(width, p.policy().length());
        }
        out.append(String.format(Locale.ROOT, "%nMean over replications ± half-width of the %s confidence interval (Student's t)%n", level));
        out.append(String.format(Locale.ROOT, "%-" + labelWidth + "s", "figure"));
        for (PolicyComparison.PolicyResult p : c.policies()) {
            out.append("  ").append(String.format(Locale.ROOT, "%" + width + "s", p.policy()));
        }
        out.append('\n');
        for (int i = 0; i < c.figures().size(); i++) {
            out.append(String.format(Locale.ROOT, "%-" + labelWidth + "s", label(c.figures().get(i))));
            for (String cell : cells.get(i)) {
                out.append("  ").append(String.format(Locale.ROOT, "%" + width + "s", cell));
            }
            out.append('\n');
        }

        out.append(String.format(Locale.ROOT, "%nPaired differences (first − second, replication by replication on the same "
                + "seed), %s interval; * = significant (the interval excludes 0); negligible = significant but too "
                + "small to act on%n", level));
        int pairWidth = 0;
        for (PolicyComparison.Difference d : c.differences()) {
            pairWidth = Math.max(pairWidth, d.policy().length() + d.versus().length() + 3);
        }
        for (ComparedFigure f : c.figures()) {
            out.append(label(f)).append('\n');
            // A pair with a failed policy has nothing to say (the failure is listed above); a figure
            // that no policy changes at any replication (a fixed fleet's cost) takes one line, not one per pair.
            List<PolicyComparison.Difference> pairs = c.differences().stream()
                    .filter(d -> d.figure() == f && d.interval().n() > 0).toList();
            if (!pairs.isEmpty() && pairs.stream().allMatch(d -> d.interval().mean() == 0 && d.interval().halfWidth() == 0)) {
                out.append("  the same under every policy at every replication\n");
                continue;
            }
            for (PolicyComparison.Difference d : pairs) {
                ConfidenceInterval ci = d.interval();
                String pair = d.policy() + " − " + d.versus();
                String verdict = ci.n() < 2 ? "too few paired replications for an interval"
                        : d.better() != null ? "* " + d.better() + " better"
                        : d.negligible() ? "* negligible (under " + negligibleWords(f, c.negligible()) + ")"
                        : "  no significant difference";
                out.append(String.format(Locale.ROOT, "  %-" + pairWidth + "s  %22s  [%s, %s]  %s%n", pair,
                        signedMeanAndHalfWidth(f, ci), plain(f, ci.low(), ci.halfWidth()),
                        plain(f, ci.high(), ci.halfWidth()), verdict));
            }
        }
        if (!c.sameArrivals() && c.arrivalsFollowAnswers()) {
            out.append("\nNote: the policies saw different numbers of arrivals, as expected: a closed loop's users and a "
                    + "conversation's turns send their next request when an answer comes back, so the load depends on "
                    + "the policy; each user's and each session's own draws are the same under every policy.\n");
        } else if (!c.sameArrivals()) {
            out.append("\nWarning: the policies did not all see the same number of arrivals at every replication; "
                    + "common random numbers do not hold (see commonRandomNumbers in compare.json).\n");
        }
        return out.toString();
    }

    private static void failures(PolicyComparison c, StringBuilder out) {
        for (PolicyComparison.PolicyResult p : c.policies()) {
            if (p.failures().isEmpty()) {
                continue;
            }
            Set<String> reasons = new LinkedHashSet<>(p.failures().values());
            out.append(String.format(Locale.ROOT, "%s: %d of %d runs failed: %s%n", p.policy(), p.failures().size(),
                    p.runs().size(), String.join("; ", reasons)));
        }
    }

    static String label(ComparedFigure f) {
        return switch (f.unit()) {
            case "fraction" -> f.label() + " (%)";
            case "count" -> f.label();
            default -> f.label() + " (" + f.unit() + ")";
        };
    }

    /** {@code 812 ± 45}: the mean to the precision its half-width warrants. */
    static String meanAndHalfWidth(ComparedFigure f, ConfidenceInterval ci) {
        if (ci.n() == 0) {
            return "-";
        }
        double scale = scale(f);
        if (ci.halfWidth() == 0) {
            // No spread (a fixed fleet's cost): the value as it is, without decimals the interval does not warrant.
            return new java.math.BigDecimal(ci.mean() * scale).round(new java.math.MathContext(4)).stripTrailingZeros()
                    .toPlainString() + " ± 0";
        }
        int decimals = decimals(ci.mean() * scale, ci.halfWidth() * scale);
        String mean = fixed(ci.mean() * scale, decimals);
        return Double.isFinite(ci.halfWidth()) ? mean + " ± " + fixed(ci.halfWidth() * scale, decimals)
                : mean + " (n=" + ci.n() + ")";
    }

    private static String signedMeanAndHalfWidth(ComparedFigure f, ConfidenceInterval ci) {
        String s = meanAndHalfWidth(f, ci);
        return ci.n() > 0 && ci.mean() >= 0 ? "+" + s : s;
    }

    private static String plain(ComparedFigure f, double v, double halfWidth) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        double scale = scale(f);
        return fixed(v * scale, decimals(v * scale, halfWidth * scale));
    }

    private static double scale(ComparedFigure f) {
        return f.unit().equals("fraction") ? 100 : 1;
    }

    /** The threshold in words: "2% and 1 ms" for a latency, "2%" for the rest. */
    private static String negligibleWords(ComparedFigure f, Negligible n) {
        String share = java.math.BigDecimal.valueOf(n.relative() * 100).stripTrailingZeros().toPlainString() + "%";
        return "ms".equals(f.unit())
                ? share + " and " + java.math.BigDecimal.valueOf(n.latencyMs()).stripTrailingZeros().toPlainString() + " ms"
                : share;
    }

    /**
     * Two significant digits of the half-width decide the decimals (more would be noise); with no
     * spread at all, three significant digits of the value.
     */
    static int decimals(double value, double halfWidth) {
        double basis = Double.isFinite(halfWidth) && halfWidth > 0 ? halfWidth : Math.abs(value) / 100;
        if (!(basis > 0)) {
            return 0;
        }
        int d = 1 - (int) Math.floor(Math.log10(basis));
        return Math.max(0, Math.min(6, d));
    }

    private static String fixed(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
