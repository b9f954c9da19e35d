package org.infersim.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * The report of a batch: what was varied, the cheapest configuration that meets the SLO at each
 * load, cost and latency against each varied parameter, the Pareto front of cost against p95
 * latency, and every run in a table that sorts by any column: one {@link BatchSection} each, in
 * that order, after the policy comparison when the folder holds one.
 */
final class BatchReport {
    private BatchReport() {}

    static String render(BatchResults batch) {
        return render(batch, null);
    }

    /** The report of a batch, with the policy comparison first when the folder holds one. */
    static String render(BatchResults batch, ComparisonResults comparison) {
        return render(batch, comparison, null);
    }

    /** The report, with a size search's answer first when the folder holds one (size.json). */
    static String render(BatchResults batch, ComparisonResults comparison, SizeResults size) {
        BatchPage p = BatchPage.of(batch, comparison);
        if (comparison != null) {
            ComparisonSection.add(p.page(), comparison);
        }
        if (size != null) {
            SizeSection.add(p.page(), size);
        }
        List<BatchSection> sections = new ArrayList<>(List.of(new VariedSection(p), new CheapestSection(p)));
        if (p.load() != null) {
            sections.add(new LoadSection(p));
        }
        for (BatchResults.Parameter parameter : p.others()) {
            // The comparison already charts every figure by policy, with intervals; a size search's
            // replica counts and pool sizes are its probes, not choices, so only its candidates' axes are charted.
            if ((comparison == null || !comparison.paths().contains(parameter.path()))
                    && (size == null || SizeResults.isCandidateAxis(parameter.path()))) {
                sections.add(new ParameterSection(p, parameter));
            }
        }
        sections.add(new ParetoSection(p));
        sections.add(new RunsSection(p));
        for (BatchSection s : sections) {
            s.add();
        }
        return p.page().render();
    }
}
