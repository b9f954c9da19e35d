package org.infersim.model.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.infersim.kernel.Simulation;

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
 *
 * <p>With dynamic or serverless pools, the {@link NodeAutoscaler} looks at what is still
 * waiting after each pass and provisions nodes for it; the scheduler times, for each workload,
 * the part of its wait spent on a node being provisioned ({@link Allocation#provisioningWaitNs()}).
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
    private NodeAutoscaler autoscaler;

    /**
     * A workload in the queue, the jobs whose eviction it is waiting for, the GPUs reserved for
     * it, and how long it has waited for nodes being provisioned.
     */
    private static final class Waiting {
        final GpuWorkload workload;
        final long sequence;
        final long submittedAtNs;
        final Set<GpuJob> victims = new LinkedHashSet<>();
        final List<Gpu> claims = new ArrayList<>();
        /** Since when it waits for a node being provisioned; -1 while it does not. */
        long provisioningSinceNs = -1;
        long provisioningNs;

        Waiting(GpuWorkload workload, long sequence, long submittedAtNs) {
            this.workload = workload;
            this.sequence = sequence;
            this.submittedAtNs = submittedAtNs;
        }

        /** Whether it waits for a node being provisioned from now on. */
        void waitsForNode(boolean waits, long nowNs) {
            if (waits && provisioningSinceNs < 0) {
                provisioningSinceNs = nowNs;
            } else if (!waits && provisioningSinceNs >= 0) {
                provisioningNs += nowNs - provisioningSinceNs;
                provisioningSinceNs = -1;
            }
        }
    }

    public Scheduler(Simulation sim, PlacementPolicy policy) {
        this.sim = sim;
        this.policy = policy;
    }

    /** Queues a workload; it is placed at the end of this instant if it fits. */
    public void submit(GpuWorkload workload) {
        queue.add(new Waiting(workload, sequence++, sim.now()));
        schedulePass();
    }

    /** Lets the node autoscaler provision nodes for what is left waiting after each pass. */
    void autoscaleWith(NodeAutoscaler autoscaler) {
        this.autoscaler = autoscaler;
    }

    /** A node became ready or was removed: the waiting workloads get another look at the end of this instant. */
    void capacityChanged() {
        schedulePass();
    }

    /**
     * Takes back a workload that has not been placed yet (a replica autoscaler changed its mind); returns
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
                w.waitsForNode(false, sim.now());
                a.waited(w.submittedAtNs, w.provisioningNs);
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
        if (autoscaler != null) {
            autoscale();
        }
    }

    /** Asks the node autoscaler for nodes for the workloads still waiting that no preemption will serve. */
    private void autoscale() {
        List<Waiting> considered = new ArrayList<>(queue.size());
        List<GpuWorkload> pending = new ArrayList<>(queue.size());
        for (Waiting w : queue) {
            if (w.victims.isEmpty()) {
                considered.add(w);
                pending.add(w.workload);
            } else {
                w.waitsForNode(false, sim.now());
            }
        }
        boolean[] waits = autoscaler.scaleUp(pending, sim.now());
        for (int i = 0; i < waits.length; i++) {
            considered.get(i).waitsForNode(waits[i], sim.now());
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
