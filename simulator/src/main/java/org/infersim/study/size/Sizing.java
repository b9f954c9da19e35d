package org.infersim.study.size;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infersim.study.BatchListener;
import org.infersim.study.BatchPlan;
import org.infersim.study.BatchRow;
import org.infersim.study.RunExecutor;
import org.infersim.study.RunFigures;
import org.infersim.study.RunSpec;
import org.infersim.study.Variant;

/**
 * Finds, for each candidate (GPU type, precision, tensor-parallel degree), the fewest replicas
 * that meet the SLO, and the cheapest candidate overall. The replica count is searched, not
 * swept: doubling from one until the SLO is met, then bisection between the last count that
 * missed and the first that met, so a candidate costs about 2 log2(n) runs. This assumes that
 * more replicas never make latency worse, which holds for a fixed workload and a load-balancing
 * router. Every round runs one probe per candidate still searching, in parallel.
 */
public final class Sizing {

    /** What the search found for one candidate; {@code replicas} is null when no count up to the maximum met the SLO. */
    public record Candidate(String gpu, String precision, int tensorParallel, Integer replicas, RunFigures figures,
                            String runId, String reason, int runs) {
        public String label() {
            return gpu + " " + precision + " TP" + tensorParallel;
        }
    }

    /** Every candidate's answer, the cheapest that met the SLO (or null), and every run made. */
    public record Result(List<Candidate> candidates, Candidate cheapest, List<BatchRow> rows, List<Variant> variants) {}

    private final SizeSpec spec;
    private final RunExecutor runner;
    private final long baseSeed;
    private final List<Variant> variants = new ArrayList<>();
    private final List<BatchRow> rows = new ArrayList<>();

    public Sizing(SizeSpec spec, RunExecutor runner, long baseSeed) {
        this.spec = spec;
        this.runner = runner;
        this.baseSeed = baseSeed;
    }

    private final class Search {
        final String gpu;
        final String precision;
        final int tp;
        int lo; // the largest count known to miss the SLO (0: none yet)
        Integer hi; // the smallest count known to meet it
        BatchRow best;
        String reason;
        int runs;
        boolean done;

        Search(String gpu, String precision, int tp) {
            this.gpu = gpu;
            this.precision = precision;
            this.tp = tp;
        }

        int next() {
            if (hi == null) {
                return lo == 0 ? 1 : Math.min(lo * 2, spec.maxReplicas());
            }
            return (lo + hi) / 2;
        }

        void record(int replicas, List<BatchRow> probe) {
            runs += probe.size();
            BatchRow failed = probe.stream().filter(r -> !r.ok()).findFirst().orElse(null);
            if (failed != null) {
                // Not a miss of the SLO but a configuration that cannot run (it does not fit):
                // more replicas of it would not fit either.
                reason = failed.message();
                done = true;
                return;
            }
            boolean meets = probe.stream().allMatch(r -> Boolean.TRUE.equals(r.figures().meetsSlo()));
            if (meets) {
                hi = replicas;
                best = probe.get(0);
            } else {
                lo = replicas;
                if (replicas >= spec.maxReplicas()) {
                    reason = "misses the SLO even at maxReplicas " + spec.maxReplicas();
                    done = true;
                    return;
                }
            }
            done = hi != null && hi - lo <= 1;
        }
    }

    /** Hears of each round of probes as it ends. */
    public interface RoundListener {
        void roundFinished(int round, int runsSoFar, int stillSearching);
    }

    public Result run(RoundListener listener) {
        List<Search> searches = new ArrayList<>();
        for (String gpu : spec.gpus()) {
            for (String precision : spec.precisions()) {
                for (int tp : spec.tensorParallel()) {
                    searches.add(new Search(gpu, precision, tp));
                }
            }
        }
        int round = 0;
        while (searches.stream().anyMatch(s -> !s.done)) {
            List<Search> active = searches.stream().filter(s -> !s.done).toList();
            List<RunSpec> probes = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            for (Search s : active) {
                int replicas = s.next();
                counts.add(replicas);
                Variant v = variant(s, replicas);
                probes.addAll(BatchPlan.runs(List.of(v), spec.replications(), baseSeed).stream()
                        .map(r -> new RunSpec(id(s, replicas, r.replication()), v, r.replication(), r.seed())).toList());
            }
            List<BatchRow> results = runner.run(probes, BatchListener.NONE);
            rows.addAll(results);
            int k = 0;
            for (int i = 0; i < active.size(); i++) {
                active.get(i).record(counts.get(i), results.subList(k, k + spec.replications()));
                k += spec.replications();
            }
            listener.roundFinished(++round, rows.size(), (int) searches.stream().filter(s -> !s.done).count());
        }
        List<Candidate> out = new ArrayList<>();
        Candidate cheapest = null;
        for (Search s : searches) {
            Candidate c = new Candidate(s.gpu, s.precision, s.tp, s.hi, s.best == null ? null : s.best.figures(),
                    s.best == null ? null : s.best.run().id(), s.hi == null ? s.reason : null, s.runs);
            out.add(c);
            if (c.replicas() != null && (cheapest == null || c.figures().costPerHourUsd() < cheapest.figures().costPerHourUsd()
                    || (c.figures().costPerHourUsd() == cheapest.figures().costPerHourUsd()
                        && c.figures().ttftP95Ms() < cheapest.figures().ttftP95Ms()))) {
                cheapest = c;
            }
        }
        return new Result(out, cheapest, rows, variants);
    }

    private Variant variant(Search s, int replicas) {
        Variant v = new Variant(variants.size(), values(spec, s.gpu, s.precision, s.tp, replicas), Map.of());
        variants.add(v);
        return v;
    }

    /** The settings of one probe: the candidate at a replica count, with the pool sized to hold it. */
    static Map<String, JsonNode> values(SizeSpec spec, String gpu, String precision, int tp, int replicas) {
        String pool = "cluster.pools[" + spec.pool() + "]";
        String dep = "deployments[" + spec.deployment() + "]";
        JsonNodeFactory f = JsonNodeFactory.instance;
        Map<String, JsonNode> values = new LinkedHashMap<>();
        values.put(pool + ".gpu", f.textNode(gpu));
        values.put(dep + ".precision", f.textNode(precision));
        values.put(dep + ".tensorParallel", f.numberNode(tp));
        values.put(dep + ".replicas", f.numberNode(replicas));
        // One node per replica keeps every tensor-parallel group inside a node whatever the count.
        values.put(pool + ".gpusPerNode", f.numberNode(tp));
        // A serverless pool grows to what the replicas hold and bills only that: nothing to size.
        if (!spec.poolProvisioning().equals("serverless")) {
            // The size as the base writes it: GPUs (count) or nodes. A dynamic pool starts with the
            // whole fleet, so that sizing measures the fleet rather than the wait for nodes.
            values.put(pool + (spec.poolSizedByCount() ? ".count" : ".nodes"),
                    f.numberNode(spec.poolSizedByCount() ? replicas * tp : replicas));
            if (spec.poolProvisioning().equals("dynamic")) {
                values.put(pool + ".maxNodes", f.numberNode(replicas));
            }
        }
        return values;
    }

    private String id(Search s, int replicas, int replication) {
        return s.gpu + "-" + s.precision + "-tp" + s.tp + "-x" + replicas
                + (spec.replications() > 1 ? "-r" + (replication + 1) : "");
    }
}
