package org.infersim.reports;

import java.util.List;

/**
 * "Sizing": the answer of {@code infersim size}, first: for each candidate (GPU, precision,
 * tensor parallelism) the fewest replicas that met the SLO and what that fleet costs, the cheapest
 * marked, or why none did. The batch sections after it show every run the search made.
 */
final class SizeSection {
    private SizeSection() {}

    static void add(HtmlPage page, SizeResults size) {
        page.section("sizing", "Sizing: the fewest replicas meeting the SLO, per candidate");
        SizeResults.Candidate cheapest = size.candidates().stream().filter(c -> c.replicas() != null
                && c.costPerHourUsd() != null).min(java.util.Comparator.comparingDouble(SizeResults.Candidate::costPerHourUsd))
                .orElse(null);
        page.paragraph(cheapest == null ? "No candidate met the SLO within the search's most replicas."
                : "Cheapest: " + cheapest.replicas() + " × " + cheapest.label() + ", "
                        + Figures.dollars(cheapest.costPerHourUsd()) + "/h. For each candidate the replica count was "
                        + "searched (doubling, then bisection) rather than swept, so the runs below are its probes.");
        HtmlTable t = new HtmlTable("Candidate", "Replicas", "GPUs", "$/hour", "p95 TTFT", "p95 TPOT", "Runs", "Answer")
                .explain(1, "The fewest replicas that met the SLO").explain(6, "Probes the search ran");
        for (SizeResults.Candidate c : size.candidates()) {
            boolean met = c.replicas() != null;
            t.row(c == cheapest ? "highlight" : "", List.of(HtmlTable.text(c.label()),
                    met ? HtmlTable.number(c.replicas()) : HtmlTable.text("-"),
                    c.gpus() == null ? HtmlTable.text("-") : HtmlTable.number(c.gpus()),
                    c.costPerHourUsd() == null ? HtmlTable.text("-")
                            : HtmlTable.number(c.costPerHourUsd(), Figures.dollars(c.costPerHourUsd())),
                    ms(c.ttftP95Ms()), ms(c.tpotP95Ms()), HtmlTable.number(c.runs()),
                    HtmlTable.text(c == cheapest ? "cheapest" : met ? "meets the SLO" : c.reason())));
        }
        page.table(t);
    }

    private static HtmlTable.Cell ms(Double v) {
        return v == null ? HtmlTable.text("-") : HtmlTable.number(v, Figures.msWithUnit(v));
    }
}
