package org.infersim.reports;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every section of a batch's report reads: the batch's results and its comparison (null
 * when the folder holds none), the load parameter and the others, each parameter's short name,
 * the runs marked on the charts, and the page the sections are written onto.
 */
record BatchPage(BatchResults batch, ComparisonResults comparison, BatchResults.Parameter load,
                 List<BatchResults.Parameter> others, Map<String, String> shortNames, Set<String> cheapestRuns,
                 Set<String> paretoRuns, HtmlPage page) {

    static BatchPage of(BatchResults batch, ComparisonResults comparison) {
        BatchResults.Parameter load = batch.load();
        List<BatchResults.Parameter> others = batch.parameters().stream().filter(p -> p != load).toList();
        Set<String> cheapestRuns = new HashSet<>();
        batch.cheapest().forEach(c -> {
            if (c.run() != null) {
                cheapestRuns.add(c.run());
            }
        });
        String name = batch.name() == null ? batch.dir().getFileName().toString() : batch.name();
        HtmlPage page = comparison != null
                ? new HtmlPage("Policy comparison: " + name, "infersim compare of " + comparison.policies().size()
                        + " policies × " + comparison.replications() + " replications ("
                        + Figures.count(batch.runs().size()) + " runs)"
                        + (batch.base() == null ? "" : " of the scenario " + batch.base()) + ".")
                : SizeResults.present(batch.dir())
                ? new HtmlPage("Size report: " + name, "infersim size: " + Figures.count(batch.runs().size())
                        + " runs searching the fewest replicas per candidate"
                        + (batch.base() == null ? "" : ", each a variant of the scenario " + batch.base()) + ".")
                : new HtmlPage("Batch report: " + name,
                "infersim batch of " + Figures.count(batch.runs().size()) + " runs"
                        + (batch.base() == null ? "" : ", each a variant of the scenario " + batch.base()) + ".");
        return new BatchPage(batch, comparison, load, others, shortNames(batch.parameters()), cheapestRuns,
                new HashSet<>(batch.pareto()), page);
    }

    /** The last part of each path ({@code gpu}), or the whole path where two would read the same. */
    private static Map<String, String> shortNames(List<BatchResults.Parameter> parameters) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (BatchResults.Parameter p : parameters) {
            seen.merge(lastPart(p.path()), 1, Integer::sum);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (BatchResults.Parameter p : parameters) {
            String last = lastPart(p.path());
            out.put(p.path(), seen.get(last) == 1 ? last : p.path());
        }
        return out;
    }

    private static String lastPart(String path) {
        String last = path.substring(path.lastIndexOf('.') + 1);
        int bracket = last.indexOf('[');
        return bracket > 0 ? last.substring(0, bracket) : last;
    }
}
