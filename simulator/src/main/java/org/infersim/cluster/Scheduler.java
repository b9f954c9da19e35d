package org.infersim.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.infersim.kernel.Simulation;
import org.infersim.scenario.PlacementPolicy;

/**
 * The cluster scheduler: a queue of workloads waiting for GPUs, served in priority order (higher
 * first, then first come first served) whenever something changes. A workload that does not fit
 * waits; lower-priority work behind it that does fit is placed meanwhile (backfilling), as the
 * Kubernetes and KAI schedulers do.
 *
 * <p>A waiting workload that finds no room preempts: it picks the cheapest set of running
 * preemptible jobs of lower priority whose GPUs would let it fit (lowest priority first, then the
 * least work each would lose, then as few GPUs as possible), sends them a notice, and waits for
 * their grace periods to end. It preempts nothing more until those victims are gone; their GPUs
 * then go to the most important waiting workload, which is normally the one that asked for them.
 */
public final class Scheduler {
    private static final Comparator<Waiting> ORDER = Comparator
            .comparingInt((Waiting w) -> -w.workload.priority())
            .thenComparingLong(w -> w.sequence);

    private final Simulation sim;
    private final List<GpuPool> pools;
    private final PlacementPolicy policy;
    private final List<Waiting> queue = new ArrayList<>();
    private final Runnable pass = this::pass;
    private long sequence;
    private boolean passScheduled;

    /** A workload in the queue, and the victims whose eviction it is waiting for. */
    private static final class Waiting {
        final GpuWorkload workload;
        final long sequence;
        final Set<GpuJob> victims = new LinkedHashSet<>();

        Waiting(GpuWorkload workload, long sequence) {
            this.workload = workload;
            this.sequence = sequence;
        }
    }

    public Scheduler(Simulation sim, List<GpuPool> pools, PlacementPolicy policy) {
        this.sim = sim;
        this.pools = List.copyOf(pools);
        this.policy = policy;
    }

    /** Queues a workload; it is placed at the end of this instant if it fits. */
    public void submit(GpuWorkload workload) {
        queue.add(new Waiting(workload, sequence++));
        schedulePass();
    }

    /** A workload lets its GPUs go; whatever waits gets another chance at the end of this instant. */
    public void release(Allocation allocation) {
        allocation.release(sim.now());
        schedulePass();
    }

    /** A job has done its work (perhaps during its grace period, which then ends early). */
    void finished(GpuJob job, Allocation allocation) {
        forgetVictim(job);
        release(allocation);
    }

    /** A preempted job's grace period is over: its GPUs are free. */
    void evicted(GpuJob job, Allocation allocation) {
        forgetVictim(job);
        release(allocation);
    }

    private void forgetVictim(GpuJob job) {
        for (Waiting w : queue) {
            w.victims.remove(job);
        }
    }

    private void schedulePass() {
        if (!passScheduled) {
            // At the end of the instant, so that everything submitted or released together is seen at once.
            passScheduled = true;
            sim.schedule(0, pass);
        }
    }

    private void pass() {
        passScheduled = false;
        queue.sort(ORDER);
        for (int i = 0; i < queue.size(); i++) {
            Waiting w = queue.get(i);
            Allocation a = placeOnAnyPool(w.workload);
            if (a != null) {
                queue.remove(i--);
                w.workload.placed(a);
            } else if (w.victims.isEmpty()) {
                Preemption plan = cheapestPreemption(w.workload);
                if (plan != null) {
                    w.victims.addAll(plan.victims());
                    plan.victims().forEach(GpuJob::preempt);
                }
            }
        }
    }

    private Allocation placeOnAnyPool(GpuWorkload w) {
        for (GpuPool pool : w.pools()) {
            Allocation a = pool.place(w, policy, sim.now());
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    private Preemption cheapestPreemption(GpuWorkload w) {
        Preemption best = null;
        for (GpuPool pool : w.pools()) {
            Preemption p = Preemption.plan(pool, w.demand(pool), w.priority(), sim.now());
            if (p != null && (best == null || p.isCheaperThan(best))) {
                best = p;
            }
        }
        return best;
    }

    /** Workloads still waiting for GPUs, most important first. */
    public List<GpuWorkload> pending() {
        List<Waiting> sorted = new ArrayList<>(queue);
        sorted.sort(ORDER);
        return sorted.stream().map(w -> w.workload).toList();
    }

    public List<GpuPool> pools() {
        return pools;
    }
}
