package org.infersim.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The "Policy comparison" part of a batch report, for a folder written by infersim compare: which
 * policy wins on each figure and by how much, each policy's mean with its confidence interval,
 * the paired differences, and replicas over time per policy against the load they all shared.
 */
final class ComparisonSection {
    private final HtmlPage page;
    private final ComparisonResults c;
    private final String level;

    private ComparisonSection(HtmlPage page, ComparisonResults c) {
        this.page = page;
        this.c = c;
        this.level = Figures.fixed(c.level() * 100, 0) + "%";
    }

    static void add(HtmlPage page, ComparisonResults comparison) {
        new ComparisonSection(page, comparison).build();
    }

    private void build() {
        page.section("comparison", "Policy comparison");
        page.paragraph("Each policy ran the same scenario " + c.replications() + " times. Replication r of every "
                + "policy used the same seed, and every component draws from its own random stream, so all "
                + "policies saw the same arrivals and the same request lengths (common random numbers)"
                + (c.sameArrivals() ? "; every policy did count the same arrivals at every replication. "
                : c.arrivalsFollowAnswers() ? ". The arrival counts differ between policies, as they must: a closed "
                + "loop's users and a conversation's turns send their next request when an answer comes back, so the "
                + "load depends on the policy, while each user's and session's own draws are the same. "
                : ". Warning: the policies did not all count the same arrivals at some replication, so the "
                + "comparison is not on identical traffic (see commonRandomNumbers in compare.json). ")
                + "Intervals are " + level + " Student's t intervals over the replications. The policy was set at "
                + (c.paths().isEmpty() ? "the paths of the batch file's compare section" : String.join(", ", c.paths()))
                + ".");
        failures();
        if (c.figures().isEmpty()) {
            page.paragraph("No run finished, so there is nothing to compare.");
            return;
        }
        verdicts();
        means();
        intervalCharts();
        differences();
        replicasOverTime();
    }

    private void failures() {
        for (ComparisonResults.Policy p : c.policies()) {
            if (!p.failed().isEmpty()) {
                page.paragraph(p.name() + ": " + p.failed().size() + " of " + p.runs().size() + " runs failed ("
                        + String.join("; ", new java.util.LinkedHashSet<>(p.failed().values()))
                        + "); its figures come from the runs that finished, if any.");
            }
        }
    }

    // ---- which policy wins ------------------------------------------------------------------------

    private void verdicts() {
        page.heading("Which policy wins");
        StringBuilder list = new StringBuilder("<ul class=\"verdicts\">\n");
        for (ComparisonResults.Figure f : c.figures()) {
            list.append("<li>").append(HtmlPage.escape(verdict(f))).append("</li>\n");
        }
        page.html(list.append("</ul>").toString());
    }

    /** One sentence: the best mean, and against each other policy whether the paired difference is significant. */
    String verdict(ComparisonResults.Figure f) {
        List<ComparisonResults.Policy> ranked = c.policies().stream()
                .filter(p -> p.figures().get(f.key()).mean() != null)
                .sorted(Comparator.comparingDouble(p -> (f.higherIsBetter() ? -1 : 1) * p.figures().get(f.key()).mean()))
                .toList();
        if (ranked.isEmpty()) {
            return f.label() + ": no policy reported it.";
        }
        if (identical(f)) {
            return f.label() + ": the same under every policy at every replication ("
                    + withUnit(f, ranked.get(0).figures().get(f.key()).mean(), false) + ").";
        }
        ComparisonResults.Policy best = ranked.get(0);
        ComparisonResults.Interval bi = best.figures().get(f.key());
        String direction = f.higherIsBetter() ? "higher" : "lower";
        List<String> wins = new ArrayList<>();
        List<String> ties = new ArrayList<>();
        List<String> negligible = new ArrayList<>();
        for (ComparisonResults.Policy other : ranked.subList(1, ranked.size())) {
            ComparisonResults.Difference d = between(f, best.name(), other.name());
            if (d == null || d.interval().n() < 2 || !Boolean.TRUE.equals(d.significant())) {
                ties.add(other.name());
                continue;
            }
            if (d.negligible()) {
                negligible.add(other.name());
                continue;
            }
            // The stored difference is earlier − later in the order given; turn it into best − other.
            double sign = d.policy().equals(best.name()) ? 1 : -1;
            double mean = Math.abs(sign * d.interval().mean());
            double a = Math.abs(sign * d.interval().low());
            double b = Math.abs(sign * d.interval().high());
            double hw = d.interval().halfWidth();
            wins.add(other.name() + " by " + unit(f, plain(f, mean, hw), true) + (hw == 0
                    ? " (at every replication)"
                    : " (" + level + " interval " + plain(f, Math.min(a, b), hw) + " to " + plain(f, Math.max(a, b), hw) + ")"));
        }
        String superlative = f.higherIsBetter() ? "highest" : "lowest";
        StringBuilder s = new StringBuilder(f.label()).append(": ");
        if (wins.isEmpty()) {
            s.append("no policy is significantly better; ").append(best.name()).append(" has the ").append(superlative)
                    .append(" mean, ").append(meanWithUnit(f, bi));
            if (!ties.isEmpty()) {
                s.append(", within the noise of ").append(String.join(" and ", ties));
            }
            if (!negligible.isEmpty()) {
                s.append(ties.isEmpty() ? ", " : "; ").append("ahead of ").append(String.join(" and ", negligible))
                        .append(" by a negligible margin");
            }
            return s.append('.').toString();
        }
        s.append(best.name()).append(" is ").append(superlative).append(", ").append(meanWithUnit(f, bi))
                .append(": ").append(direction).append(" than ").append(String.join(" and than ", wins));
        if (!ties.isEmpty()) {
            s.append("; not significantly different from ").append(String.join(" or ", ties));
        }
        if (!negligible.isEmpty()) {
            s.append("; ahead of ").append(String.join(" and ", negligible)).append(" by a negligible margin");
        }
        return s.append('.').toString();
    }

    private ComparisonResults.Difference between(ComparisonResults.Figure f, String a, String b) {
        for (ComparisonResults.Difference d : c.differences()) {
            if (d.figure().equals(f.key()) && ((d.policy().equals(a) && d.versus().equals(b))
                    || (d.policy().equals(b) && d.versus().equals(a)))) {
                return d;
            }
        }
        return null;
    }

    // ---- means and their intervals --------------------------------------------------------------

    private void means() {
        page.heading("Means with their " + level + " confidence intervals");
        List<String> headers = new ArrayList<>(List.of("Policy"));
        c.figures().forEach(f -> headers.add(f.axisLabel()));
        headers.add("Runs");
        HtmlTable t = new HtmlTable(headers);
        for (ComparisonResults.Policy p : c.policies()) {
            List<HtmlTable.Cell> cells = new ArrayList<>();
            cells.add(HtmlTable.text(p.name()));
            for (ComparisonResults.Figure f : c.figures()) {
                ComparisonResults.Interval i = p.figures().get(f.key());
                cells.add(HtmlTable.number(i.mean(), i.mean() == null ? Figures.NONE : plusMinus(f, i)));
            }
            int ok = p.runs().size() - p.failed().size();
            cells.add(HtmlTable.number((double) ok, ok + " of " + p.runs().size()));
            t.row(ok == 0 ? "failed" : "", cells);
        }
        page.table(t);
    }

    private void intervalCharts() {
        List<ComparisonResults.Figure> charted = c.figures().stream().filter(f -> !identical(f)).toList();
        List<String> same = c.figures().stream().filter(this::identical).map(ComparisonResults.Figure::label).toList();
        if (!same.isEmpty()) {
            String names = same.size() == 1 ? same.get(0)
                    : String.join(", ", same.subList(0, same.size() - 1)) + " and " + same.get(same.size() - 1);
            page.paragraph(names + (same.size() == 1 ? " is" : " are")
                    + " the same under every policy at every replication, so " + (same.size() == 1 ? "it is" : "they are")
                    + " not charted.");
        }
        page.beginGrid();
        for (ComparisonResults.Figure f : charted) {
            IntervalChart chart = new IntervalChart(f.label() + " by policy", f.axisLabel());
            if (f.unit().equals("fraction")) {
                chart.bounds(0, 100);
            } else if (!f.unit().isEmpty()) {
                chart.bounds(0, Double.POSITIVE_INFINITY); // latencies, hours, dollars and counts are never negative
            }
            for (ComparisonResults.Policy p : c.policies()) {
                ComparisonResults.Interval i = p.figures().get(f.key());
                double scale = f.scale();
                chart.add(new IntervalChart.Estimate(p.name(), scaled(i.mean(), scale), scaled(i.low(), scale),
                        scaled(i.high(), scale), p.values().get(f.key()).stream()
                        .mapToDouble(v -> scaled(v, scale)).toArray()));
            }
            page.chart(chart.build(), "Each policy's mean " + f.label() + " (large dot) with its " + level
                    + " confidence interval (bar), and the value of each replication (small dots to its right). "
                    + (f.higherIsBetter() ? "Higher is better. " : "Lower is better. ")
                    + "Overlapping bars do not mean the policies are alike: the paired differences below compare "
                    + "them replication by replication, on the same traffic, which is far more sensitive.",
                    charted.size() == 1 ? HtmlPage.Size.FULL : HtmlPage.Size.HALF);
        }
        page.endGrid();
    }

    private void differences() {
        page.heading("Paired differences");
        page.paragraph("For each pair, the first policy's figure minus the second's, replication by replication "
                + "(same seed, same arrivals), averaged, with the " + level + " Student's t interval of those "
                + "differences. A difference is significant when its interval excludes zero; highlighted rows are. "
                + "A significant difference too small to act on is negligible, and names no better policy.");
        HtmlTable t = new HtmlTable("Figure", "Difference", "Mean", level + " interval", "Pairs", "Significant",
                "Better").explain(4, "replications where both policies ran");
        for (ComparisonResults.Figure f : c.figures()) {
            if (identical(f)) {
                t.row(List.of(HtmlTable.text(f.axisLabel()), HtmlTable.text("every pair"), HtmlTable.number(0.0, "0"),
                        HtmlTable.text("0 to 0"), HtmlTable.number((double) c.replications(), Integer.toString(c.replications())),
                        HtmlTable.text("no"), HtmlTable.text("the same under every policy at every replication")));
                continue;
            }
            for (ComparisonResults.Difference d : c.differences()) {
                if (!d.figure().equals(f.key()) || d.interval().n() == 0) {
                    continue; // a pair with a policy that never ran: its failure is said above
                }
                ComparisonResults.Interval i = d.interval();
                boolean significant = Boolean.TRUE.equals(d.significant());
                String verdict = d.significant() == null ? "no interval" : significant
                        ? (d.negligible() ? "yes, negligible" : "yes") : "no";
                t.row(significant && !d.negligible() ? "highlight" : "", List.of(HtmlTable.text(f.axisLabel()),
                        HtmlTable.text(d.policy() + " − " + d.versus()),
                        HtmlTable.number(i.mean(), i.mean() == null ? Figures.NONE : signed(f, i)),
                        HtmlTable.text(i.low() == null || i.halfWidth() == null ? Figures.NONE
                                : plain(f, i.low(), i.halfWidth()) + " to " + plain(f, i.high(), i.halfWidth())),
                        HtmlTable.number((double) i.n(), Integer.toString(i.n())),
                        HtmlTable.text(verdict), HtmlTable.text(d.better() == null ? "" : d.better())));
            }
        }
        page.table(t);
        List<String> none = c.policies().stream().filter(p -> p.runs().size() == p.failed().size())
                .map(ComparisonResults.Policy::name).toList();
        if (!none.isEmpty()) {
            page.paragraph("Pairs with " + String.join(", ", none) + " are left out: no run of "
                    + (none.size() == 1 ? "it" : "them") + " finished.");
        }
    }

    // ---- replicas over time ---------------------------------------------------------------------

    /** Whether a run's ready replicas stayed the same count from start to end, with none starting. */
    private static boolean fixedFleet(ComparisonResults.Trace t) {
        double[] ready = t.ready();
        for (double r : ready) {
            if (r != ready[0]) {
                return false;
            }
        }
        if (t.starting() != null) {
            for (double s : t.starting()) {
                if (s != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private void replicasOverTime() {
        // Policies that never change the fleet (routers, schedulers on a fixed count) draw flat lines
        // that say nothing: the chart is for policies that scale.
        if (c.traces().isEmpty()) {
            return;
        }
        if (c.traces().values().stream().allMatch(ComparisonSection::fixedFleet)) {
            page.paragraph("Every policy kept the same number of replicas from start to end, so replicas over time "
                    + "are not charted.");
            return;
        }
        ComparisonResults.Trace first = c.traces().values().iterator().next();
        double duration = c.traces().values().stream().mapToDouble(ComparisonResults.Trace::durationS).max().orElse(0);
        TimeUnit time = TimeUnit.forDuration(duration);
        page.heading("Replicas over time, against the load");
        XyChart ready = new XyChart("Ready replicas per policy, and the arrival rate",
                "time since start (" + time.label() + ")", "ready replicas (all deployments)")
                .yFromZero().integerY().steps().xRange(0, time.of(duration));
        if (first.warmupS() > 0) {
            ready.band(0, time.of(first.warmupS()));
        }
        int color = 0;
        for (ComparisonResults.Policy p : c.policies()) {
            ComparisonResults.Trace t = c.traces().get(p.name());
            if (t != null) {
                ready.line(p.name(), time.of(t.timeS()), t.ready(), color);
            }
            color++;
        }
        ready.rightLine("arrival rate (requests per second)", "arrival rate (right axis)", time.of(first.timeS()),
                first.arrivalRps(), ChartStyle.MUTED);
        List<String> missing = c.policies().stream().map(ComparisonResults.Policy::name)
                .filter(n -> !c.traces().containsKey(n)).toList();
        boolean overlap = c.traces().size() > 1 && c.traces().values().stream()
                .allMatch(t -> java.util.Arrays.equals(t.ready(), first.ready()) && java.util.Arrays.equals(t.timeS(), first.timeS()));
        page.chart(ready, "Replicas ready to serve at the end of each metrics interval, summed over the deployments, "
                + "in the first replication of each policy (one line per policy, left axis), against the requests "
                + "arriving per second (grey, right axis), which is the same for every policy. A policy that follows "
                + "the load closely adds replicas as the grey line rises and removes them as it falls; one that lags "
                + "shows steps after the rise. "
                + (first.warmupS() > 0 ? "The grey band is the warm-up, left out of the figures. " : "")
                + (overlap ? "Here every policy had the same replicas at every moment, so their lines lie on top of "
                + "one another and only the last is seen. " : "")
                + (missing.isEmpty() ? "" : "No time series for " + String.join(", ", missing)
                + " (its first replication failed)."), HtmlPage.Size.FULL);

        if (c.traces().values().stream().anyMatch(t -> t.starting() != null)) {
            XyChart starting = new XyChart("Replicas starting (cold starts in progress) per policy",
                    "time since start (" + time.label() + ")", "replicas starting (all deployments)")
                    .yFromZero().integerY().steps().xRange(0, time.of(duration));
            color = 0;
            for (ComparisonResults.Policy p : c.policies()) {
                ComparisonResults.Trace t = c.traces().get(p.name());
                if (t != null && t.starting() != null) {
                    starting.line(p.name(), time.of(t.timeS()), t.starting(), color);
                }
                color++;
            }
            starting.rightLine("arrival rate (requests per second)", "arrival rate (right axis)",
                    time.of(first.timeS()), first.arrivalRps(), ChartStyle.MUTED);
            page.chart(starting, "Replicas that were starting (waiting for a GPU, pulling the image, loading the "
                    + "weights or initialising the engine) at the end of each interval, in the first replication of "
                    + "each policy, against the arrival rate (grey, right axis). Each bump is capacity paid for "
                    + "before it serves: a policy that scales late or to zero pays it when the load arrives.",
                    HtmlPage.Size.FULL);
        }
    }

    /** True when every pair of policies has the same value at every replication (a fixed fleet's cost under any router). */
    private boolean identical(ComparisonResults.Figure f) {
        List<ComparisonResults.Difference> diffs = c.differences().stream()
                .filter(d -> d.figure().equals(f.key()) && d.interval().n() > 0).toList();
        return !diffs.isEmpty() && diffs.stream().allMatch(d -> zero(d.interval().mean()) && zero(d.interval().halfWidth()));
    }

    // ---- numbers ----------------------------------------------------------------------------------

    private static boolean zero(Double v) {
        return v != null && v == 0;
    }

    private static double scaled(Double v, double scale) {
        return v == null ? Double.NaN : v * scale;
    }

    /** {@code 515 ± 13}: the mean to the precision its half-width warrants. */
    static String plusMinus(ComparisonResults.Figure f, ComparisonResults.Interval i) {
        double s = f.scale();
        double hw = i.halfWidth() == null ? Double.NaN : i.halfWidth() * s;
        if (hw == 0) {
            return plain(f, i.mean()) + " ± 0"; // no spread: the value as it is, without invented decimals
        }
        int d = decimals(i.mean() * s, hw);
        String mean = fixed(i.mean() * s, d);
        return Double.isFinite(hw) ? mean + " ± " + fixed(hw, d) : mean + " (one run)";
    }

    private static String signed(ComparisonResults.Figure f, ComparisonResults.Interval i) {
        String s = plusMinus(f, i);
        return i.mean() > 0 ? "+" + s : s;
    }

    private static String meanWithUnit(ComparisonResults.Figure f, ComparisonResults.Interval i) {
        return unit(f, plusMinus(f, i), false);
    }

    private static String withUnit(ComparisonResults.Figure f, double v, boolean difference) {
        return unit(f, f.unit().equals("USD") ? Figures.dollars(v).substring(1) : plain(f, v), difference);
    }

    /** A number with its unit as a reader says it: $17.16, 650 ms, 98.0%, 2.3 GPU-hours. */
    private static String unit(ComparisonResults.Figure f, String number, boolean difference) {
        return f.unit().equals("USD") ? "$" + number : number + unitSuffix(f, difference);
    }

    /** A value on its own: three significant digits, no trailing zeros (17.16 US dollars, 2 cold starts). */
    private static String plain(ComparisonResults.Figure f, double v) {
        double x = v * f.scale();
        return Math.abs(x) >= 1000 ? fixed(x, 0) : Figures.significant(x, 3);
    }

    private static String plain(ComparisonResults.Figure f, double v, double halfWidth) {
        if (!(halfWidth > 0)) {
            return plain(f, v);
        }
        double x = v * f.scale();
        return fixed(x, decimals(x, halfWidth * f.scale()));
    }

    /** The unit after a value; a difference of percentages is in percentage points. */
    private static String unitSuffix(ComparisonResults.Figure f, boolean difference) {
        return switch (f.unit()) {
            case "fraction" -> difference ? " percentage points" : "%";
            case "count" -> "";
            case "USD" -> "";
            case "GPU-h" -> " GPU-hours";
            default -> " " + f.unit();
        };
    }

    /** Two significant digits of the half-width decide the decimals; with no spread, three significant digits of the value. */
    static int decimals(double value, double halfWidth) {
        double basis = Double.isFinite(halfWidth) && halfWidth > 0 ? halfWidth : Math.abs(value) / 100;
        if (!(basis > 0)) {
            return 0;
        }
        return Math.max(0, Math.min(6, 1 - (int) Math.floor(Math.log10(basis))));
    }

    private static String fixed(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%,." + decimals + "f", v);
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
    }
}
