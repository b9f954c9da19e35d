package org.infersim.reports;

import static org.infersim.results.BatchCsv.Figure.*;

import java.util.ArrayList;
import java.util.List;
import org.infersim.results.BatchCsv.Figure;

/** "All runs", one row per run as in batch.csv in a table that sorts by any column, then "Failed runs". */
final class RunsSection extends BatchSection {
    RunsSection(BatchPage p) {
        super(p);
    }

    @Override
    void add() {
        allRuns();
        failed();
    }

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
                .explain(first + 18, "share of time the engines were stepping").explain(first + 19, "peak KV-cache occupancy")
                .explain(first + 21, "on the Pareto front of cost against p95 TTFT at its load, among the runs meeting the SLO");
        for (BatchResults.Run r : batch.runs()) {
            List<HtmlTable.Cell> cells = new ArrayList<>();
            cells.add(HtmlTable.text(r.id(), r.variant()));
            cells.add(HtmlTable.text(r.status(), r.ok() ? null : r.message()));
            for (BatchResults.Parameter p : batch.parameters()) {
                cells.add(HtmlTable.text(r.values().get(p.path())));
            }
            cells.add(replication(r));
            cells.add(count(r, GPUS));
            cells.add(dollars(r, COST_PER_HOUR_USD, ""));
            cells.add(dollars(r, COST_USD, ""));
            cells.add(dollars(r, COST_PER_MILLION_OUTPUT_TOKENS_USD, ""));
            cells.add(num(r, THROUGHPUT_RPS));
            cells.add(num(r, OUTPUT_TOKENS_PER_S));
            for (Figure f : List.of(TTFT_P50_MS, TTFT_P95_MS, TTFT_P99_MS, TPOT_P50_MS, TPOT_P95_MS, TPOT_P99_MS, E2E_P95_MS)) {
                cells.add(ms(r, f));
            }
            cells.add(pct(r, SLO_ATTAINMENT));
            cells.add(num(r, GOODPUT_RPS));
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

    private static HtmlTable.Cell replication(BatchResults.Run r) {
        Double v = rate(r.replication());
        return HtmlTable.number(v, r.replication());
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
