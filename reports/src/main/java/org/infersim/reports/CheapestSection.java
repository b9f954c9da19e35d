package org.infersim.reports;

import static org.infersim.results.BatchCsv.Figure.*;

import java.util.List;

/** "Cheapest configuration meeting the SLO": the run with the lowest cost per hour at each load. */
final class CheapestSection extends BatchSection {
    CheapestSection(BatchPage p) {
        super(p);
    }

    @Override
    void add() {
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
                    HtmlTable.text(configuration(r)), dollars(r, COST_PER_HOUR_USD, "/h"),
                    dollars(r, COST_PER_MILLION_OUTPUT_TOKENS_USD, ""),
                    ms(r, TTFT_P95_MS), ms(r, TPOT_P95_MS),
                    HtmlTable.number(r.figure(SLO_ATTAINMENT), Figures.percent(r.figure(SLO_ATTAINMENT)))));
        }
        page.table(t);
    }
}
