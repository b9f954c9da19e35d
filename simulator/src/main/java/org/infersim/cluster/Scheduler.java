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
 * <p>A waiting workload that finds no room preempts ({@link Preemption}): it sends the cheapest
 * set of lower-priority preemptible jobs a notice, or waits for jobs already in their grace
 * period, and reserves the GPUs it will take, so that nothing placed meanwhile takes them and no
 * one evicts a second job for room the first eviction already makes. It preempts nothing more
 * until the jobs it waits for are gone; it is placed in the pass after.
 */
public final class Scheduler {
    private static final Comparator<Waiting> ORDER = Comparator
            .comparingInt((Waiting w) -> -w.workload.priority())
            .thenComparingLong(w -> w.sequence);

    private final Simulation sim;
    private final PlacementPolicy policy;
    private final List<Waiting> queue = new ArrayList<>();
    private final Runnable pass = this::pass;
    private long sequence;
    private boolean passScheduled;

    /** A workload in the queue, the jobs whose eviction it is waiting for, and the GPUs reserved for it. */
    private static final class Waiting {
        final GpuWorkload workload;
        final long sequence;
        final Set<GpuJob> victims = new LinkedHashSet<>();
        final List<Gpu> claims = new ArrayList<>();

        Waiting(GpuWorkload workload, long sequence) {
            this.workload = workload;
            this.sequence = sequence;
        }
    }

    public Scheduler(Simulation sim, PlacementPolicy policy) {
        this.sim = sim;
        this.policy = policy;
    }

    /** Queues a workload; it is placed at the end of this instant if it fits. */
    public void submit(GpuWorkload workload) {
        queue.add(new Waiting(workload, sequence++));
        schedulePass();
    }

    /**
     * Takes back a workload that has not been placed yet (an autoscaler changed its mind); returns
     * whether it was still waiting. GPUs reserved for it go back to the pool.
     */
    public boolean withdraw(GpuWorkload workload) {
        for (int i = 0; i < queue.size(); i++) {
            Waiting w = queue.get(i);
            if (w.workload == workload) {
                queue.remove(i);
                w.claims.forEach(g -> g.unclaim(workload));
                schedulePass();
                return true;
            }
        }
        return false;
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
                w.claims.forEach(g -> g.unclaim(w.workload));
                w.workload.placed(a);
            } else if (w.victims.isEmpty()) {
                Preemption plan = cheapestPreemption(w.workload);
                if (plan != null) {
                    w.claims.forEach(g -> g.unclaim(w.workload));
                    w.claims.clear();
                    for (Gpu g : plan.claims()) {
                        g.claim(w.workload);
                        w.claims.add(g);
                    }
                    w.victims.addAll(plan.awaited());
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
            Preemption p = Preemption.plan(pool, w, sim.now());
            if (p != null && (best == null || p.isCheaperThan(best))) {
                best = p;
            }
        }
        return best;
    }
}
