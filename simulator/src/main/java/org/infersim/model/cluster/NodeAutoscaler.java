package org.infersim.model.cluster;

import java.util.ArrayList;
import java.util.List;
import org.infersim.kernel.Simulation;
import org.infersim.model.random.DurationSampler;
import org.infersim.model.random.RandomStreams;

/**
 * The node autoscaler of the dynamic and serverless pools, after the Kubernetes Cluster
 * Autoscaler: when workloads are pending (the scheduler could not place them) and new nodes of a
 * pool would let them be placed, it asks that pool's {@link NodeProvisioner} for as many nodes as
 * they need, and no more.
 *
 * <p>Like the Cluster Autoscaler's bin-packing estimator, it packs the pending workloads, in the
 * scheduler's order, onto a scratch copy of the capacity that is on its way: first the pool's
 * empty ready nodes and the nodes already being provisioned (so that a node requested a minute
 * ago for this same demand is not requested twice, the classic overshoot), then, for what does
 * not fit, new nodes of the first pool in the workload's order of preference that may still grow.
 * Workloads that fit on capacity on its way are waiting for a node to be provisioned; the
 * scheduler times that part of their wait separately.
 *
 * <p>Simplifications: it runs at the end of every scheduler pass rather than every 10 s (the
 * Cluster Autoscaler's {@code --scan-interval}), which is small beside a node's 2-8 minutes; a
 * workload that is evicting lower-priority work for its GPUs does not count (it will be placed
 * when they leave); and scale-down only removes empty nodes ({@link NodeProvisioner}).
 */
public final class NodeAutoscaler {
    private final List<NodeProvisioner> provisioners;
    /** Indexed by pool index; null for static pools. */
    private final NodeProvisioner[] byPool;
    /** Nodes (ready or provisioning) the latest estimate counted on, to be released by the next one. */
    private final List<Node> awaited = new ArrayList<>();
    /** How the estimate packs workloads onto scratch nodes: first fit, whatever the scheduler's placement. */
    private final PlacementPolicy packing;

    private NodeAutoscaler(List<NodeProvisioner> provisioners, int poolCount, PlacementPolicy packing) {
        this.provisioners = List.copyOf(provisioners);
        this.packing = packing;
        this.byPool = new NodeProvisioner[poolCount];
        for (NodeProvisioner p : provisioners) {
            byPool[p.pool().index()] = p;
        }
    }

    /**
     * The autoscaler of the pools that are not static, attached to the scheduler; null when every
     * pool is static (nothing is added to their runs). Each pool draws its provisioning delays
     * from its own stream, {@code pool/<name>/provisioning}.
     *
     * @param firstFit the first-fit placement, with which the estimator packs
     */
    public static NodeAutoscaler attach(List<GpuPool> pools, Scheduler scheduler, Simulation sim,
                                           RandomStreams random, PlacementPolicy firstFit) {
        List<NodeProvisioner> provisioners = new ArrayList<>();
        for (GpuPool pool : pools) {
            if (pool.provisioning().isStatic()) {
                continue;
            }
            DurationSampler delay = DurationSampler.of(pool.provisioning().delay(),
                    random.stream("pool/" + pool.name() + "/provisioning"));
            provisioners.add(new NodeProvisioner(pool, sim, delay, scheduler::capacityChanged));
        }
        if (provisioners.isEmpty()) {
            return null;
        }
        NodeAutoscaler autoscaler = new NodeAutoscaler(provisioners, pools.size(), firstFit);
        scheduler.autoscaleWith(autoscaler);
        return autoscaler;
    }

    public List<NodeProvisioner> provisioners() {
        return provisioners;
    }

    /** The provisioner of this pool; null for a static pool. */
    public NodeProvisioner provisioner(GpuPool pool) {
        return byPool[pool.index()];
    }

    /**
     * Requests the nodes the pending workloads need.
     *
     * @param pending workloads the scheduler could not place and that are not waiting for a preemption, in its order
     * @return for each of them, whether it now waits for capacity that is being provisioned (or just ready)
     */
    boolean[] scaleUp(List<GpuWorkload> pending, long nowNs) {
        for (Node n : awaited) {
            n.awaited(false);
        }
        awaited.clear();
        boolean[] waiting = new boolean[pending.size()];
        if (!pending.isEmpty()) {
            Estimate[] estimates = new Estimate[byPool.length];
            for (int i = 0; i < pending.size(); i++) {
                GpuWorkload w = pending.get(i);
                waiting[i] = onCapacityOnItsWay(w, estimates) || onNewNodes(w, estimates);
            }
            for (Estimate e : estimates) {
                if (e == null) {
                    continue;
                }
                for (Node n : e.counted) {
                    n.awaited(true);
                    awaited.add(n);
                }
                for (int k = 0; k < e.planned; k++) {
                    e.provisioner.provision();
                }
            }
        }
        // Nodes no longer counted on start their scale-down delay.
        for (NodeProvisioner p : provisioners) {
            p.sweep(nowNs);
        }
        return waiting;
    }

    private boolean onCapacityOnItsWay(GpuWorkload w, Estimate[] estimates) {
        for (GpuPool p : w.pools()) {
            Estimate e = estimate(p, estimates);
            if (e != null && e.place(w, w.demand(p))) {
                return true;
            }
        }
        return false;
    }

    private boolean onNewNodes(GpuWorkload w, Estimate[] estimates) {
        for (GpuPool p : w.pools()) {
            Estimate e = estimate(p, estimates);
            if (e == null) {
                continue;
            }
            Demand d = w.demand(p);
            int need = p.nodesFor(d);
            if (need < 0) {
                continue;
            }
            // A group larger than a node takes whole nodes: the empty ones on their way count.
            int extra = need > 1 ? need - e.freeNodes() : 1;
            if (extra <= e.provisioner.room() - e.planned) {
                e.grow(extra);
                if (!e.place(w, d)) {
                    throw new IllegalStateException(w.name() + " does not fit on " + extra + " new nodes of " + p.name());
                }
                return true;
            }
        }
        return false;
    }

    private Estimate estimate(GpuPool p, Estimate[] estimates) {
        NodeProvisioner provisioner = byPool[p.index()];
        if (provisioner == null) {
            return null;
        }
        if (estimates[p.index()] == null) {
            estimates[p.index()] = new Estimate(provisioner, packing);
        }
        return estimates[p.index()];
    }

    /**
     * One pool's capacity on its way, with the pending workloads packed onto it so far: scratch
     * node i stands for {@code real.get(i)}; those beyond are nodes to request.
     */
    private static final class Estimate {
        final NodeProvisioner provisioner;
        final List<Node> real = new ArrayList<>();
        final List<Node> counted = new ArrayList<>();
        final GpuPool scratch;
        final PlacementPolicy packing;
        int planned;

        Estimate(NodeProvisioner provisioner, PlacementPolicy packing) {
            this.provisioner = provisioner;
            this.packing = packing;
            GpuPool pool = provisioner.pool();
            for (Node n : pool.nodes()) {
                if (n.isEmpty()) {
                    real.add(n);
                }
            }
            real.addAll(pool.nodesProvisioning());
            scratch = pool.scratch(real.size());
        }

        /** Scratch nodes no workload of the estimate took. */
        int freeNodes() {
            int free = 0;
            for (Node n : scratch.nodes()) {
                if (n.isEmpty()) {
                    free++;
                }
            }
            return free;
        }

        void grow(int nodes) {
            for (int k = 0; k < nodes; k++) {
                scratch.addReadyNode();
            }
            planned += nodes;
        }

        /** Places the demand on the scratch nodes (first fit, as the estimator packs); false when it does not fit. */
        boolean place(GpuWorkload w, Demand d) {
            Allocation a = scratch.place(w, d, packing, 0);
            if (a == null) {
                return false;
            }
            Node last = null;
            for (Gpu g : a.gpus()) {
                int i = g.node().index();
                if (g.node() != last && i < real.size() && !counted.contains(real.get(i))) {
                    counted.add(real.get(i));
                }
                last = g.node();
            }
            return true;
        }
    }
}
