package org.infersim.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which running jobs to evict so that a demand fits on a pool, and what that costs. Only
 * preemptible jobs of strictly lower priority that are not already on their way out qualify.
 * Victims are taken lowest priority first, then those that would lose the least work, then the
 * smallest; then any victim the demand turns out not to need is spared.
 *
 * @param victims      the jobs to preempt, in the order chosen
 * @param maxPriority  the highest priority among them
 * @param gpus         GPUs they hold in all (a multi-node job gives back every node)
 * @param workAtRiskNs work they would lose if evicted now
 */
record Preemption(List<GpuJob> victims, int maxPriority, int gpus, long workAtRiskNs) {

    private static final Comparator<Candidate> VICTIM_ORDER = Comparator
            .comparingInt((Candidate c) -> c.job.priority())
            .thenComparingLong(c -> c.atRiskNs)
            .thenComparingInt(c -> c.job.gpus());

    /** A job that could be evicted, with what evicting it now would cost. */
    private record Candidate(GpuJob job, long atRiskNs) {}

    /** Lower priorities hit first, then fewer GPUs taken away, then less work lost. */
    private static final Comparator<Preemption> COST = Comparator
            .comparingInt(Preemption::maxPriority)
            .thenComparingInt(Preemption::gpus)
            .thenComparingLong(Preemption::workAtRiskNs);

    boolean isCheaperThan(Preemption o) {
        return COST.compare(this, o) < 0;
    }

    /** The cheapest preemption that lets the demand fit on the pool, or null when none does. */
    static Preemption plan(GpuPool pool, Demand demand, int priority, long nowNs) {
        if (!pool.canEverHold(demand)) {
            return null;
        }
        if (demand instanceof Demand.WholeGpus w && w.count() <= pool.gpusPerNode()) {
            return onOneNode(pool, w.count(), priority, nowNs);
        }
        if (demand instanceof Demand.WholeGpus w) {
            return wholeNodes(pool, w.count() / pool.gpusPerNode(), priority, nowNs);
        }
        return oneFreedGpu(pool, priority, nowNs);
    }

    /** A group on one node: the node where the cheapest victims make enough room. */
    private static Preemption onOneNode(GpuPool pool, int count, int priority, long nowNs) {
        Preemption best = null;
        for (Node node : pool.nodes()) {
            int free = node.freeGpus();
            List<Candidate> chosen = new ArrayList<>();
            int gained = 0;
            for (Candidate c : candidatesOn(node.gpus(), priority, nowNs)) {
                if (free + gained >= count) {
                    break;
                }
                chosen.add(c);
                gained += gpusOn(c.job, node);
            }
            if (free + gained < count) {
                continue;
            }
            for (int i = chosen.size() - 1; i >= 0; i--) {
                int on = gpusOn(chosen.get(i).job, node);
                if (free + gained - on >= count) {
                    gained -= on;
                    chosen.remove(i);
                }
            }
            Preemption p = of(chosen);
            if (best == null || p.isCheaperThan(best)) {
                best = p;
            }
        }
        return best;
    }

    /** Whole nodes: among the nodes that can be cleared, the cheapest to clear (free ones cost nothing). */
    private static Preemption wholeNodes(GpuPool pool, int nodes, int priority, long nowNs) {
        List<List<Candidate>> clearable = new ArrayList<>();
        for (Node node : pool.nodes()) {
            if (node.gpus().stream().allMatch(g -> canBeCleared(g, priority))) {
                clearable.add(candidatesOn(node.gpus(), priority, nowNs));
            }
        }
        if (clearable.size() < nodes) {
            return null;
        }
        clearable.sort(Comparator.comparing(Preemption::of, COST));
        Set<Candidate> union = new LinkedHashSet<>();
        for (int i = 0; i < nodes; i++) {
            union.addAll(clearable.get(i));
        }
        return of(new ArrayList<>(union));
    }

    /** One GPU for a share or a MIG instance: the cheapest job holding a whole GPU. */
    private static Preemption oneFreedGpu(GpuPool pool, int priority, long nowNs) {
        Preemption best = null;
        for (Gpu g : pool.gpus()) {
            if (g.isFree() || !canBeCleared(g, priority)) {
                continue;
            }
            Preemption p = of(candidatesOn(List.of(g), priority, nowNs));
            if (best == null || p.isCheaperThan(best)) {
                best = p;
            }
        }
        return best;
    }

    /** Whether a job of this priority may evict the holder: a running preemptible job of lower priority. */
    private static boolean evictable(Allocation a, int priority) {
        return a.workload() instanceof GpuJob job && job.state() == GpuJob.State.RUNNING && job.preemptible()
                && job.priority() < priority;
    }

    /** Whether evicting would leave the GPU free: every holder may be evicted. */
    private static boolean canBeCleared(Gpu g, int priority) {
        return g.holders().stream().allMatch(a -> evictable(a, priority));
    }

    /** The evictable jobs holding any of these GPUs, in victim order. */
    private static List<Candidate> candidatesOn(List<Gpu> gpus, int priority, long nowNs) {
        Set<GpuJob> jobs = new LinkedHashSet<>();
        for (Gpu g : gpus) {
            for (Allocation a : g.holders()) {
                if (evictable(a, priority)) {
                    jobs.add((GpuJob) a.workload());
                }
            }
        }
        List<Candidate> out = new ArrayList<>();
        for (GpuJob j : jobs) {
            out.add(new Candidate(j, j.workAtRiskNs(nowNs)));
        }
        out.sort(VICTIM_ORDER);
        return out;
    }

    private static int gpusOn(GpuJob job, Node node) {
        int n = 0;
        for (Gpu g : job.allocation().gpus()) {
            if (g.node() == node) {
                n++;
            }
        }
        return n;
    }

    private static Preemption of(List<Candidate> chosen) {
        int max = Integer.MIN_VALUE;
        int gpus = 0;
        long risk = 0;
        List<GpuJob> victims = new ArrayList<>();
        for (Candidate c : chosen) {
            victims.add(c.job);
            max = Math.max(max, c.job.priority());
            gpus += c.job.gpus();
            risk += c.atRiskNs;
        }
        return new Preemption(List.copyOf(victims), max, gpus, risk);
    }
}
