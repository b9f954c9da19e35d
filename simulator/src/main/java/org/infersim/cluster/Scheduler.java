package org.infersim.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.infersim.kernel.Simulation;
import org.infersim.scenario.PlacementPolicy;

/**
 * The cluster scheduler: a queue of workloads waiting for GPUs, served in priority order (higher
 * first, then first come first served) whenever something changes. A workload that does not fit
 * waits; lower-priority work behind it that does fit is placed meanwhile (backfilling), as the
 * Kubernetes and KAI schedulers do.
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

    private record Waiting(GpuWorkload workload, long sequence) {}

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
            GpuWorkload w = queue.get(i).workload;
            Allocation a = placeOnAnyPool(w);
            if (a != null) {
                queue.remove(i--);
                w.placed(a);
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

    /** Workloads still waiting for GPUs, most important first. */
    public List<GpuWorkload> pending() {
        List<Waiting> sorted = new ArrayList<>(queue);
        sorted.sort(ORDER);
        return sorted.stream().map(Waiting::workload).toList();
    }

    public List<GpuPool> pools() {
        return pools;
    }
}
