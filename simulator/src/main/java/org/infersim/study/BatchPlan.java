package org.infersim.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands a batch into its runs: the explicit variants (or the base alone) times the cartesian
 * product of the parameters, each at every replication. Replication r of every variant uses the
 * same seed, so variants are compared on the same arrivals (common random numbers).
 */
public final class BatchPlan {
    private BatchPlan() {}

    public static List<Variant> variants(BatchSpec spec) {
        List<Map<String, JsonNode>> combos = new ArrayList<>();
        List<Map<String, Integer>> comboLines = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        comboLines.add(new LinkedHashMap<>());
        for (Parameter p : spec.parameters()) {
            List<Map<String, JsonNode>> next = new ArrayList<>();
            List<Map<String, Integer>> nextLines = new ArrayList<>();
            for (int c = 0; c < combos.size(); c++) {
                for (int v = 0; v < p.values().size(); v++) {
                    Map<String, JsonNode> m = new LinkedHashMap<>(combos.get(c));
                    Map<String, Integer> l = new LinkedHashMap<>(comboLines.get(c));
                    for (int k = 0; k < p.paths().size(); k++) {
                        m.put(p.paths().get(k), p.values().get(v).get(k));
                        l.put(p.paths().get(k), p.valueLines().get(v));
                    }
                    next.add(m);
                    nextLines.add(l);
                }
            }
            combos = next;
            comboLines = nextLines;
        }
        List<Variant> explicit = spec.explicitVariants().isEmpty()
                ? List.of(new Variant(0, Map.of(), Map.of())) : spec.explicitVariants();
        List<Variant> out = new ArrayList<>();
        for (Variant e : explicit) {
            for (int c = 0; c < combos.size(); c++) {
                Map<String, JsonNode> m = new LinkedHashMap<>(e.values());
                m.putAll(combos.get(c));
                Map<String, Integer> l = new LinkedHashMap<>(e.lines());
                l.putAll(comboLines.get(c));
                out.add(new Variant(out.size(), m, l));
            }
        }
        return out;
    }

    /** Every run of the batch, in a fixed order: variant by variant, replication by replication. */
    public static List<RunSpec> runs(List<Variant> variants, int replications, long baseSeed) {
        int width = Math.max(3, String.valueOf(variants.size()).length());
        List<RunSpec> runs = new ArrayList<>();
        for (Variant v : variants) {
            for (int r = 0; r < replications; r++) {
                String id = String.format("v%0" + width + "d", v.index() + 1) + (replications > 1 ? "-r" + (r + 1) : "");
                runs.add(new RunSpec(id, v, r, seed(baseSeed, r)));
            }
        }
        return runs;
    }

    /**
     * The seed of replication r: the base seed itself for the first (a one-replication batch
     * reproduces the base scenario), then SplitMix64 steps from it, which are independent.
     */
    public static long seed(long baseSeed, int replication) {
        if (replication == 0) {
            return baseSeed;
        }
        long z = baseSeed + replication * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
