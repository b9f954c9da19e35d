package org.infersim.reports;

import static org.infersim.results.TimeSeriesCsv.Column.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.infersim.input.InvalidInputException;
import org.infersim.results.DeploymentSummary;
import org.infersim.results.LatencySummary;
import org.infersim.results.PoolSummary;
import org.infersim.results.PoolsCsv;
import org.infersim.results.ReplicaSummary;
import org.infersim.results.RunSummary;
import org.infersim.results.StreamSummary;
import org.infersim.results.TimeSeriesCsv.Column;
import org.jfree.chart.JFreeChart;

/**
 * The report of one run: what was simulated, the headline figures, then the charts a reviewer
 * needs to believe them (latency distributions, and how load, latency, utilization and cost moved
 * through the run), then the per-replica and per-pool detail.
 */
final class RunReport {
    private static final String ALL = "all";

    private final RunResults run;
    private final RunSummary summary;
    private final ScenarioBrief brief;
    private final TimeSeriesTable series;
    private final List<String> deployments;
    private final TimeUnit time;
    private final double interval;
    private final HtmlPage page;

    private RunReport(RunResults run) throws InvalidInputException {
        this.run = run;
        this.summary = run.summary();
        this.brief = run.scenarioText() == null ? ScenarioBrief.none()
                : ScenarioBrief.parse(run.scenarioText(), run.dir().resolve("scenario.yaml").toString());
        this.series = run.series();
        this.deployments = series.deployments();
        this.time = TimeUnit.forDuration(summary.durationS());
        this.interval = intervalSeconds();
        this.page = new HtmlPage("Run report: " + summary.scenario(),
                "infersim simulation of " + Figures.duration(summary.durationS()) + " (the first "
                        + Figures.duration(summary.warmupS()) + " are warm-up, left out of the statistics), seed "
                        + summary.seed() + ".");
    }

    static String render(RunResults run) throws InvalidInputException {
        return new RunReport(run).build();
    }

    private String build() throws InvalidInputException {
        inBrief();
        headline();
        distributions();
        latencyOverTime();
        traffic();
        utilization();
        cost();
        replicasAndPools();
        return page.render();
    }

    // ---- what was simulated -------------------------------------------------------------------

    private void inBrief() {
        page.section("brief", "In brief");
        StreamSummary all = summary.overall();
        page.keyFigures(List.of(
                new HtmlPage.KeyFigure("p95 time to first token", Figures.msWithUnit(nan(all.ttftMs().p95())),
                        "p50 " + Figures.msWithUnit(nan(all.ttftMs().p50())) + " · p99 "
                                + Figures.msWithUnit(nan(all.ttftMs().p99()))),
                new HtmlPage.KeyFigure("p95 time per output token", Figures.msWithUnit(nan(all.tpotMs().p95())),
                        "p50 " + Figures.msWithUnit(nan(all.tpotMs().p50())) + " · p99 "
                                + Figures.msWithUnit(nan(all.tpotMs().p99()))),
                new HtmlPage.KeyFigure("SLO attainment",
                        all.sloAttainment() == null ? "no SLO" : Figures.percent(all.sloAttainment()),
                        "goodput " + Figures.number(all.goodputRps()) + " req/s"),
                new HtmlPage.KeyFigure("Throughput", Figures.number(all.throughputRps()) + " req/s",
                        Figures.number(all.outputTokensPerSec()) + " output tokens/s"),
                new HtmlPage.KeyFigure("Cost per hour", Figures.dollars(summary.cost().perHour()) + "/h",
                        Figures.dollars(summary.cost().total()) + " for the whole run"),
                new HtmlPage.KeyFigure("Cost per million output tokens",
                        Figures.dollars(summary.cost().perMillionOutputTokens()), "after warm-up"),
                new HtmlPage.KeyFigure("GPU busy", Figures.percent(fleetBusy()),
                        "peak KV-cache occupancy " + Figures.percent(peakKv()))));

        page.paragraph(scenarioSentence());
        if (run.scenarioText() == null) {
            page.html("<p class=\"note\">This results folder has no scenario.yaml, so the settings below are "
                    + "unknown.</p>");
            return;
        }
        if (!brief.pools().isEmpty()) {
            Map<String, Double> prices = new LinkedHashMap<>();
            summary.pools().forEach(p -> prices.put(p.name(), p.pricePerGpuHour()));
            page.heading("GPU pools").table(brief.poolTable(prices));
        }
        if (!brief.deployments().isEmpty()) {
            page.heading("Deployments").table(brief.deploymentTable());
        }
        if (!brief.workloads().isEmpty()) {
            page.heading("Workloads").table(brief.workloadTable());
        }
        page.details("The scenario file as it was run (scenario.yaml)", run.scenarioText());
    }

    private String scenarioSentence() {
        StringBuilder sb = new StringBuilder("Scenario ").append(summary.scenario()).append(": ")
                .append(Figures.duration(summary.durationS())).append(" of simulated time, of which the first ")
                .append(Figures.duration(summary.warmupS())).append(" warm up the cluster and the remaining ")
                .append(Figures.duration(summary.measuredS())).append(" are measured");
        String interval = brief.text("metricsInterval");
        if (interval != null) {
            sb.append("; the time series sample every ").append(interval);
        }
        sb.append(". ").append(plural(summary.streams().size(), "request stream")).append(" sent to ")
                .append(plural(deploymentCount(), "deployment")).append(" on ")
                .append(plural(summary.pools().size(), "GPU pool")).append(" (")
                .append(plural(summary.pools().stream().mapToLong(PoolSummary::gpus).sum(), "GPU"))
                .append(" in all).");
        return sb.toString();
    }

    private int deploymentCount() {
        return Math.max(brief.deployments().size(), deployments.size());
    }

    // ---- headline figures ---------------------------------------------------------------------

    private void headline() {
        page.section("headline", "Headline figures");
        page.paragraph("Latency of the requests measured after warm-up, in milliseconds. TTFT is the time to first "
                + "token (queueing and prefill); TPOT the mean time per output token after the first (decode "
                + "speed seen by one user); ITL the time between consecutive tokens; E2E the whole request.");
        HtmlTable latency = new HtmlTable("Stream", "TTFT p50", "TTFT p95", "TTFT p99", "TPOT p50", "TPOT p95",
                "TPOT p99", "ITL p95", "E2E p50", "E2E p95", "E2E p99");
        for (StreamSummary s : streamsWithAll()) {
            latency.row(s == summary.overall() ? "highlight" : "", List.of(HtmlTable.text(streamLabel(s)),
                    ms(s.ttftMs(), LatencySummary::p50), ms(s.ttftMs(), LatencySummary::p95),
                    ms(s.ttftMs(), LatencySummary::p99), ms(s.tpotMs(), LatencySummary::p50),
                    ms(s.tpotMs(), LatencySummary::p95), ms(s.tpotMs(), LatencySummary::p99),
                    ms(s.itlMs(), LatencySummary::p95), ms(s.e2eMs(), LatencySummary::p50),
                    ms(s.e2eMs(), LatencySummary::p95), ms(s.e2eMs(), LatencySummary::p99)));
        }
        page.table(latency);

        page.heading("Service level and throughput");
        Map<String, ScenarioBrief.Slo> slos = brief.slos();
        HtmlTable service = new HtmlTable("Stream", "Deployment", "SLO target", "SLO attainment", "Goodput (req/s)",
                "Throughput (req/s)", "Output tokens/s")
                .explain(3, "Share of the measured requests that met every target of their stream's SLO")
                .explain(4, "Requests per second that completed within the SLO");
        HtmlTable counts = new HtmlTable("Stream", "Arrived", "Completed", "Rejected", "In flight", "Preemptions")
                .explain(4, "Requests still queued or running when the simulation ended")
                .explain(5, "Times a running request was evicted from the KV cache and had to wait to resume");
        for (StreamSummary s : streamsWithAll()) {
            ScenarioBrief.Slo slo = slos.get(s.name());
            String rowClass = s == summary.overall() ? "highlight" : "";
            service.row(rowClass, List.of(HtmlTable.text(streamLabel(s)), HtmlTable.text(s.deployment()),
                    HtmlTable.text(s == summary.overall() ? "" : sloText(slo)),
                    HtmlTable.number(s.sloAttainment(), s.sloAttainment() == null ? "no SLO"
                            : Figures.percent(s.sloAttainment())),
                    HtmlTable.number(s.goodputRps(), Figures.number(s.goodputRps())),
                    HtmlTable.number(s.throughputRps(), Figures.number(s.throughputRps())),
                    HtmlTable.number(s.outputTokensPerSec(), Figures.number(s.outputTokensPerSec()))));
            counts.row(rowClass, List.of(HtmlTable.text(streamLabel(s)), HtmlTable.number(s.arrived()),
                    HtmlTable.number(s.completed()), HtmlTable.number(s.rejected()), HtmlTable.number(s.inFlight()),
                    HtmlTable.number(s.preemptions())));
        }
        page.table(service);
        page.heading("Requests").table(counts);
        var r = summary.requests();
        page.paragraph("Over the whole run, warm-up included: " + Figures.count(r.arrived()) + " requests arrived = "
                + Figures.count(r.completed()) + " completed + " + Figures.count(r.rejected()) + " rejected + "
                + Figures.count(r.inFlight()) + " still in flight at the end. The tables above count only the "
                + "requests that arrived after warm-up.");

        page.heading("Cost");
        var c = summary.cost();
        HtmlTable cost = new HtmlTable("Whole run", "After warm-up", "Per hour", "Per million output tokens");
        cost.row(List.of(HtmlTable.number(c.total(), Figures.dollars(c.total())),
                HtmlTable.number(c.measured(), Figures.dollars(c.measured())),
                HtmlTable.number(c.perHour(), Figures.dollars(c.perHour()) + "/h"),
                HtmlTable.number(c.perMillionOutputTokens(), Figures.dollars(c.perMillionOutputTokens()))));
        page.table(cost);
        page.paragraph("GPUs are billed while allocated, warm-up included; the cost per million output tokens "
                + "divides the cost after warm-up by the tokens generated after warm-up.");
    }

    private List<StreamSummary> streamsWithAll() {
        List<StreamSummary> list = new ArrayList<>(summary.streams());
        if (summary.streams().size() != 1) {
            list.add(summary.overall());
        }
        return list;
    }

    private String streamLabel(StreamSummary s) {
        return s == summary.overall() ? "all streams" : s.name();
    }

    private static HtmlTable.Cell ms(LatencySummary l, Function<LatencySummary, Double> figure) {
        Double v = l == null ? null : figure.apply(l);
        return HtmlTable.number(v, Figures.ms(v));
    }

    private static String sloText(ScenarioBrief.Slo slo) {
        if (slo == null) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        if (slo.ttftMs() != null) {
            parts.add("TTFT ≤ " + Figures.msWithUnit(slo.ttftMs()));
        }
        if (slo.tpotMs() != null) {
            parts.add("TPOT ≤ " + Figures.msWithUnit(slo.tpotMs()));
        }
        return String.join(", ", parts);
    }

    // ---- latency distributions ----------------------------------------------------------------

    private void distributions() {
        page.section("distributions", "Latency distributions");
        page.beginGrid();
        cdf("ttft", "Time to first token", "TTFT", ScenarioBrief.Slo::ttftMs);
        cdf("tpot", "Time per output token", "TPOT", ScenarioBrief.Slo::tpotMs);
        page.endGrid();
    }

    private void cdf(String metric, String name, String abbreviation, Function<ScenarioBrief.Slo, Double> target) {
        List<LatencyTable.Curve> curves = new ArrayList<>(run.latency().curves(metric));
        boolean log = wideRange(curves);
        XyChart chart = new XyChart(name + ": distribution (CDF)",
                abbreviation + " (ms" + (log ? ", log scale" : "") + ")", "requests at or below (%)")
                .yFromZero().yMax(100);
        if (log) {
            chart.logX();
        }
        int color = 0;
        for (LatencyTable.Curve c : curves) {
            if (c.stream().equals(ALL)) {
                chart.add(new XyChart.Series("all streams", c.valuesMs(), c.percentiles(), ChartStyle.color(6), true,
                        true, false, null));
            } else {
                chart.line(c.stream(), c.valuesMs(), c.percentiles(), color++);
            }
        }
        Map<Double, List<String>> targets = targets(target, null);
        targets.forEach((ms, streams) -> chart.xReference(ms, "SLO " + Figures.msWithUnit(ms)));
        JFreeChart built = chart.build();
        String caption = "Share of the requests measured after warm-up (y) whose " + name.toLowerCase()
                + " was at most x, one line per stream: the further left and the steeper, the better. Read a "
                + "percentile where a line crosses it (95% gives the p95); the top right end is the slowest "
                + "request." + (log ? " The x axis is logarithmic because the latencies span a wide range." : "")
                + sloSentence(targets, chart, "the part of a line to its right are the requests that missed it");
        page.chart(built, caption, HtmlPage.Size.HALF);
    }

    /** Log scale when the slowest request took over fifty times as long as the fastest percent. */
    private static boolean wideRange(List<LatencyTable.Curve> curves) {
        double low = Double.POSITIVE_INFINITY;
        double high = 0;
        for (LatencyTable.Curve c : curves) {
            for (int i = 0; i < c.percentiles().length; i++) {
                double v = c.valuesMs()[i];
                if (!Double.isFinite(v) || v <= 0) {
                    continue;
                }
                if (c.percentiles()[i] >= 1) {
                    low = Math.min(low, v);
                }
                high = Math.max(high, v);
            }
        }
        return Double.isFinite(low) && high / low > 50;
    }

    /**
     * The distinct targets of the streams, each with the streams that have it; only the streams
     * of {@code deployment} when one is given.
     */
    private Map<Double, List<String>> targets(Function<ScenarioBrief.Slo, Double> target, String deployment) {
        Map<Double, List<String>> out = new LinkedHashMap<>();
        Map<String, String> deploymentOf = new LinkedHashMap<>();
        brief.workloads().forEach(w -> deploymentOf.put(w.path("name").asText(""), brief.deploymentOf(w)));
        brief.slos().forEach((stream, slo) -> {
            Double v = target.apply(slo);
            if (v != null && (deployment == null || deployment.equals(deploymentOf.get(stream)))) {
                out.computeIfAbsent(v, k -> new ArrayList<>()).add(stream);
            }
        });
        return out;
    }

    // ---- over time ----------------------------------------------------------------------------

    private void latencyOverTime() throws InvalidInputException {
        page.section("latency-over-time", "Latency over time");
        page.beginGrid();
        percentilesOverTime(TTFT_P50, TTFT_P95, "Time to first token", "TTFT", ScenarioBrief.Slo::ttftMs);
        percentilesOverTime(TPOT_P50, TPOT_P95, "Time per output token", "TPOT", ScenarioBrief.Slo::tpotMs);
        page.endGrid();
    }

    private void percentilesOverTime(Column p50, Column p95, String name, String abbreviation,
                                     Function<ScenarioBrief.Slo, Double> target) throws InvalidInputException {
        if (!series.has(p50) && !series.has(p95)) {
            missing(name + " over time", p50, p95);
            return;
        }
        XyChart chart = timeChart(name + " over time", abbreviation + " (ms)").yFromZero();
        for (int d = 0; d < deployments.size(); d++) {
            String dep = deployments.get(d);
            double[] t = time.of(series.times(dep));
            if (series.has(p95)) {
                double[] v = series.values(dep, p95);
                if (t.length <= 60) {
                    chart.lineWithPoints(label(dep, "p95"), t, v, d);
                } else {
                    chart.line(label(dep, "p95"), t, v, d);
                }
            }
            if (series.has(p50)) {
                chart.dashedLine(label(dep, "p50"), t, series.values(dep, p50), d);
            }
        }
        Map<Double, List<String>> targets = targets(target, null);
        targets.forEach((ms, streams) -> chart.yReference(ms, "SLO " + Figures.msWithUnit(ms)
                + (brief.workloads().size() > 1 ? " (" + String.join(", ", streams) + ")" : "")));
        JFreeChart built = chart.build();
        page.chart(built, "The p95 (solid) and p50 (dashed) " + name.toLowerCase() + " of the requests that "
                + (p50 == TTFT_P50 ? "got their first token" : "finished") + " in each "
                + Figures.duration(interval) + " interval, per deployment. A p95 that climbs while the p50 stays "
                + "flat means a growing tail (queueing); gaps are intervals without such a request. "
                + warmupSentence() + sloSentence(targets, chart, "a p95 above it means more than 5% of that "
                + "interval's requests missed it"), HtmlPage.Size.HALF);
    }

    private void traffic() throws InvalidInputException {
        page.section("traffic", "Traffic and queues");
        page.beginGrid();
        if (series.has(ARRIVAL_RATE) || series.has(COMPLETION_RATE)) {
            XyChart chart = timeChart("Arrival and completion rate", "requests per second").yFromZero();
            boolean rejections = false;
            for (int d = 0; d < deployments.size(); d++) {
                String dep = deployments.get(d);
                double[] t = time.of(series.times(dep));
                addIfPresent(chart, dep, "arrivals", ARRIVAL_RATE, t, d, false);
                addIfPresent(chart, dep, "completions", COMPLETION_RATE, t, d, true);
                if (series.has(REJECTIONS)) {
                    double[] rejected = series.values(dep, REJECTIONS);
                    if (anyPositive(rejected)) {
                        rejections = true;
                        double[] perSecond = new double[rejected.length];
                        for (int i = 0; i < rejected.length; i++) {
                            perSecond[i] = rejected[i] / interval;
                        }
                        chart.points(label(dep, "rejections"), t, perSecond, ChartStyle.color(d), XyChart.square(3));
                    }
                }
            }
            page.chart(chart, "Requests arriving (solid) and completing (dashed) per second, averaged over each "
                    + Figures.duration(interval) + " interval, per deployment. Completions that keep up with "
                    + "arrivals mean the deployment is keeping pace; a persistent gap means a growing backlog."
                    + (rejections ? " Squares are requests rejected per second." : "") + " " + warmupSentence(),
                    HtmlPage.Size.HALF);
        } else {
            missing("Arrival and completion rate", ARRIVAL_RATE, COMPLETION_RATE);
        }
        if (series.has(QUEUE_LENGTH) || series.has(RUNNING)) {
            XyChart chart = timeChart("Queued and running requests", "requests").yFromZero().integerY();
            for (int d = 0; d < deployments.size(); d++) {
                String dep = deployments.get(d);
                double[] t = time.of(series.times(dep));
                addIfPresent(chart, dep, "queued", QUEUE_LENGTH, t, d, false);
                addIfPresent(chart, dep, "running", RUNNING, t, d, true);
            }
            page.chart(chart, "Requests waiting for admission (solid) and sequences in the running batch (dashed) "
                    + "at the end of each interval, summed over the deployment's replicas. A queue that grows "
                    + "and does not drain means the deployment is overloaded. " + warmupSentence(),
                    HtmlPage.Size.HALF);
        } else {
            missing("Queued and running requests", QUEUE_LENGTH, RUNNING);
        }
        if (series.has(OUTPUT_TOKENS_PER_S)) {
            XyChart chart = timeChart("Output tokens per second", "tokens per second").yFromZero();
            for (int d = 0; d < deployments.size(); d++) {
                String dep = deployments.get(d);
                chart.line(label(dep, "output tokens/s"), time.of(series.times(dep)),
                        series.values(dep, OUTPUT_TOKENS_PER_S), d);
            }
            page.chart(chart, "Tokens generated per second over each interval, per deployment: the decode "
                    + "throughput the users received. " + warmupSentence(), HtmlPage.Size.HALF);
        }
        page.endGrid();
    }

    private void utilization() throws InvalidInputException {
        page.section("utilization", "Replicas and utilization");
        page.beginGrid();
        List<String> replicaColumns = new ArrayList<>();
        for (String column : series.columns()) {
            if (column.equals(REPLICAS.header()) || column.startsWith(REPLICAS.header() + "_")) {
                replicaColumns.add(column);
            }
        }
        if (!replicaColumns.isEmpty()) {
            XyChart chart = timeChart("Replicas over time", "replicas").yFromZero().integerY().steps();
            for (int d = 0; d < deployments.size(); d++) {
                String dep = deployments.get(d);
                double[] t = time.of(series.times(dep));
                for (int k = 0; k < replicaColumns.size(); k++) {
                    String column = replicaColumns.get(k);
                    String what = column.equals(REPLICAS.header()) ? "replicas" : column.replace('_', ' ');
                    chart.add(new XyChart.Series(label(dep, what), withStart(t), withFirst(series.values(dep, column)),
                            ChartStyle.color(d), true, k > 0, false, null));
                }
            }
            page.chart(chart, "Serving replicas of each deployment at the end of each interval"
                    + (replicaColumns.size() > 1 ? " (solid), and replicas in each other state (dashed)" : "")
                    + ". A flat line is a fixed fleet; steps show an autoscaler adding or removing replicas. "
                    + warmupSentence(), HtmlPage.Size.HALF);
        } else {
            missing("Replicas over time", REPLICAS);
        }
        nodesOverTime();
        if (series.has(BUSY_FRACTION) || series.has(KV_OCCUPANCY)) {
            XyChart chart = timeChart("GPU busy and KV-cache occupancy", "percent").yFromZero().yMax(100);
            for (int d = 0; d < deployments.size(); d++) {
                String dep = deployments.get(d);
                double[] t = time.of(series.times(dep));
                if (series.has(BUSY_FRACTION)) {
                    chart.line(label(dep, "GPU busy"), t, percent(series.values(dep, BUSY_FRACTION)), d);
                }
                if (series.has(KV_OCCUPANCY)) {
                    chart.dashedLine(label(dep, "KV cache used"), t, percent(series.values(dep, KV_OCCUPANCY)), d);
                }
            }
            page.chart(chart, "Share of each interval the deployment's GPUs spent running iterations (solid), and "
                    + "share of its KV-cache blocks in use at the end of the interval (dashed). Busy near 100% "
                    + "with a growing queue means more GPUs are needed; a KV cache near 100% causes preemptions. "
                    + warmupSentence(), HtmlPage.Size.HALF);
        } else {
            missing("GPU busy and KV-cache occupancy", BUSY_FRACTION, KV_OCCUPANCY);
        }
        if (series.has(PREEMPTIONS)) {
            XyChart chart = timeChart("Preemptions per interval", "preemptions").yFromZero().integerY().steps();
            long total = 0;
            for (int d = 0; d < deployments.size(); d++) {
                String dep = deployments.get(d);
                double[] v = series.values(dep, PREEMPTIONS);
                for (double x : v) {
                    total += Double.isFinite(x) ? (long) x : 0;
                }
                chart.line(label(dep, "preemptions"), withStart(time.of(series.times(dep))), withFirst(v), d);
            }
            page.chart(chart, "Running sequences evicted from the KV cache in each " + Figures.duration(interval)
                    + " interval because it ran out of blocks (they are recomputed or swapped back later, which "
                    + "costs latency). " + (total == 0 ? "There were none in this run. " : "") + warmupSentence(),
                    HtmlPage.Size.HALF);
        } else {
            missing("Preemptions per interval", PREEMPTIONS);
        }
        page.endGrid();
    }

    /** Nodes of each dynamic or serverless pool: ready (solid) and being provisioned (dashed). Static pools are flat, so left out. */
    private void nodesOverTime() throws InvalidInputException {
        PoolSeriesTable pools = run.pools();
        if (pools == null || pools.elasticPools().isEmpty() || !pools.has(PoolsCsv.Column.NODES)) {
            return;
        }
        XyChart chart = timeChart("Nodes over time", "nodes").yFromZero().integerY().steps();
        List<String> elastic = pools.elasticPools();
        for (int k = 0; k < elastic.size(); k++) {
            String pool = elastic.get(k);
            double[] t = withStart(time.of(pools.values(pool, PoolsCsv.Column.TIME)));
            chart.add(new XyChart.Series(pool + " (" + pools.mode(pool) + "): ready", t,
                    withFirst(pools.values(pool, PoolsCsv.Column.NODES)), ChartStyle.color(k), true, false, false, null));
            if (pools.has(PoolsCsv.Column.NODES_PROVISIONING)) {
                chart.add(new XyChart.Series(pool + ": provisioning", t,
                        withFirst(pools.values(pool, PoolsCsv.Column.NODES_PROVISIONING)), ChartStyle.color(k), true, true, false, null));
            }
        }
        page.chart(chart, "Nodes of each pool that grows and shrinks, at the end of each interval: ready to take "
                + "work (solid) and requested but still being provisioned (dashed), which are paid for but not usable "
                + "yet. The cluster autoscaler adds nodes when work is pending and removes nodes left empty. "
                + warmupSentence(), HtmlPage.Size.HALF);
    }

    private void cost() throws InvalidInputException {
        page.section("cost", "Cost");
        if (!series.has(COST_SO_FAR) || deployments.isEmpty()) {
            missing("Cost over time", COST_SO_FAR);
            return;
        }
        // The cost column is the whole fleet's, repeated on every deployment's row.
        String first = deployments.get(0);
        double[] t = series.times(first);
        double[] cost = series.values(first, COST_SO_FAR);
        page.beginGrid();
        XyChart soFar = timeChart("Cost so far", "US dollars").yFromZero()
                .line("whole fleet", time.of(withOrigin(t)), withOrigin(cost), 0);
        page.chart(soFar, "Dollars spent on GPUs from the start of the run to each moment: GPU-hours allocated "
                + "times each pool's price, warm-up included. Its slope is the cost per hour ("
                + Figures.dollars(summary.cost().perHour()) + "/h here); it ends at the run's total of "
                + Figures.dollars(summary.cost().total()) + ".", HtmlPage.Size.HALF);
        if (series.has(OUTPUT_TOKENS_PER_S)) {
            double[] tokens = new double[t.length];
            for (String dep : deployments) {
                double[] v = series.values(dep, OUTPUT_TOKENS_PER_S);
                for (int i = 0; i < Math.min(v.length, tokens.length); i++) {
                    tokens[i] += Double.isFinite(v[i]) ? v[i] : 0;
                }
            }
            double[] perMillion = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                double spent = cost[i] - (i == 0 ? 0 : cost[i - 1]);
                double generated = tokens[i] * (t[i] - (i == 0 ? 0 : t[i - 1]));
                perMillion[i] = generated > 0 ? spent / generated * 1e6 : Double.NaN;
            }
            XyChart perToken = timeChart("Cost per million output tokens over time", "US dollars per million tokens")
                    .yFromZero().line("whole fleet", time.of(t), perMillion, 0);
            page.chart(perToken, "The fleet's cost in each interval divided by the tokens it generated in that "
                    + "interval, per million: low when the GPUs are busy producing tokens, high when they are idle "
                    + "or stalled. Gaps are intervals without a generated token. Over the whole measured window the figure is "
                    + Figures.dollars(summary.cost().perMillionOutputTokens()) + ".", HtmlPage.Size.HALF);
        }
        page.endGrid();
    }

    /** Cost so far is zero at time zero, which the first sample (at the end of the first interval) leaves out. */
    private static double[] withOrigin(double[] v) {
        if (v.length == 0) {
            return v;
        }
        double[] out = new double[v.length + 1];
        System.arraycopy(v, 0, out, 1, v.length);
        return out;
    }

    // ---- detail tables ------------------------------------------------------------------------

    private void replicasAndPools() {
        page.section("replicas", "Per replica and per pool");
        page.paragraph("Measured after warm-up. Busy is the share of time running iterations; FLOP/s and HBM "
                + "bandwidth (BW) are the achieved shares of the GPUs' peaks (decode is usually bandwidth-bound, so "
                + "its HBM share is high while its FLOP/s share is low); KV is the share of KV-cache blocks in use.");
        scaling();
        HtmlTable replicas = new HtmlTable("Replica", "Deployment", "State", "Pool", "GPU", "GPUs", "Busy", "FLOP/s",
                "HBM BW", "KV mean", "KV peak", "KV tokens", "Iterations", "Preempt.")
                .explain(2, "At the end of the run: ready, pending (waiting for GPUs), starting (cold start), "
                        + "draining, stopped (removed by the autoscaler) or cancelled (withdrawn before it got GPUs)")
                .explain(7, "Achieved FLOP/s as a share of the GPUs' dense peak")
                .explain(8, "Achieved HBM bandwidth as a share of the GPUs' peak")
                .explain(11, "KV-cache capacity in tokens").explain(13, "KV-cache preemptions");
        for (ReplicaSummary r : summary.replicas()) {
            replicas.row(List.of(HtmlTable.text(r.name()), HtmlTable.text(r.deployment()),
                    HtmlTable.text(r.state() == null ? "ready" : r.state()), HtmlTable.text(r.pool()),
                    HtmlTable.text(r.gpu()), HtmlTable.number(r.gpus()), pct(r.busyFraction()),
                    pct(r.flopsFraction()), pct(r.bandwidthFraction()), pct(r.kvMeanOccupancy()),
                    pct(r.kvPeakOccupancy()), HtmlTable.number(r.kvTokens()), HtmlTable.number(r.iterations()),
                    HtmlTable.number(r.preemptions())));
        }
        page.heading("Replicas").table(replicas);
        HtmlTable pools = new HtmlTable("Pool", "GPU", "GPUs", "Allocated", "$/GPU-hour", "Busy", "FLOP/s", "HBM BW",
                "Preempt.", "Cost")
                .explain(3, "GPUs given to replicas; the rest are idle but still in the pool")
                .explain(6, "Achieved FLOP/s as a share of the GPUs' dense peak")
                .explain(7, "Achieved HBM bandwidth as a share of the GPUs' peak")
                .explain(8, "KV-cache preemptions");
        for (PoolSummary p : summary.pools()) {
            pools.row(List.of(HtmlTable.text(p.name()), HtmlTable.text(p.gpu()), HtmlTable.number(p.gpus()),
                    HtmlTable.number(p.allocatedGpus()),
                    HtmlTable.number(p.pricePerGpuHour(), Figures.dollars(p.pricePerGpuHour())),
                    pct(p.busyFraction()), pct(p.flopsFraction()), pct(p.bandwidthFraction()),
                    HtmlTable.number(p.preemptions()), HtmlTable.number(p.cost(), Figures.dollars(p.cost()))));
        }
        page.heading("Pools").paragraph("Fractions are over every GPU of the pool, allocated or not, because "
                + "all of them are paid for; cost covers the whole run.").table(pools);
    }

    // ---- small pieces -------------------------------------------------------------------------

    private XyChart timeChart(String title, String yLabel) {
        XyChart chart = new XyChart(title, "time since start (" + time.label() + ")", yLabel)
                .xRange(0, time.of(summary.durationS()));
        if (summary.warmupS() > 0) {
            chart.band(0, time.of(summary.warmupS()));
        }
        return chart;
    }

    /** What the SLO line on a chart means, or where it is when it lies outside the chart's range. */
    private static String sloSentence(Map<Double, List<String>> targets, XyChart chart, String meaning) {
        if (targets.isEmpty()) {
            return "";
        }
        if (chart.visibleReferences() == 0) {
            return " The SLO target lies outside the range shown; the note under the title says on which side.";
        }
        return " The red dashed line is the SLO target: " + meaning + ".";
    }

    private String warmupSentence() {
        return summary.warmupS() > 0 ? "The grey band is the warm-up, left out of the summary figures." : "";
    }

    private void addIfPresent(XyChart chart, String dep, String what, Column column, double[] t, int color,
                              boolean dashed) throws InvalidInputException {
        if (series.has(column)) {
            chart.add(new XyChart.Series(label(dep, what), t, series.values(dep, column), ChartStyle.color(color),
                    true, dashed, false, null));
        }
    }

    private void missing(String chart, Column... columns) {
        List<String> names = new ArrayList<>();
        for (Column c : columns) {
            names.add(c.header());
        }
        page.html("<p class=\"note\">" + HtmlPage.escape(chart + ": not drawn, because timeseries.csv has no "
                + String.join(" and ", names) + " column.") + "</p>");
    }

    /** The series name: the deployment's name is left out when there is only one. */
    private String label(String deployment, String what) {
        return deployments.size() == 1 ? what : deployment + " " + what;
    }

    /** The interval of the time series, from its first two samples of one deployment. */
    private double intervalSeconds() throws InvalidInputException {
        if (!deployments.isEmpty()) {
            double[] t = series.times(deployments.get(0));
            if (t.length >= 2 && t[1] > t[0]) {
                return t[1] - t[0];
            }
            if (t.length == 1 && t[0] > 0) {
                return t[0];
            }
        }
        return Double.NaN;
    }

    /**
     * Each sample closes the interval before it; for a step chart, the first interval starts at
     * time zero with the first value, so the steps cover the whole run.
     */
    private static double[] withStart(double[] t) {
        if (t.length == 0 || t[0] <= 0) {
            return t;
        }
        double[] out = new double[t.length + 1];
        System.arraycopy(t, 0, out, 1, t.length);
        return out;
    }

    private static double[] withFirst(double[] v) {
        if (v.length == 0) {
            return v;
        }
        double[] out = new double[v.length + 1];
        out[0] = v[0];
        System.arraycopy(v, 0, out, 1, v.length);
        return out;
    }

    private static double[] percent(double[] fractions) {
        double[] out = new double[fractions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = fractions[i] * 100;
        }
        return out;
    }

    private static boolean anyPositive(double[] v) {
        for (double x : v) {
            if (x > 0) {
                return true;
            }
        }
        return false;
    }

    /** Per deployment, what its autoscaler did and what cold starts cost; only when something scaled or started. */
    private void scaling() {
        List<DeploymentSummary> scaled = summary.deployments().stream()
                .filter(d -> d.scaleUps() + d.scaleDowns() + d.coldStarts() + d.waitedForReplica() > 0).toList();
        if (scaled.isEmpty()) {
            return;
        }
        page.heading("Scaling and cold starts");
        page.paragraph("What each deployment's autoscaler did over the whole run, and where its cold starts spent their "
                + "time (means over the replicas started during the run, in seconds): a new node being provisioned, "
                + "waiting for GPUs otherwise, pulling the serving image (0 on a node that had it), loading the weights, "
                + "initialising the engine. Requests that found no replica ready waited for one; requeued requests were "
                + "handed back by a replica whose drain timed out.");
        HtmlTable scaling = new HtmlTable("Deployment", "Peak replicas", "Scale-ups", "Scale-downs", "Cold starts",
                "Waited for a replica", "Mean wait (s)", "Longest wait (s)", "Requeued");
        HtmlTable phases = new HtmlTable("Deployment", "Cold starts", "Mean total (s)", "Longest (s)", "New node",
                "GPU wait", "Image", "Weights", "Engine");
        for (DeploymentSummary d : scaled) {
            scaling.row(List.of(HtmlTable.text(d.name()), HtmlTable.number(d.peakReplicas()),
                    HtmlTable.number(d.scaleUps()), HtmlTable.number(d.scaleDowns()), HtmlTable.number(d.coldStarts()),
                    HtmlTable.number(d.waitedForReplica()), seconds(d.meanWaitForReplicaS()),
                    seconds(d.maxWaitForReplicaS()), HtmlTable.number(d.requeued())));
            var p = d.coldStartPhases();
            if (p != null) {
                phases.row(List.of(HtmlTable.text(d.name()), HtmlTable.number(d.coldStarts()), seconds(p.meanTotalS()),
                        seconds(p.maxTotalS()), seconds(p.provisionNodeS()), seconds(p.waitForGpuS()),
                        seconds(p.imagePullS()), seconds(p.weightsS()), seconds(p.engineInitS())));
            }
        }
        page.table(scaling);
        if (scaled.stream().anyMatch(d -> d.coldStartPhases() != null)) {
            page.table(phases);
        }
    }

    private static HtmlTable.Cell seconds(Double s) {
        return s == null ? HtmlTable.text("-") : HtmlTable.number(s, String.format(Locale.ROOT, "%.1f", s));
    }

    private static HtmlTable.Cell pct(double fraction) {
        return HtmlTable.number(fraction, Figures.percent(fraction));
    }

    private double fleetBusy() {
        double weighted = 0;
        long gpus = 0;
        for (PoolSummary p : summary.pools()) {
            weighted += p.busyFraction() * p.gpus();
            gpus += p.gpus();
        }
        return gpus == 0 ? Double.NaN : weighted / gpus;
    }

    private double peakKv() {
        double peak = Double.NaN;
        for (ReplicaSummary r : summary.replicas()) {
            peak = Double.isNaN(peak) ? r.kvPeakOccupancy() : Math.max(peak, r.kvPeakOccupancy());
        }
        return peak;
    }

    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }

    private static String plural(long n, String noun) {
        return Figures.count(n) + " " + noun + (n == 1 ? "" : "s");
    }

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
}
