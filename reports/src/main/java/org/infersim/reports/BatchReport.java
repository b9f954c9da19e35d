package org.infersim.reports;

import static org.infersim.results.BatchCsv.Figure.*;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.infersim.input.Quantities;
import org.infersim.results.BatchCsv.Figure;

/**
 * The report of a batch: what was varied, the cheapest configuration that meets the SLO at each
 * load, cost and latency against each varied parameter, the Pareto front of cost against p95
 * latency, and every run in a table that sorts by any column.
 */
final class BatchReport {
    private static final String LOG_Y = " The y axis is logarithmic: the overloaded runs' latencies are many times "
            + "the others'.";

    private final BatchResults batch;
    private final BatchResults.Parameter load;
    private final List<BatchResults.Parameter> others;
    private final Map<String, String> shortNames;
    private final Set<String> cheapestRuns = new HashSet<>();
    private final Set<String> paretoRuns;
    private final HtmlPage page;
    private final ComparisonResults comparison;

    private BatchReport(BatchResults batch, ComparisonResults comparison) {
        this.comparison = comparison;
        this.batch = batch;
        this.load = batch.load();
        this.others = batch.parameters().stream().filter(p -> p != load).toList();
        this.shortNames = shortNames(batch.parameters());
        batch.cheapest().forEach(c -> {
            if (c.run() != null) {
                cheapestRuns.add(c.run());
            }
        });
        this.paretoRuns = new HashSet<>(batch.pareto());
        String name = batch.name() == null ? batch.dir().getFileName().toString() : batch.name();
        this.page = comparison != null
                ? new HtmlPage("Policy comparison: " + name, "infersim compare of " + comparison.policies().size()
                        + " policies × " + comparison.replications() + " replications ("
                        + Figures.count(batch.runs().size()) + " runs)"
                        + (batch.base() == null ? "" : " of the scenario " + batch.base()) + ".")
                : new HtmlPage("Batch report: " + name,
                "infersim batch of " + Figures.count(batch.runs().size()) + " runs"
                        + (batch.base() == null ? "" : ", each a variant of the scenario " + batch.base()) + ".");
    }

    static String render(BatchResults batch) {
        return render(batch, null);
    }

    /** The report of a batch, with the policy comparison first when the folder holds one. */
    static String render(BatchResults batch, ComparisonResults comparison) {
        return new BatchReport(batch, comparison).build();
    }

    private String build() {
        if (comparison != null) {
            ComparisonSection.add(page, comparison);
        }
        varied();
        cheapest();
        if (load != null) {
            againstLoad();
        }
        for (BatchResults.Parameter p : others) {
            // The comparison already charts every figure by policy, with intervals.
            if (comparison == null || !comparison.paths().contains(p.path())) {
                againstParameter(p);
            }
        }
        pareto();
        allRuns();
        failed();
        return page.render();
    }

    // ---- what was varied ----------------------------------------------------------------------

    private void varied() {
        page.section("varied", "What was varied");
        int variants = variants(batch.okRuns()).size();
        page.keyFigures(List.of(
                new HtmlPage.KeyFigure("Runs", Figures.count(batch.runs().size()),
                        Figures.count(batch.okRuns().size()) + " ok, " + Figures.count(batch.failedRuns().size())
                                + " failed"),
                new HtmlPage.KeyFigure("Variants", Figures.count(variants),
                        batch.replications() + " replication" + (batch.replications() == 1 ? "" : "s") + " each"),
                new HtmlPage.KeyFigure("Meet the SLO", batch.slo() == null ? "no SLO"
                        : Figures.count(batch.okRuns().stream().filter(r -> Boolean.TRUE.equals(r.meetsSlo())).count())
                                + " runs", batch.slo() == null ? "" : sloText()),
                new HtmlPage.KeyFigure("Cheapest meeting the SLO", cheapestHeadline(), cheapestDetail())));
        page.paragraph("Every combination of the values below was run"
                + (batch.replications() > 1 ? ", " + batch.replications() + " times each with independent seeds "
                + "(charts show the mean of the replications)" : "") + ". Everything else is as in the base "
                + "scenario" + (batch.base() == null ? "" : " (" + batch.base() + ")") + ".");
        HtmlTable t = new HtmlTable("Parameter (scenario path)", "Values", "Role");
        for (BatchResults.Parameter p : batch.parameters()) {
            t.row(List.of(HtmlTable.text(p.path()), HtmlTable.text(String.join(", ", p.values())),
                    HtmlTable.text(p == load ? "load (x axis of the cost curves)" : "configuration")));
        }
        page.table(t);
        if (batch.slo() != null) {
            page.paragraph("SLO: a run meets it when " + sloText() + ".");
        } else {
            page.paragraph("The batch sets no SLO, so no run is judged against one.");
        }
    }

    private String sloText() {
        BatchResults.Slo slo = batch.slo();
        List<String> parts = new ArrayList<>();
        if (slo.ttftP95Ms() != null) {
            parts.add("p95 TTFT ≤ " + Figures.msWithUnit(slo.ttftP95Ms()));
        }
        if (slo.tpotP95Ms() != null) {
            parts.add("p95 TPOT ≤ " + Figures.msWithUnit(slo.tpotP95Ms()));
        }
        if (slo.attainment() != null) {
            parts.add("at least " + Figures.percent(slo.attainment()) + " of requests within both");
        }
        return String.join(", ", parts);
    }

    /** The cheapest run meeting the SLO at the highest load where one does (the loads come in order). */
    private BatchResults.Cheapest headlineCheapest() {
        BatchResults.Cheapest found = null;
        for (BatchResults.Cheapest c : batch.cheapest()) {
            if (run(c.run()) != null) {
                found = c;
            }
        }
        return found;
    }

    private String cheapestHeadline() {
        BatchResults.Cheapest c = headlineCheapest();
        if (c == null) {
            return batch.slo() == null ? "no SLO" : "none";
        }
        return Figures.dollars(run(c.run()).figure(COST_PER_HOUR)) + "/h";
    }

    private String cheapestDetail() {
        BatchResults.Cheapest c = headlineCheapest();
        if (c == null) {
            return batch.cheapest().isEmpty() ? "" : "no run met the SLO";
        }
        String detail = (c.load() == null ? "" : "at " + c.load() + ": ") + configurationOfOthers(run(c.run()));
        List<String> none = batch.cheapest().stream().filter(x -> run(x.run()) == null && x.load() != null)
                .map(BatchResults.Cheapest::load).toList();
        return none.isEmpty() ? detail : detail + "; none at " + String.join(", ", none);
    }

    // ---- cheapest ------------------------------------------------------------------------------

    private void cheapest() {
        if (batch.cheapest().isEmpty()) {
            return;
        }
        page.section("cheapest", "Cheapest configuration meeting the SLO");
        page.paragraph("For each load level, the run with the lowest cost per hour among those that met the SLO ("
                + (batch.slo() == null ? "none set" : sloText()) + "). These rows are highlighted in the table of "
                + "runs and marked with a diamond on the charts.");
        HtmlTable t = new HtmlTable("Load", "Run", "Configuration", "Cost per hour", "$ per M tokens", "p95 TTFT (ms)",
                "p95 TPOT (ms)", "SLO att.")
                .explain(4, "US dollars per million output tokens").explain(7, "SLO attainment");
        for (BatchResults.Cheapest c : batch.cheapest()) {
            BatchResults.Run r = run(c.run());
            String loadText = c.load() == null ? "all runs" : c.load();
            if (r == null) {
                t.row(List.of(HtmlTable.text(loadText), HtmlTable.text("–"),
                        HtmlTable.text("no configuration met the SLO at this load"), HtmlTable.number(null, "–"),
                        HtmlTable.number(null, "–"), HtmlTable.number(null, "–"), HtmlTable.number(null, "–"),
                        HtmlTable.number(null, "–")));
                continue;
            }
            t.row("highlight", List.of(HtmlTable.text(loadText), HtmlTable.text(r.id()),
                    HtmlTable.text(configuration(r)), dollars(r, COST_PER_HOUR, "/h"), dollars(r, COST_PER_MILLION_OUTPUT_TOKENS, ""),
                    ms(r, TTFT_P95), ms(r, TPOT_P95),
                    HtmlTable.number(r.figure(SLO_ATTAINMENT), Figures.percent(r.figure(SLO_ATTAINMENT)))));
        }
        page.table(t);
    }

    // ---- curves against load --------------------------------------------------------------------

    private void againstLoad() {
        page.section("load", "Cost and latency against load");
        List<Double> loads = loadValues();
        boolean numeric = loads != null;
        String loadName = shortNames.get(load.path());
        String xLabel = numeric ? "load: " + loadName + " (requests per second)" : "load: " + loadName;
        page.paragraph("One line per configuration (every combination of the other parameters), through the mean "
                + "of the replications at each load. Diamonds mark the cheapest configuration meeting the SLO at "
                + "each load.");
        page.beginGrid();
        loadChart("Cost per million output tokens against load", xLabel, "US dollars per million output tokens",
                COST_PER_MILLION_OUTPUT_TOKENS, loads, null, "What a million generated tokens cost at each load, per configuration. "
                        + "A fixed fleet gets cheaper per token as load rises, until it saturates; lines that stop "
                        + "falling or end early are configurations that ran out of capacity.");
        loadChart("p95 time to first token against load", xLabel, "p95 TTFT (ms)", TTFT_P95, loads,
                batch.slo() == null ? null : batch.slo().ttftP95Ms(),
                "The 95th percentile of the time to first token at each load, per configuration. The knee where a "
                        + "line turns upward is the load that configuration can carry; the red dashed line is the "
                        + "SLO target.");
        loadChart("p95 time per output token against load", xLabel, "p95 TPOT (ms)", TPOT_P95, loads,
                batch.slo() == null ? null : batch.slo().tpotP95Ms(),
                "The 95th percentile of the time per output token (decode speed) at each load, per configuration; "
                        + "it rises as batches grow. The red dashed line is the SLO target.");
        loadChart("Cost per hour against load", xLabel, "US dollars per hour", COST_PER_HOUR, loads, null,
                "The fleet's cost per hour at each load, per configuration: flat for a fixed fleet, rising "
                        + "where an autoscaler adds replicas.");
        page.endGrid();
    }

    private void loadChart(String title, String xLabel, String yLabel, Figure figure, List<Double> loads,
                           Double target, String caption) {
        boolean log = figure.header().endsWith("_ms") && wideRange(batch.okRuns(), figure);
        XyChart chart = new XyChart(title, xLabel, log ? yLabel.replace(")", ", log scale)") : yLabel).yFromZero();
        if (log) {
            chart.logY();
        }
        if (loads == null) {
            chart.xSymbols(load.values());
        }
        Map<String, List<BatchResults.Run>> byConfiguration = groupBy(batch.okRuns(), this::configurationKey);
        int color = 0;
        List<double[]> best = new ArrayList<>();
        for (Map.Entry<String, List<BatchResults.Run>> e : byConfiguration.entrySet()) {
            double[] x = new double[load.values().size()];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                String value = load.values().get(i);
                x[i] = loads == null ? i : loads.get(i);
                y[i] = mean(e.getValue().stream().filter(r -> r.values().get(load.path()).equals(value)).toList(),
                        figure);
            }
            chart.lineWithPoints(e.getKey().isEmpty() ? "all runs" : e.getKey(), x, y, color++);
        }
        for (BatchResults.Run r : batch.okRuns()) {
            if (cheapestRuns.contains(r.id())) {
                int i = load.values().indexOf(r.values().get(load.path()));
                if (i >= 0) {
                    best.add(new double[] {loads == null ? i : loads.get(i), r.figure(figure)});
                }
            }
        }
        addCheapest(chart, best);
        if (target != null) {
            chart.yReference(target, "SLO " + Figures.msWithUnit(target));
        }
        page.chart(chart, caption + (log ? LOG_Y : ""), HtmlPage.Size.HALF);
    }

    /** The load values as requests per second, or null when one of them is not a rate. */
    private List<Double> loadValues() {
        List<Double> out = new ArrayList<>();
        for (String v : load.values()) {
            Double rate = rate(v);
            if (rate == null) {
                return null;
            }
            out.add(rate);
        }
        return out;
    }

    private static Double rate(String text) {
        try {
            return Quantities.parseRatePerSec(text);
        } catch (IllegalArgumentException e) {
            try {
                return Double.parseDouble(text.strip());
            } catch (NumberFormatException e2) {
                return null;
            }
        }
    }

    // ---- against each other parameter ----------------------------------------------------------

    private void againstParameter(BatchResults.Parameter p) {
        String name = shortNames.get(p.path());
        page.section("by-" + anchor(p.path()), "Cost and latency by " + name);
        page.paragraph("Each dot is one variant (the mean of its replications) at a value of " + p.path()
                + (load != null ? ", coloured by load" : "") + "; dots above one value differ in the other "
                + "parameters. The spread shows how much the other parameters matter at that value.");
        page.beginGrid();
        dotChart(p, "Cost per hour by " + name, "US dollars per hour", COST_PER_HOUR, null,
                "Cost per hour of the fleet for each value of " + name + ": GPUs in the fleet times their price.");
        dotChart(p, "p95 TTFT by " + name, "p95 TTFT (ms)", TTFT_P95,
                batch.slo() == null ? null : batch.slo().ttftP95Ms(),
                "The 95th percentile of the time to first token for each value of " + name
                        + "; dots above the red dashed line miss the SLO's TTFT target.");
        dotChart(p, "p95 TPOT by " + name, "p95 TPOT (ms)", TPOT_P95,
                batch.slo() == null ? null : batch.slo().tpotP95Ms(),
                "The 95th percentile of the time per output token for each value of " + name
                        + "; dots above the red dashed line miss the SLO's TPOT target.");
        if (load == null) {
            dotChart(p, "Cost per million output tokens by " + name, "US dollars per million output tokens",
                    COST_PER_MILLION_OUTPUT_TOKENS, null, "What a million generated tokens cost for each value of " + name + ".");
        }
        page.endGrid();
    }

    private void dotChart(BatchResults.Parameter p, String title, String yLabel, Figure figure, Double target,
                          String caption) {
        boolean log = figure.header().endsWith("_ms") && wideRange(batch.okRuns(), figure);
        XyChart chart = new XyChart(title, shortNames.get(p.path()),
                log ? yLabel.replace(")", ", log scale)") : yLabel).xSymbols(p.values()).yFromZero();
        if (log) {
            chart.logY();
        }
        List<String> groups = load == null ? List.of("") : load.values();
        // Dots of different loads sit side by side around their value, so that none hides another.
        double width = Math.min(0.5, 0.12 * groups.size());
        for (int g = 0; g < groups.size(); g++) {
            String group = groups.get(g);
            double offset = groups.size() == 1 ? 0 : -width / 2 + width * g / (groups.size() - 1);
            List<BatchResults.Run> runs = batch.okRuns().stream()
                    .filter(r -> load == null || r.values().get(load.path()).equals(group)).toList();
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (List<BatchResults.Run> variant : variants(runs).values()) {
                int i = p.values().indexOf(variant.get(0).values().get(p.path()));
                if (i >= 0) {
                    xs.add(i + offset);
                    ys.add(mean(variant, figure));
                }
            }
            chart.points(load == null ? "variants" : "load " + group, toArray(xs), toArray(ys),
                    ChartStyle.color(g), XyChart.dot(4.5));
        }
        if (target != null) {
            chart.yReference(target, "SLO " + Figures.msWithUnit(target));
        }
        page.chart(chart, caption + (log ? LOG_Y : ""), HtmlPage.Size.HALF);
    }

    // ---- Pareto front ---------------------------------------------------------------------------

    private void pareto() {
        page.section("pareto", "Cost against latency: the Pareto front");
        boolean perToken = load != null;
        Figure figure = perToken ? COST_PER_MILLION_OUTPUT_TOKENS : COST_PER_HOUR;
        List<BatchResults.Run> runs = batch.okRuns().stream()
                .filter(r -> Double.isFinite(r.figure(TTFT_P95)) && Double.isFinite(r.figure(figure))).toList();
        boolean log = wideRange(runs, TTFT_P95);
        XyChart chart = new XyChart("Cost against p95 time to first token",
                "p95 TTFT (ms" + (log ? ", log scale" : "") + ")",
                perToken ? "US dollars per million output tokens" : "US dollars per hour").yFromZero();
        if (log) {
            chart.logX();
        }
        if (batch.slo() != null) {
            addRuns(chart, "runs meeting the SLO", runs.stream().filter(r -> Boolean.TRUE.equals(r.meetsSlo())).toList(),
                    figure, ChartStyle.color(2));
            addRuns(chart, "runs missing the SLO", runs.stream().filter(r -> !Boolean.TRUE.equals(r.meetsSlo())).toList(),
                    figure, ChartStyle.MUTED);
        } else {
            addRuns(chart, "runs", runs, figure, ChartStyle.color(0));
        }
        List<BatchResults.Run> front = new ArrayList<>(runs.stream().filter(r -> paretoRuns.contains(r.id())).toList());
        front.sort((a, b) -> Double.compare(a.figure(TTFT_P95), b.figure(TTFT_P95)));
        chart.add(new XyChart.Series("Pareto front", front.stream().mapToDouble(r -> r.figure(TTFT_P95)).toArray(),
                front.stream().mapToDouble(r -> r.figure(figure)).toArray(), ChartStyle.color(1), true, false, false,
                null));
        List<double[]> best = new ArrayList<>();
        for (BatchResults.Cheapest c : batch.cheapest()) {
            BatchResults.Run r = run(c.run());
            if (r != null && Double.isFinite(r.figure(TTFT_P95))) {
                best.add(new double[] {r.figure(TTFT_P95), r.figure(figure)});
                if (c.load() != null) {
                    chart.note(r.figure(TTFT_P95), r.figure(figure), c.load());
                }
            }
        }
        addCheapest(chart, best);
        if (batch.slo() != null && batch.slo().ttftP95Ms() != null) {
            chart.xReference(batch.slo().ttftP95Ms(), "SLO " + Figures.msWithUnit(batch.slo().ttftP95Ms()));
        }
        page.chart(chart, "Every run as a point: further left is faster (p95 time to first token), lower is cheaper ("
                + (perToken ? "cost per million output tokens, which accounts for the load each run served"
                : "cost per hour") + "). The Pareto front joins the runs that no other run beats on both at once; "
                + "a planner picks along it. "
                + (batch.slo() != null ? "Runs left of the red dashed SLO line meet its TTFT target; green runs "
                + "meet the whole SLO. " : "")
                + (best.isEmpty() ? "" : "Diamonds mark the cheapest run meeting the SLO at each load.")
                + (log ? " The x axis is logarithmic because the latencies span a wide range." : ""),
                HtmlPage.Size.FULL);
    }

    private void addRuns(XyChart chart, String name, List<BatchResults.Run> runs, Figure figure, Color color) {
        chart.points(name, runs.stream().mapToDouble(r -> r.figure(TTFT_P95)).toArray(),
                runs.stream().mapToDouble(r -> r.figure(figure)).toArray(), color, XyChart.dot(4));
    }

    private void addCheapest(XyChart chart, List<double[]> points) {
        if (points.isEmpty()) {
            return;
        }
        chart.points("cheapest meeting the SLO", points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray(), ChartStyle.color(6), XyChart.diamond(8));
    }

    /**
     * Log scale when the largest value is over fifty times the smallest: an overloaded run's
     * latency in minutes would otherwise flatten every healthy run onto the axis.
     */
    private static boolean wideRange(List<BatchResults.Run> runs, Figure figure) {
        double low = Double.POSITIVE_INFINITY;
        double high = 0;
        for (BatchResults.Run r : runs) {
            double v = r.figure(figure);
            if (v > 0) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
        }
        return Double.isFinite(low) && high / low > 50;
    }

    // ---- tables of runs -------------------------------------------------------------------------

    private void allRuns() {
        page.section("runs", "All runs");
        page.paragraph("One row per run, as in batch.csv. Click a column header to sort by it (again to reverse). "
                + "Highlighted rows are the cheapest configuration meeting the SLO at their load; ◆ marks the "
                + "runs on the Pareto front. Latencies in milliseconds, costs in US dollars.");
        List<String> headers = new ArrayList<>(List.of("Run", "Status"));
        for (BatchResults.Parameter p : batch.parameters()) {
            headers.add(shortNames.get(p.path()));
        }
        headers.addAll(List.of("Repl.", "GPUs", "$/h", "Cost", "$/M tokens", "Req/s", "Tokens/s", "TTFT p50",
                "TTFT p95", "TTFT p99", "TPOT p50", "TPOT p95", "TPOT p99", "E2E p95", "SLO att.", "Goodput",
                "Rejected", "Preempt.", "Busy", "KV peak", "Meets SLO", "Front"));
        HtmlTable t = new HtmlTable(headers).sortable().wide();
        int first = 2 + batch.parameters().size();
        for (int i = 0; i < batch.parameters().size(); i++) {
            t.explain(2 + i, batch.parameters().get(i).path());
        }
        t.explain(first + 2, "cost per hour").explain(first + 3, "cost of the whole run")
                .explain(first + 4, "cost per million output tokens").explain(first + 5, "throughput, requests per second")
                .explain(first + 6, "output tokens per second").explain(first + 14, "SLO attainment")
                .explain(first + 15, "goodput, requests per second within the SLO")
                .explain(first + 16, "requests rejected").explain(first + 17, "KV-cache preemptions")
                .explain(first + 18, "GPU busy fraction").explain(first + 19, "peak KV-cache occupancy")
                .explain(first + 21, "on the Pareto front of cost against p95 TTFT");
        for (BatchResults.Run r : batch.runs()) {
            List<HtmlTable.Cell> cells = new ArrayList<>();
            cells.add(HtmlTable.text(r.id(), r.variant()));
            cells.add(HtmlTable.text(r.status(), r.ok() ? null : r.message()));
            for (BatchResults.Parameter p : batch.parameters()) {
                cells.add(HtmlTable.text(r.values().get(p.path())));
            }
            cells.add(replication(r));
            cells.add(count(r, GPUS));
            cells.add(dollars(r, COST_PER_HOUR, ""));
            cells.add(dollars(r, COST, ""));
            cells.add(dollars(r, COST_PER_MILLION_OUTPUT_TOKENS, ""));
            cells.add(num(r, THROUGHPUT));
            cells.add(num(r, OUTPUT_TOKENS_PER_S));
            for (Figure f : List.of(TTFT_P50, TTFT_P95, TTFT_P99, TPOT_P50, TPOT_P95, TPOT_P99, E2E_P95)) {
                cells.add(ms(r, f));
            }
            cells.add(pct(r, SLO_ATTAINMENT));
            cells.add(num(r, GOODPUT));
            cells.add(count(r, REJECTED));
            cells.add(count(r, PREEMPTIONS));
            cells.add(pct(r, BUSY_FRACTION));
            cells.add(pct(r, KV_PEAK_OCCUPANCY));
            cells.add(HtmlTable.text(r.meetsSlo() == null ? "" : r.meetsSlo() ? "yes" : "no"));
            cells.add(HtmlTable.text(paretoRuns.contains(r.id()) ? "◆" : ""));
            String rowClass = !r.ok() ? "failed" : cheapestRuns.contains(r.id()) ? "highlight" : "";
            t.row(rowClass, cells);
        }
        page.table(t);
    }

    private void failed() {
        List<BatchResults.Run> failed = batch.failedRuns();
        if (failed.isEmpty()) {
            return;
        }
        page.section("failed", "Failed runs");
        page.paragraph(Figures.count(failed.size()) + " of " + Figures.count(batch.runs().size())
                + " runs did not finish; they are left out of the charts. Each with the reason infersim gave:");
        HtmlTable t = new HtmlTable("Run", "Status", "Configuration", "Message").wrapping();
        for (BatchResults.Run r : failed) {
            t.row("failed", List.of(HtmlTable.text(r.id()), HtmlTable.text(r.status()),
                    HtmlTable.text(configuration(r)), HtmlTable.text(r.message())));
        }
        page.table(t);
    }

    // ---- small pieces ---------------------------------------------------------------------------

    private BatchResults.Run run(String id) {
        if (id == null) {
            return null;
        }
        for (BatchResults.Run r : batch.runs()) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        return null;
    }

    /** {@code gpu=h100-sxm, rate=10/s}: every varied value of the run. */
    private String configuration(BatchResults.Run r) {
        List<String> parts = new ArrayList<>();
        for (BatchResults.Parameter p : batch.parameters()) {
            parts.add(shortNames.get(p.path()) + "=" + r.values().get(p.path()));
        }
        return parts.isEmpty() ? "base scenario" : String.join(", ", parts);
    }

    private String configurationOfOthers(BatchResults.Run r) {
        String key = configurationKey(r);
        return key.isEmpty() ? "base scenario" : key;
    }

    /** The values of the parameters other than the load: one line of the load charts. */
    private String configurationKey(BatchResults.Run r) {
        List<String> parts = new ArrayList<>();
        for (BatchResults.Parameter p : others) {
            parts.add(shortNames.get(p.path()) + "=" + r.values().get(p.path()));
        }
        return String.join(", ", parts);
    }

    /** Runs grouped by every varied value (a variant), replications together, in batch order. */
    private Map<String, List<BatchResults.Run>> variants(List<BatchResults.Run> runs) {
        return groupBy(runs, r -> String.join("\u0000", r.values().values()));
    }

    private static Map<String, List<BatchResults.Run>> groupBy(List<BatchResults.Run> runs,
                                                               java.util.function.Function<BatchResults.Run, String> key) {
        Map<String, List<BatchResults.Run>> out = new LinkedHashMap<>();
        for (BatchResults.Run r : runs) {
            out.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    private static double mean(List<BatchResults.Run> runs, Figure figure) {
        double sum = 0;
        int n = 0;
        for (BatchResults.Run r : runs) {
            double v = r.figure(figure);
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The last part of each path ({@code gpu}), or the whole path where two would read the same. */
    private static Map<String, String> shortNames(List<BatchResults.Parameter> parameters) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (BatchResults.Parameter p : parameters) {
            seen.merge(lastPart(p.path()), 1, Integer::sum);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (BatchResults.Parameter p : parameters) {
            String last = lastPart(p.path());
            out.put(p.path(), seen.get(last) == 1 ? last : p.path());
        }
        return out;
    }

    private static String lastPart(String path) {
        String last = path.substring(path.lastIndexOf('.') + 1);
        int bracket = last.indexOf('[');
        return bracket > 0 ? last.substring(0, bracket) : last;
    }

    private static String anchor(String path) {
        return path.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static double[] toArray(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static HtmlTable.Cell replication(BatchResults.Run r) {
        Double v = rate(r.replication());
        return HtmlTable.number(v, r.replication());
    }

    private static HtmlTable.Cell dollars(BatchResults.Run r, Figure figure, String suffix) {
        double v = r.figure(figure);
        return HtmlTable.number(v, Double.isFinite(v) ? Figures.dollars(v) + suffix : Figures.NONE);
    }

    private static HtmlTable.Cell ms(BatchResults.Run r, Figure figure) {
        double v = r.figure(figure);
        return HtmlTable.number(v, Figures.ms(v));
    }

    private static HtmlTable.Cell num(BatchResults.Run r, Figure figure) {
        double v = r.figure(figure);
        return HtmlTable.number(v, Figures.number(v));
    }

    private static HtmlTable.Cell pct(BatchResults.Run r, Figure figure) {
        double v = r.figure(figure);
        return HtmlTable.number(v, Figures.percent(v));
    }

    private static HtmlTable.Cell count(BatchResults.Run r, Figure figure) {
        double v = r.figure(figure);
        return HtmlTable.number(v, Double.isFinite(v) ? Figures.count(Math.round(v)) : Figures.NONE);
    }
}
