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
                                 Double ttftP95Ms, Double tpotP95Ms, Double sloAttainment, boolean meetsSlo,
                                 int gpus) {}

    /**
     * The cheapest variant meeting the SLO at one load level (load null when the batch has no load
     * axis).
     *
     * @param tiedOnCost other variants meeting the SLO at the same cost per hour (a pool billed by
     *                   the node costs the same however it is split): {@code best} is the one with
     *                   the fewest GPUs, then the widest latency margin (lowest p95 TTFT, then TPOT)
     */
    public record Cheapest(String load, VariantFigures best, int tiedOnCost) {}

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
                    mean(ok, RunFigures::sloAttainment), meets, ok.get(0).figures().gpus()));
        }
        Map<String, List<VariantFigures>> byLoad = byLoad(variants, loadPath);
        // A front is a choice among variants that serve the same load and meet the SLO: across
        // loads, or through overloaded variants, it would offer what cannot be had. With a load
        // axis, cost per million tokens (what a token costs at that load) is the cost compared.
        Function<VariantFigures, Double> cost = loadPath == null ? v -> v.costPerHourUsd()
                : VariantFigures::costPerMillionUsd;
        pareto = new ArrayList<>();
        byLoad.values().forEach(group -> pareto.addAll(front(
                group.stream().filter(v -> slo == null || v.meetsSlo()).toList(), cost)));
        cheapest = new ArrayList<>();
        if (slo != null) {
            byLoad.forEach((load, group) -> {
                VariantFigures best = cheapest(group);
                int tied = best == null ? 0 : (int) group.stream().filter(v -> v != best && v.meetsSlo()
                        && sameCost(v.costPerHourUsd(), best.costPerHourUsd())).count();
                cheapest.add(new Cheapest(load, best, tied));
            });
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

    /** Variants of one group that no other beats on both cost and p95 TTFT, cheapest first. */
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

    /**
     * The cheapest per hour; among variants that cost the same (to the cent: a third-digit
     * difference in cost per token is noise, not a reason), the fewest GPUs, then the widest margin
     * to the latency targets.
     */
    private static VariantFigures cheapest(List<VariantFigures> group) {
        List<VariantFigures> meeting = group.stream().filter(VariantFigures::meetsSlo).toList();
        double least = meeting.stream().mapToDouble(VariantFigures::costPerHourUsd).min().orElse(Double.NaN);
        return meeting.stream().filter(v -> sameCost(v.costPerHourUsd(), least))
                .min(Comparator.comparingInt(VariantFigures::gpus)
                        .thenComparing(v -> v.ttftP95Ms() == null ? Double.MAX_VALUE : v.ttftP95Ms())
                        .thenComparing(v -> v.tpotP95Ms() == null ? Double.MAX_VALUE : v.tpotP95Ms())
                        .thenComparingInt(v -> v.variant().index()))
                .orElse(null);
    }

    private static boolean sameCost(double a, double b) {
        return Math.abs(a - b) < 0.005;
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
