package org.infersim.study.size;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infersim.model.cluster.Ownership;
import org.infersim.study.BatchListener;
import org.infersim.study.BatchPlan;
import org.infersim.study.BatchRow;
import org.infersim.study.RunExecutor;
import org.infersim.study.RunFigures;
import org.infersim.study.RunSpec;
import org.infersim.study.Variant;
import org.infersim.study.compare.Negligible;

/**
 * Finds, for each candidate (GPU type, precision, tensor-parallel degree), the fewest replicas
 * that meet the SLO, and the cheapest candidate overall. The replica count is searched, not
 * swept: doubling from one until the SLO is met, then bisection between the last count that
 * missed and the first that met, so a candidate costs about 2 log2(n) runs. This assumes that
 * more replicas never make latency worse, which holds for a fixed workload and a load-balancing
 * router. Every round runs one probe per candidate still searching, in parallel; a probe is
 * {@code replications} runs under the seeds every candidate shares, and a count meets the SLO only
 * when all of them do. The answer says how sure it is: each candidate's figures with intervals,
 * whether one replica fewer met the SLO in some replications (borderline), and which candidates
 * the cheapest cannot be told apart from.
 */
public final class Sizing {

    /**
     * What the search found for one candidate; {@code replicas} is null when no count up to the
     * maximum met the SLO. A count meets the SLO only when every replication does.
     *
     * @param figures the first replication's figures at {@code replicas} ({@code runId} is that run)
     * @param estimate every replication's figures at {@code replicas}, as means with intervals
     * @param belowMetIn at one replica fewer, how many of the replications met the SLO (null when
     *     that count was not run): above zero, the answer is borderline, and more replications would
     *     settle whether the smaller fleet suffices
     */
    public record Candidate(String gpu, String precision, int tensorParallel, Integer replicas, RunFigures figures,
                            FleetEstimate estimate, Integer belowMetIn, int replications, String runId, String reason,
                            int runs) {
        public String label() {
            return gpu + " " + precision + " TP" + tensorParallel;
        }

        /** Whether some replications at one replica fewer met the SLO too. */
        public boolean borderline() {
            return belowMetIn != null && belowMetIn > 0;
        }
    }

    /**
     * Every candidate's answer, the cheapest that met the SLO (or null), the other candidates that
     * met it compared with the cheapest (cheapest first in cost), and every run made.
     */
    public record Result(List<Candidate> candidates, Candidate cheapest, List<Rival> rivals, List<BatchRow> rows,
                         List<Variant> variants, Map<String, Candidate> cheapestByCostModel, BuildVsBuy buildVsBuy) {}

    /**
     * The cheapest owned fleet against the base scenario's hosted API, at the sized traffic: what
     * owning it costs a month and what the API would bill; owning is cheaper above
     * {@link #breakEvenUtilization()} of that traffic.
     */
    public record BuildVsBuy(Candidate candidate, double ownedPerMonthUsd, double apiPerMonthUsd) {
        public double breakEvenUtilization() {
            return ownedPerMonthUsd / apiPerMonthUsd;
        }
    }

    /** The pricing models every sizing compares: the same fleets rented on demand and owned. */
    public static final List<String> COST_MODELS = List.of("on-demand", "on-prem");

    private final SizeSpec spec;
    private final RunExecutor runner;
    private final long baseSeed;
    private final Negligible negligible;
    private final List<Variant> variants = new ArrayList<>();
    private final List<BatchRow> rows = new ArrayList<>();

    public Sizing(SizeSpec spec, RunExecutor runner, long baseSeed) {
        this(spec, runner, baseSeed, Negligible.DEFAULT);
    }

    /** @param negligible the differences from the cheapest too small to tell candidates apart */
    public Sizing(SizeSpec spec, RunExecutor runner, long baseSeed, Negligible negligible) {
        this.spec = spec;
        this.runner = runner;
        this.baseSeed = baseSeed;
        this.negligible = negligible;
    }

    private final class Search {
        final String gpu;
        final String precision;
        final int tp;
        int lo; // the largest count known to miss the SLO (0: none yet)
        Integer hi; // the smallest count known to meet it
        List<BatchRow> best;
        final Map<Integer, Integer> metIn = new LinkedHashMap<>();
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
            int met = (int) probe.stream().filter(r -> Boolean.TRUE.equals(r.figures().meetsSlo())).count();
            metIn.put(replicas, met);
            if (met == probe.size()) {
                hi = replicas;
                best = probe;
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
        Map<Candidate, List<RunFigures>> replicated = new IdentityHashMap<>();
        for (Search s : searches) {
            Candidate c = candidate(s);
            out.add(c);
            if (c.replicas() != null) {
                replicated.put(c, replicated(s));
            }
        }
        Candidate cheapest = out.stream().filter(c -> c.replicas() != null).min(CHEAPEST_FIRST).orElse(null);
        List<Rival> rivals = new ArrayList<>();
        if (cheapest != null) {
            out.stream().filter(c -> c.replicas() != null && c != cheapest).sorted(CHEAPEST_FIRST).forEach(c ->
                    rivals.add(Rival.of(c.label(), replicated.get(c), replicated.get(cheapest), negligible)));
        }
        Map<String, Candidate> byModel = new LinkedHashMap<>();
        for (String model : COST_MODELS) {
            out.stream().filter(c -> c.replicas() != null && Double.isFinite(c.estimate().perHour(model).mean()))
                    .min(Comparator.<Candidate>comparingLong(c -> Math.round(c.estimate().perHour(model).mean() * 100))
                            .thenComparing(CHEAPEST_FIRST))
                    .ifPresent(c -> byModel.put(model, c));
        }
        return new Result(out, cheapest, rivals, rows, variants, byModel, buildVsBuy(byModel.get("on-prem")));
    }

    /** The owned fleet against the hosted API; null without an owned answer or an API to compare with. */
    private static BuildVsBuy buildVsBuy(Candidate owned) {
        double api = owned == null ? Double.NaN : owned.estimate().apiPerMonthUsd().mean();
        return Double.isFinite(api) && api > 0
                ? new BuildVsBuy(owned, owned.estimate().onPremPerHourUsd().mean() * Ownership.HOURS_PER_MONTH, api)
                : null;
    }

    /**
     * Cheapest per hour (to the cent: a third-digit difference is noise, not a reason), then the
     * fewest GPUs (a pool billed by the node can cost the same with fewer GPUs busy), then the
     * lower p95 TTFT and TPOT: the wider margin to the SLO.
     */
    private static final Comparator<Candidate> CHEAPEST_FIRST =
            Comparator.<Candidate>comparingLong(c -> Math.round(c.estimate().costPerHourUsd().mean() * 100))
                    .thenComparingInt(c -> c.figures().gpus())
                    .thenComparingDouble(c -> orMax(c.estimate().ttftP95Ms().mean()))
                    .thenComparingDouble(c -> orMax(c.estimate().tpotP95Ms().mean()));

    private static double orMax(double v) {
        return Double.isNaN(v) ? Double.MAX_VALUE : v;
    }

    private Candidate candidate(Search s) {
        if (s.hi == null) {
            return new Candidate(s.gpu, s.precision, s.tp, null, null, null, null, spec.replications(), null, s.reason,
                    s.runs);
        }
        return new Candidate(s.gpu, s.precision, s.tp, s.hi, s.best.get(0).figures(), FleetEstimate.of(replicated(s)),
                s.metIn.get(s.hi - 1), spec.replications(), s.best.get(0).run().id(), null, s.runs);
    }

    private static List<RunFigures> replicated(Search s) {
        return s.best.stream().map(BatchRow::figures).toList();
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
