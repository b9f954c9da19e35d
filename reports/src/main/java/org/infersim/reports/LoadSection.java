package org.infersim.reports;

import static org.infersim.results.BatchCsv.Figure.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.infersim.results.BatchCsv.Figure;

/** "Cost and latency against load": one line per configuration through the means at each load. */
final class LoadSection extends BatchSection {
    LoadSection(BatchPage p) {
        super(p);
    }

    @Override
    void add() {
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
                COST_PER_MILLION_OUTPUT_TOKENS_USD, loads, null,
                "What a million generated tokens cost at each load, per configuration. "
                        + "A fixed fleet gets cheaper per token as load rises, until it saturates; lines that stop "
                        + "falling or end early are configurations that ran out of capacity.");
        loadChart("p95 time to first token against load", xLabel, "p95 TTFT (ms)", TTFT_P95_MS, loads,
                batch.slo() == null ? null : batch.slo().ttftP95Ms(),
                "The 95th percentile of the time to first token at each load, per configuration. The knee where a "
                        + "line turns upward is the load that configuration can carry; the red dashed line is the "
                        + "SLO target.");
        loadChart("p95 time per output token against load", xLabel, "p95 TPOT (ms)", TPOT_P95_MS, loads,
                batch.slo() == null ? null : batch.slo().tpotP95Ms(),
                "The 95th percentile of the time per output token (decode speed) at each load, per configuration; "
                        + "it rises as batches grow. The red dashed line is the SLO target.");
        loadChart("Cost per hour against load", xLabel, "US dollars per hour", COST_PER_HOUR_USD, loads, null,
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
}
