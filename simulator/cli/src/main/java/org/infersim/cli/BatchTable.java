package org.infersim.cli;

import java.util.List;
import java.util.Locale;
import org.infersim.study.BatchAnalysis;
import org.infersim.study.BatchRow;

/** What {@code infersim batch} prints at the end: failures, the cheapest variant per load. */
final class BatchTable {
    private BatchTable() {}

    static String render(List<BatchRow> rows, BatchAnalysis analysis, boolean hasSlo) {
        StringBuilder out = new StringBuilder();
        List<BatchRow> failed = rows.stream().filter(r -> !r.ok()).toList();
        if (!failed.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%d of %d runs failed:%n", failed.size(), rows.size()));
            for (BatchRow r : failed.subList(0, Math.min(10, failed.size()))) {
                out.append(String.format(Locale.ROOT, "  %s (%s): %s%n", r.run().id(), r.run().variant().label(), r.message()));
            }
            if (failed.size() > 10) {
                out.append("  ... (all in batch.csv)\n");
            }
        }
        if (!hasSlo) {
            return out.toString();
        }
        out.append(String.format(Locale.ROOT, "%nCheapest variant meeting the SLO%n"));
        for (BatchAnalysis.Cheapest c : analysis.cheapest()) {
            String load = c.load() == null ? "" : "at " + c.load() + ": ";
            if (c.best() == null) {
                out.append("  ").append(load).append("none of the variants meets it\n");
            } else {
                var b = c.best();
                out.append(String.format(Locale.ROOT, "  %s%s  $%.2f/h, p95 TTFT %s ms, p95 TPOT %s ms  (%s)%n",
                        load, b.variant().label(), b.costPerHourUsd(), ms(b.ttftP95Ms()), ms(b.tpotP95Ms()),
                        String.join(", ", b.runIds())));
                if (c.tiedOnCost() > 0) {
                    out.append(String.format(Locale.ROOT, "    tied on cost with %d other variant%s meeting the SLO;"
                            + " chosen for the fewest GPUs (%d), then the lowest p95 TTFT%n", c.tiedOnCost(),
                            c.tiedOnCost() == 1 ? "" : "s", b.gpus()));
                }
            }
        }
        return out.toString();
    }

    private static String ms(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }
}
