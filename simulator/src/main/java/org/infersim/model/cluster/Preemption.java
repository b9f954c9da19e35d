package org.infersim.model.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How a waiting workload gets GPUs on a pool when none are free: which running jobs to evict,
 * which jobs already on their way out to wait for, and which GPUs to reserve meanwhile (so that
 * nothing else takes them, and so that a second workload does not evict a second job for GPUs
 * the first eviction already frees).
 *
 * <p>Only running preemptible jobs of strictly lower priority may be evicted. Victims are taken
 * lowest priority first, then those that would lose the least work, then the smallest; victims
 * the demand turns out not to need are spared. Among the places where the demand could fit, the
 * cheapest wins: lower priorities hit, then fewer GPUs taken away, then less work lost. Waiting
 * for GPUs that are already being freed costs nothing.
 *
 * @param victims      running jobs to preempt now
 * @param awaited      jobs already in their grace period whose GPUs it will take
 * @param claims       the GPUs to reserve for it
 * @param maxPriority  the highest priority among the victims
 * @param gpus         GPUs the victims hold in all (a multi-node job gives back every node)
 * @param workAtRiskNs work the victims would lose if evicted now
 */
record Preemption(List<GpuJob> victims, List<GpuJob> awaited, List<Gpu> claims, int maxPriority, int gpus,
                  long workAtRiskNs) {

    private static final Comparator<Candidate> VICTIM_ORDER = Comparator
            .comparingInt((Candidate c) -> c.job.priority())
            .thenComparingLong(c -> c.atRiskNs)
            .thenComparingInt(c -> c.job.gpus());

    private static final Comparator<Preemption> COST = Comparator
            .comparingInt(Preemption::maxPriority)
            .thenComparingInt(Preemption::gpus)
            .thenComparingLong(Preemption::workAtRiskNs);

    /** A job that could be evicted, with what evicting it now would cost. */
    private record Candidate(GpuJob job, long atRiskNs) {}

    /** What a GPU can become for the workload planning. */
    private enum Availability { FREE, RELEASING, EVICTABLE, BLOCKED }

    boolean isCheaperThan(Preemption o) {
        return COST.compare(this, o) < 0;
    }

    /** The cheapest way to make the workload's demand fit on the pool, or null when there is none. */
    static Preemption plan(GpuPool pool, GpuWorkload w, long nowNs) {
        Demand demand = w.demand(pool);
        if (!pool.canEverHold(demand)) {
            return null;
        }
        if (demand instanceof Demand.WholeGpus whole && whole.count() <= pool.gpusPerNode()) {
            return onOneNode(pool, w, whole.count(), nowNs);
        }
        if (demand instanceof Demand.WholeGpus whole) {
            return wholeNodes(pool, w, whole.count() / pool.gpusPerNode(), nowNs);
        }
        return oneGpu(pool, w, nowNs);
    }

    /** A group on one node: free GPUs, then GPUs being released, then the cheapest victims' GPUs. */
    private static Preemption onOneNode(GpuPool pool, GpuWorkload w, int count, long nowNs) {
        Preemption best = null;
        for (Node node : pool.nodes()) {
            List<Gpu> ready = new ArrayList<>();
            for (Gpu g : node.gpus()) {
                if (availability(g, w) == Availability.FREE) {
                    ready.add(g);
                }
            }
            for (Gpu g : node.gpus()) {
                if (availability(g, w) == Availability.RELEASING) {
                    ready.add(g);
                }
            }
            List<Candidate> chosen = new ArrayList<>();
            int gained = 0;
            for (Candidate c : candidatesOn(node.gpus(), w, nowNs)) {
                if (ready.size() + gained >= count) {
                    break;
                }
                chosen.add(c);
                gained += gpusOn(c.job, node).size();
            }
            if (ready.size() + gained < count) {
                continue;
            }
            for (int i = chosen.size() - 1; i >= 0; i--) {
                int on = gpusOn(chosen.get(i).job, node).size();
                if (ready.size() + gained - on >= count) {
                    gained -= on;
                    chosen.remove(i);
                }
            }
            List<Gpu> claims = new ArrayList<>(ready);
            for (Candidate c : chosen) {
                claims.addAll(gpusOn(c.job, node));
            }
            Preemption p = of(chosen, claims.subList(0, count));
            if (best == null || p.isCheaperThan(best)) {
                best = p;
            }
        }
        return best == null || best.victims.isEmpty() && best.awaited.isEmpty() ? null : best;
    }

    /** Whole nodes: among the nodes that can be cleared, the cheapest to clear (free ones cost nothing). */
    private static Preemption wholeNodes(GpuPool pool, GpuWorkload w, int nodes, long nowNs) {
        List<Node> clearable = new ArrayList<>();
        for (Node node : pool.nodes()) {
            if (node.gpus().stream().allMatch(g -> availability(g, w) != Availability.BLOCKED)) {
                clearable.add(node);
            }
        }
        if (clearable.size() < nodes) {
            return null;
        }
        clearable.sort(Comparator.comparing(n -> of(candidatesOn(n.gpus(), w, nowNs), n.gpus()), COST));
        Set<Candidate> victims = new LinkedHashSet<>();
        List<Gpu> claims = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            victims.addAll(candidatesOn(clearable.get(i).gpus(), w, nowNs));
            claims.addAll(clearable.get(i).gpus());
        }
        Preemption p = of(new ArrayList<>(victims), claims);
        return p.victims.isEmpty() && p.awaited.isEmpty() ? null : p;
    }

    /** One GPU for a share or a MIG instance: one being released, or the cheapest job's. */
    private static Preemption oneGpu(GpuPool pool, GpuWorkload w, long nowNs) {
        Preemption best = null;
        for (Gpu g : pool.gpus()) {
            Availability a = availability(g, w);
            if (a != Availability.RELEASING && a != Availability.EVICTABLE) {
                continue;
            }
            Preemption p = of(candidatesOn(List.of(g), w, nowNs), List.of(g));
            if (best == null || p.isCheaperThan(best)) {
                best = p;
            }
        }
        return best;
    }

    /**
     * FREE: no holder, not reserved for another. RELEASING: held by a job in its grace period and
     * not reserved for another. EVICTABLE: held by jobs the workload may evict. BLOCKED otherwise.
     */
    private static Availability availability(Gpu g, GpuWorkload w) {
        if (!g.isAvailableTo(w)) {
            return Availability.BLOCKED;
        }
        if (g.isFree()) {
            return Availability.FREE;
        }
        if (g.holders().stream().allMatch(a -> a.workload() instanceof GpuJob j && j.state() == GpuJob.State.TERMINATING)) {
            return Availability.RELEASING;
        }
        return g.holders().stream().allMatch(a -> evictable(a, w.priority())) ? Availability.EVICTABLE
                : Availability.BLOCKED;
    }

    /** Whether a workload of this priority may evict the holder: a running preemptible job of lower priority. */
    private static boolean evictable(Allocation a, int priority) {
        return a.workload() instanceof GpuJob job && job.state() == GpuJob.State.RUNNING && job.preemptible()
                && job.priority() < priority;
    }

    /** The evictable jobs holding any of these GPUs (none reserved for another), in victim order. */
    private static List<Candidate> candidatesOn(List<Gpu> gpus, GpuWorkload w, long nowNs) {
        Set<GpuJob> jobs = new LinkedHashSet<>();
        for (Gpu g : gpus) {
            if (availability(g, w) == Availability.EVICTABLE) {
                for (Allocation a : g.holders()) {
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

    private static List<Gpu> gpusOn(GpuJob job, Node node) {
        List<Gpu> out = new ArrayList<>();
        for (Gpu g : job.allocation().gpus()) {
            if (g.node() == node) {
                out.add(g);
            }
        }
        return out;
    }

    /** A plan evicting these candidates and reserving these GPUs (those being released are waited for). */
    private static Preemption of(List<Candidate> chosen, List<Gpu> claims) {
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
        Set<GpuJob> awaited = new LinkedHashSet<>();
        for (Gpu g : claims) {
            for (Allocation a : g.holders()) {
                if (a.workload() instanceof GpuJob j && j.state() == GpuJob.State.TERMINATING) {
                    awaited.add(j);
                }
            }
        }
        return new Preemption(List.copyOf(victims), List.copyOf(awaited), List.copyOf(claims), max, gpus, risk);
    }
}
