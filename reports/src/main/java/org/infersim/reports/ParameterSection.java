package org.infersim.reports;

import static org.infersim.results.BatchCsv.Figure.*;

import java.util.ArrayList;
import java.util.List;
import org.infersim.results.BatchCsv.Figure;

/** "Cost and latency by" a varied parameter other than the load: one dot per variant at each of its values. */
final class ParameterSection extends BatchSection {
    private final BatchResults.Parameter p;

    ParameterSection(BatchPage page, BatchResults.Parameter p) {
        super(page);
        this.p = p;
    }

    @Override
    void add() {
        String name = shortNames.get(p.path());
        page.section("by-" + anchor(p.path()), "Cost and latency by " + name);
        page.paragraph("Each dot is one variant (the mean of its replications) at a value of " + p.path()
                + (load != null ? ", coloured by load" : "") + "; dots above one value differ in the other "
                + "parameters. The spread shows how much the other parameters matter at that value.");
        page.beginGrid();
        dotChart(p, "Cost per hour by " + name, "US dollars per hour", COST_PER_HOUR_USD, null,
                "Cost per hour of the fleet for each value of " + name + ": GPUs in the fleet times their price.");
        dotChart(p, "p95 TTFT by " + name, "p95 TTFT (ms)", TTFT_P95_MS,
                batch.slo() == null ? null : batch.slo().ttftP95Ms(),
                "The 95th percentile of the time to first token for each value of " + name
                        + "; dots above the red dashed line miss the SLO's TTFT target.");
        dotChart(p, "p95 TPOT by " + name, "p95 TPOT (ms)", TPOT_P95_MS,
                batch.slo() == null ? null : batch.slo().tpotP95Ms(),
                "The 95th percentile of the time per output token for each value of " + name
                        + "; dots above the red dashed line miss the SLO's TPOT target.");
        if (load == null) {
            dotChart(p, "Cost per million output tokens by " + name, "US dollars per million output tokens",
                    COST_PER_MILLION_OUTPUT_TOKENS_USD, null,
                    "What a million generated tokens cost for each value of " + name + ".");
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

    private static String anchor(String path) {
        return path.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static double[] toArray(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
