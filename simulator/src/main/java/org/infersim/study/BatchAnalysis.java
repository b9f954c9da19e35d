package org.infersim.study;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a planner reads off a batch: each variant's figures averaged over its replications; the
 * Pareto front of cost against p95 TTFT (cost per million output tokens when the batch varies the
 * load, which puts fleets at different loads on one scale; cost per hour otherwise); and, at each
 * load level, the cheapest variant per hour that meets the SLO. A variant meets the SLO only if every one of its replications does: a planner
 * buys the fleet once and lives with every day's randomness.
 */
public final class BatchAnalysis {

    /** A variant's mean figures over its successful replications. */
    public record VariantFigures(Variant variant, List<String> runIds, double costPerHourUsd, Double costPerMillionUsd,
                                 Double ttftP95Ms, Double tpotP95Ms, Double sloAttainment, boolean meetsSlo) {}

    /** The cheapest variant meeting the SLO at one load level (load null when the batch has no load axis). */
    public record Cheapest(String load, VariantFigures best) {}

    private final List<VariantFigures> variants;
    private final List<VariantFigures> pareto;
    private final List<Cheapest> cheapest;

    public BatchAnalysis(List<BatchRow> rows, String loadPath, BatchSlo slo) {
        Map<Integer, List<BatchRow>> byVariant = new LinkedHashMap<>();
        for (BatchRow row : rows) {
            byVariant.computeIfAbsent(row.run().variant().index(), k -> new ArrayList<>()).add(row);
        }
        variants = new ArrayList<>();
        for (List<BatchRow> group : byVariant.values()) {
            List<BatchRow> ok = group.stream().filter(BatchRow::ok).toList();
            if (ok.isEmpty()) {
                continue;
            }
            boolean meets = slo != null && ok.size() == group.size()
                    && ok.stream().allMatch(r -> Boolean.TRUE.equals(r.figures().meetsSlo()));
            variants.add(new VariantFigures(group.get(0).run().variant(), ok.stream().map(r -> r.run().id()).toList(),
                    mean(ok, f -> f.costPerHourUsd()), mean(ok, RunFigures::costPerMillionOutputTokensUsd),
                    mean(ok, RunFigures::ttftP95Ms), mean(ok, RunFigures::tpotP95Ms),
                    mean(ok, RunFigures::sloAttainment), meets));
        }
        Map<String, List<VariantFigures>> byLoad = byLoad(variants, loadPath);
        // With a load axis, cost per hour says nothing across loads; cost per million tokens
        // accounts for the load each fleet carried, so every variant competes on one front.
        pareto = front(variants, loadPath == null ? v -> v.costPerHourUsd() : VariantFigures::costPerMillionUsd);
        cheapest = new ArrayList<>();
        if (slo != null) {
            byLoad.forEach((load, group) -> cheapest.add(new Cheapest(load, cheapest(group))));
        }
    }

    private static Double mean(List<BatchRow> rows, Function<RunFigures, Double> figure) {
        double sum = 0;
        for (BatchRow r : rows) {
            Double v = figure.apply(r.figures());
            if (v == null) {
                return null; // one replication without the figure: no honest mean
            }
            sum += v;
        }
        return sum / rows.size();
    }

    /** Variants that no other variant beats on both cost and p95 TTFT, cheapest first. */
    private static List<VariantFigures> front(List<VariantFigures> all, Function<VariantFigures, Double> cost) {
        List<VariantFigures> candidates = all.stream().filter(v -> v.ttftP95Ms() != null && cost.apply(v) != null)
                .sorted(Comparator.comparingDouble((VariantFigures v) -> cost.apply(v))
                        .thenComparingDouble(VariantFigures::ttftP95Ms)
                        .thenComparingInt(v -> v.variant().index()))
                .toList();
        List<VariantFigures> front = new ArrayList<>();
        double bestTtft = Double.POSITIVE_INFINITY;
        for (VariantFigures v : candidates) {
            if (v.ttftP95Ms() < bestTtft) {
                front.add(v);
                bestTtft = v.ttftP95Ms();
            }
        }
        return front;
    }

    /** Variants grouped by load level, in the batch's order; one group when there is no load axis. */
    private static Map<String, List<VariantFigures>> byLoad(List<VariantFigures> all, String loadPath) {
        Map<String, List<VariantFigures>> byLoad = new LinkedHashMap<>();
        for (VariantFigures v : all) {
            var load = loadPath == null ? null : v.variant().values().get(loadPath);
            byLoad.computeIfAbsent(load == null ? null : Variant.display(load), k -> new ArrayList<>()).add(v);
        }
        return byLoad;
    }

    private static VariantFigures cheapest(List<VariantFigures> group) {
        return group.stream().filter(VariantFigures::meetsSlo)
                .min(Comparator.comparingDouble(VariantFigures::costPerHourUsd)
                        .thenComparing(v -> v.costPerMillionUsd() == null ? Double.MAX_VALUE : v.costPerMillionUsd())
                        .thenComparing(v -> v.ttftP95Ms() == null ? Double.MAX_VALUE : v.ttftP95Ms())
                        .thenComparingInt(v -> v.variant().index()))
                .orElse(null);
    }

    public List<VariantFigures> variants() {
        return variants;
    }

    public List<VariantFigures> pareto() {
        return pareto;
    }

    public List<Cheapest> cheapest() {
        return cheapest;
    }
}
