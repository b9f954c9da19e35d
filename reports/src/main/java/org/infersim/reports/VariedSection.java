package org.infersim.reports;

import static org.infersim.results.BatchCsv.Figure.*;

import java.util.List;

/** "What was varied": the key figures of the batch, each varied parameter and its role, and the SLO. */
final class VariedSection extends BatchSection {
    VariedSection(BatchPage p) {
        super(p);
    }

    @Override
    void add() {
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
        long combinations = batch.parameters().stream().mapToLong(p -> p.values().size()).reduce(1, (a, b) -> a * b);
        // Parameters written together vary together, and a size search probes only some counts:
        // say "every combination" only when that is what ran.
        String which = variants == combinations ? "Every combination of the values below was run"
                : Figures.count(variants) + " variants were run, not every one of the " + Figures.count(combinations)
                        + " combinations of the values below (parameters written together vary together, and a "
                        + "search tries only the values it needs)";
        page.paragraph(which
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
        return Figures.dollars(run(c.run()).figure(COST_PER_HOUR_USD)) + "/h";
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
}
