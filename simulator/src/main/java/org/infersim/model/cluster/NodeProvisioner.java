package org.infersim.model.cluster;

import java.util.ArrayList;
import java.util.List;
import org.infersim.kernel.Simulation;
import org.infersim.model.random.DurationSampler;

/**
 * Adds nodes to one dynamic or serverless pool and takes empty ones away, as a cloud provider's
 * node group does at the node autoscaler's request. A requested node is paid for at once and
 * becomes usable after a provisioning delay drawn from the pool's own random stream (so that
 * nothing else in the scenario changes the draws). A ready node left empty for the pool's
 * scale-down delay is removed, never below the pool's minimum: only empty nodes go, because
 * moving a running replica elsewhere would cost it a cold start.
 */
public final class NodeProvisioner {
    private final GpuPool pool;
    private final Simulation sim;
    private final DurationSampler delay;
    private final Runnable capacityChanged;
    /** Empty nodes kept only because the pool is at its minimum; looked at again when it grows. */
    private final List<Node> keptAtMinimum = new ArrayList<>();
    private int added;
    private int removed;
    private int peak;

    /**
     * @param delay           draws each node's provisioning delay
     * @param capacityChanged called when a node becomes ready or is removed, so that the
     *                        scheduler looks at its waiting workloads again
     */
    NodeProvisioner(GpuPool pool, Simulation sim, DurationSampler delay, Runnable capacityChanged) {
        if (pool.provisioning().isStatic()) {
            throw new IllegalArgumentException("pool " + pool.name() + " is static");
        }
        this.pool = pool;
        this.sim = sim;
        this.delay = delay;
        this.capacityChanged = capacityChanged;
        this.peak = pool.nodes().size();
        pool.attach(this);
        // The nodes it starts with are removed like any other once they have been empty long enough.
        for (Node n : pool.nodes()) {
            if (n.isEmpty()) {
                nodeEmptied(n, sim.now());
            }
        }
    }

    public GpuPool pool() {
        return pool;
    }

    /** Nodes paid for now: ready or being provisioned. */
    int allocatedNodes() {
        return pool.nodes().size() + pool.nodesProvisioning().size();
    }

    /** How many more nodes it may add now. */
    int room() {
        long max = pool.provisioning().maxNodes();
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, max - allocatedNodes()));
    }

    /** Requests a node; it becomes ready after a drawn delay. */
    void provision() {
        long now = sim.now();
        Node node = pool.startNode(now);
        added++;
        peak = Math.max(peak, allocatedNodes());
        sim.schedule(delay.sampleNs(), () -> ready(node));
        if (!keptAtMinimum.isEmpty()) {
            // Above the minimum now: the empty nodes it kept may go after a full scale-down delay.
            for (Node kept : keptAtMinimum) {
                kept.keptAtMinimum(false);
                if (kept.isReady() && kept.isEmpty()) {
                    nodeEmptied(kept, now);
                }
            }
            keptAtMinimum.clear();
        }
    }

    private void ready(Node node) {
        long now = sim.now();
        pool.nodeReady(node, now);
        capacityChanged.run();
        // Ready and empty: unneeded from now on unless a waiting workload takes it.
        nodeEmptied(node, now);
    }

    /** The node holds nothing since now: remove it if it stays so for the scale-down delay. */
    void nodeEmptied(Node node, long nowNs) {
        node.emptySince(nowNs);
        node.scaleDownCheckScheduled();
        sim.schedule(pool.provisioning().scaleDownDelayNs(), () -> scaleDown(node, nowNs));
    }

    /**
     * Starts the scale-down delay of every empty ready node that has none running: a node the
     * autoscaler no longer counts on, or one whose reservation for a preempting workload was
     * dropped. Called after every scheduler pass.
     */
    void sweep(long nowNs) {
        List<Node> ready = pool.nodes();
        for (int i = 0; i < ready.size(); i++) {
            Node n = ready.get(i);
            if (!n.hasScaleDownCheck() && !n.isAwaited() && !n.isKeptAtMinimum() && n.isEmpty()) {
                nodeEmptied(n, nowNs);
            }
        }
    }

    private void scaleDown(Node node, long emptySinceNs) {
        node.scaleDownCheckDone();
        if (!node.isReady() || node.isReclaimed() || !node.isEmpty() || node.emptySinceNs() != emptySinceNs) {
            return; // taken, emptied again later (a later check will look at it), or going with its interruption
        }
        if (node.isAwaited()) {
            return; // a waiting workload counts on it; the next sweep after that changes restarts its delay
        }
        if (allocatedNodes() <= pool.provisioning().minNodes()) {
            if (!node.isKeptAtMinimum()) { // it stays, and costs, as the pool's minimum says
                node.keptAtMinimum(true);
                keptAtMinimum.add(node);
            }
            return;
        }
        pool.removeNode(node, sim.now());
        removed++;
        capacityChanged.run();
    }

    /** Nodes it requested during the run. */
    public int nodesAdded() {
        return added;
    }

    /** Nodes it removed during the run. */
    public int nodesRemoved() {
        return removed;
    }

    /** The most nodes the pool had at once, ready or provisioning. */
    public int peakNodes() {
        return peak;
    }
}
