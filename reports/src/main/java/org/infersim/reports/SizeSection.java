package org.infersim.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * "Sizing": the answer of {@code infersim size}, first: for each candidate (GPU, precision,
 * tensor parallelism) the fewest replicas that met the SLO in every replication and what that
 * fleet costs, with 95% intervals, the cheapest marked, the borderline answers said, and the
 * candidates the cheapest cannot be told apart from. The batch sections after it show every run
 * the search made.
 */
final class SizeSection {
    private SizeSection() {}

    static void add(HtmlPage page, SizeResults size) {
        page.section("sizing", "Sizing: the fewest replicas meeting the SLO, per candidate");
        SizeResults.Candidate cheapest = size.candidates().stream().filter(c -> c.label().equals(size.cheapest()))
                .findFirst().orElse(null);
        page.paragraph(cheapest == null ? "No candidate met the SLO within the search's most replicas."
                : "Cheapest: " + cheapest.replicas() + " × " + cheapest.label() + ", "
                        + Figures.dollars(cheapest.costPerHour().mean()) + "/h. For each candidate the replica count was "
                        + "searched (doubling, then bisection) rather than swept, so the runs below are its probes.");
        page.paragraph(size.replications() == 1
                ? "Each probe ran once: one seed decides each answer, with no interval, and latencies cannot be told apart."
                : "Each probe ran " + size.replications() + " replications under seeds every candidate shares; a count "
                        + "meets the SLO only when every replication does. ± is the 95% interval of the mean.");
        HtmlTable t = new HtmlTable("Candidate", "Replicas", "GPUs", "$/hour", "$/M output tokens", "p95 TTFT",
                "p95 TPOT", "SLO attainment", "Runs", "Answer")
                .explain(1, "The fewest replicas that met the SLO in every replication").explain(8, "Probes the search ran");
        for (SizeResults.Candidate c : size.candidates()) {
            boolean met = c.replicas() != null;
            t.row(c == cheapest ? "highlight" : "", List.of(HtmlTable.text(c.label()),
                    met ? HtmlTable.number(c.replicas()) : HtmlTable.text("-"),
                    c.gpus() == null ? HtmlTable.text("-") : HtmlTable.number(c.gpus()),
                    met ? HtmlTable.number(c.costPerHour().mean(), Figures.dollars(c.costPerHour().mean())) : HtmlTable.text("-"),
                    met ? HtmlTable.number(c.costPerMillionTokens().mean(), Figures.dollars(c.costPerMillionTokens().mean()))
                            : HtmlTable.text("-"),
                    ms(met, c.ttftP95Ms()), ms(met, c.tpotP95Ms()),
                    met ? HtmlTable.number(c.sloAttainment().mean(), Figures.percent(c.sloAttainment().mean()))
                            : HtmlTable.text("-"),
                    HtmlTable.number(c.runs()), HtmlTable.text(answer(c, cheapest))));
        }
        page.table(t);
        for (SizeResults.Candidate c : size.candidates()) {
            if (c.replicas() == null) {
                page.paragraph(c.label() + ": no fleet, " + c.reason() + ".");
            }
            if (c.borderline()) {
                page.paragraph(c.label() + " is borderline: with " + (c.replicas() - 1) + " replicas, " + c.belowMetIn()
                        + " of " + size.replications() + " replications met the SLO too; more replications would "
                        + "settle whether the smaller fleet suffices.");
            }
        }
        List<String> sameCost = new ArrayList<>();
        for (SizeResults.Rival r : size.rivals()) {
            if (r.costVerdict().equals("SAME")) {
                sameCost.add(r.label() + (r.notDistinguishable() ? ": not distinguishable from the cheapest"
                        : ": p95 TTFT " + difference(r.ttft(), r.ttftVerdict()) + ", p95 TPOT "
                                + difference(r.tpot(), r.tpotVerdict())));
            }
        }
        if (!sameCost.isEmpty()) {
            page.paragraph("At the same cost as the cheapest (within " + Figures.percent(size.negligibleShare())
                    + " or the interval): " + String.join("; ", sameCost) + ".");
        }
    }

    private static String answer(SizeResults.Candidate c, SizeResults.Candidate cheapest) {
        if (c.replicas() == null) {
            return "none (below)";
        }
        String answer = c == cheapest ? "cheapest" : "meets the SLO";
        return c.borderline() ? (c == cheapest ? "cheapest" : "meets") + ", borderline" : answer;
    }

    private static String difference(SizeResults.Estimate d, String verdict) {
        String shown = (d.mean() >= 0 ? "+" : "") + withHalfWidth(d);
        return switch (verdict) {
            case "LOWER" -> shown + " (lower)";
            case "HIGHER" -> shown + " (higher)";
            case "SAME" -> shown + " (no difference)";
            default -> shown + " (unknown with one replication)";
        };
    }

    private static HtmlTable.Cell ms(boolean met, SizeResults.Estimate e) {
        if (!met || !Double.isFinite(e.mean())) {
            return HtmlTable.text("-");
        }
        return HtmlTable.number(e.mean(), withHalfWidth(e));
    }

    /** "982 ± 32 ms", "1.27 ± 0.015 s": the mean to three digits, the half-width to two, one unit for both. */
    private static String withHalfWidth(SizeResults.Estimate e) {
        boolean seconds = Math.abs(e.mean()) >= 1000;
        double scale = seconds ? 1000 : 1;
        String unit = seconds ? " s" : " ms";
        return Figures.significant(e.mean() / scale, 3)
                + (Double.isFinite(e.halfWidth()) ? " ± " + Figures.significant(e.halfWidth() / scale, 2) : "") + unit;
    }
}
