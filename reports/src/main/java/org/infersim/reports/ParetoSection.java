package org.infersim.reports;

import static org.infersim.results.BatchCsv.Figure.*;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.infersim.results.BatchCsv.Figure;

/** "Cost against latency: the Pareto front": every run as a point, the front joined, the cheapest marked. */
final class ParetoSection extends BatchSection {
    ParetoSection(BatchPage p) {
        super(p);
    }

    @Override
    void add() {
        page.section("pareto", "Cost against latency: the Pareto front");
        boolean perToken = load != null;
        Figure figure = perToken ? COST_PER_MILLION_OUTPUT_TOKENS_USD : COST_PER_HOUR_USD;
        List<BatchResults.Run> runs = batch.okRuns().stream()
                .filter(r -> Double.isFinite(r.figure(TTFT_P95_MS)) && Double.isFinite(r.figure(figure))).toList();
        boolean log = wideRange(runs, TTFT_P95_MS);
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
        // batch.json's fronts, one per load level through the variants meeting the SLO (the batch
        // analysis draws them): each is joined in order of latency.
        List<BatchResults.Run> onFront = runs.stream().filter(r -> paretoRuns.contains(r.id())).toList();
        int color = 1;
        for (var group : groupBy(onFront, r -> load == null ? "" : r.values().get(load.path())).entrySet()) {
            List<BatchResults.Run> front = new ArrayList<>(group.getValue());
            front.sort((a, b) -> Double.compare(a.figure(TTFT_P95_MS), b.figure(TTFT_P95_MS)));
            chart.add(new XyChart.Series(group.getKey().isEmpty() ? "Pareto front" : "Pareto front at " + group.getKey(),
                    front.stream().mapToDouble(r -> r.figure(TTFT_P95_MS)).toArray(),
                    front.stream().mapToDouble(r -> r.figure(figure)).toArray(), ChartStyle.color(color++), true,
                    false, false, null));
        }
        List<double[]> best = new ArrayList<>();
        for (BatchResults.Cheapest c : batch.cheapest()) {
            BatchResults.Run r = run(c.run());
            if (r != null && Double.isFinite(r.figure(TTFT_P95_MS))) {
                best.add(new double[] {r.figure(TTFT_P95_MS), r.figure(figure)});
                if (c.load() != null) {
                    chart.note(r.figure(TTFT_P95_MS), r.figure(figure), c.load());
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
                + "a planner picks along it. There is one front per load, drawn through the runs that meet the "
                + "SLO (where there is one): runs at different loads or missing the SLO are not alternatives. "
                + (batch.slo() != null ? "Runs left of the red dashed SLO line meet its TTFT target; green runs "
                + "meet the whole SLO. " : "")
                + (best.isEmpty() ? "" : "Diamonds mark the cheapest run meeting the SLO at each load.")
                + (log ? " The x axis is logarithmic because the latencies span a wide range." : ""),
                HtmlPage.Size.FULL);
    }

    private void addRuns(XyChart chart, String name, List<BatchResults.Run> runs, Figure figure, Color color) {
        chart.points(name, runs.stream().mapToDouble(r -> r.figure(TTFT_P95_MS)).toArray(),
                runs.stream().mapToDouble(r -> r.figure(figure)).toArray(), color, XyChart.dot(4));
    }
}
