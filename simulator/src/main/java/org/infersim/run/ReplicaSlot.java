package org.infersim.run;

import java.util.List;
import org.infersim.cluster.Allocation;
import org.infersim.cluster.Demand;
import org.infersim.cluster.GpuPool;
import org.infersim.cluster.GpuWorkload;
import org.infersim.kernel.Simulation;
import org.infersim.metrics.RunMetrics;
import org.infersim.serving.KvCache;
import org.infersim.serving.Replica;
import org.infersim.serving.ReplicaSet;

/**
 * One replica of a deployment as the cluster scheduler sees it: a demand for GPUs that becomes a
 * serving engine, sized for the GPU type of the pool it lands on, the moment it is placed.
 */
final class ReplicaSlot implements GpuWorkload {
    private final String name;
    private final int index;
    private final int deployment;
    private final int priority;
    private final List<GpuPool> pools;
    private final List<DeploymentPlan> plans;
    private final Simulation sim;
    private final RunMetrics metrics;
    private final ReplicaSet set;
    private final int streams;
    private final long requestedAtNs;
    private Allocation allocation;
    private DeploymentPlan plan;
    private Replica replica;

    /**
     * @param index global replica index, the same whichever pool it lands on
     * @param requestedAtNs when it asks for GPUs (its deployment's start)
     * @param plans one per allowed pool, in the same order as {@code pools}
     */
    ReplicaSlot(String name, int index, int deployment, int priority, long requestedAtNs, List<GpuPool> pools,
                List<DeploymentPlan> plans, Simulation sim, RunMetrics metrics, ReplicaSet set, int streams) {
        this.name = name;
        this.index = index;
        this.deployment = deployment;
        this.priority = priority;
        this.pools = List.copyOf(pools);
        this.plans = List.copyOf(plans);
        this.sim = sim;
        this.metrics = metrics;
        this.set = set;
        this.streams = streams;
        this.requestedAtNs = requestedAtNs;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "inference";
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Demand demand(GpuPool pool) {
        return plans.get(pools.indexOf(pool)).demand();
    }

    @Override
    public List<GpuPool> pools() {
        return pools;
    }

    @Override
    public void placed(Allocation allocation) {
        this.allocation = allocation;
        this.plan = plans.get(pools.indexOf(allocation.pool()));
        KvCache kv = new KvCache(plan.memory().kvBlocks(), plan.settings().blockSize());
        replica = new Replica(index, name, sim, plan.stepTimeModel(), allocation.tenant(), kv, plan.settings(),
                metrics, streams);
        set.addReady(replica);
    }

    int index() {
        return index;
    }

    int deployment() {
        return deployment;
    }

    long requestedAtNs() {
        return requestedAtNs;
    }

    /** Null while it waits for GPUs. */
    Allocation allocation() {
        return allocation;
    }

    /** The plan for the GPU type it landed on; null while it waits. */
    DeploymentPlan plan() {
        return plan;
    }

    /** Null while it waits for GPUs. */
    Replica replica() {
        return replica;
    }
}
