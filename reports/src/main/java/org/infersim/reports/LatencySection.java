package org.infersim.reports;

import static org.infersim.results.TimeSeriesCsv.Column.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.infersim.input.InvalidInputException;
import org.infersim.results.TimeSeriesCsv.Column;
import org.jfree.chart.JFreeChart;

/**
 * "Latency distributions" and "Latency over time": the CDF of TTFT and TPOT per stream, and their
 * p50 and p95 per deployment interval by interval, each against the SLO targets.
 */
final class LatencySection extends RunSection {
    private static final String ALL = "all";

    LatencySection(RunPage p) {
        super(p);
    }

    @Override
    void add() throws InvalidInputException {
        distributions();
        latencyOverTime();
    }

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

    private void latencyOverTime() throws InvalidInputException {
        page.section("latency-over-time", "Latency over time");
        page.beginGrid();
        percentilesOverTime(TTFT_P50_MS, TTFT_P95_MS, "Time to first token", "TTFT", ScenarioBrief.Slo::ttftMs);
        percentilesOverTime(TPOT_P50_MS, TPOT_P95_MS, "Time per output token", "TPOT", ScenarioBrief.Slo::tpotMs);
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
                + (p50 == TTFT_P50_MS ? "got their first token" : "finished") + " in each "
                + Figures.duration(interval) + " interval, per deployment. A p95 that climbs while the p50 stays "
                + "flat means a growing tail (queueing); gaps are intervals without such a request. "
                + warmupSentence() + sloSentence(targets, chart, "a p95 above it means more than 5% of that "
                + "interval's requests missed it"), HtmlPage.Size.HALF);
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
}
