package org.infersim.model.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.infersim.catalog.GpuSpec;
import org.infersim.kernel.Simulation;
import org.infersim.scenario.GpuSharing;
import org.infersim.scenario.ImageCache;
import org.infersim.scenario.Pool;
import org.infersim.scenario.Pricing;
import org.infersim.scenario.Provisioning;

/**
 * A pool of identical nodes of one GPU type, bought at one price. Placement sees only its ready
 * nodes ({@link #nodes()}, {@link #gpus()}); a dynamic or serverless pool also has nodes being
 * provisioned, and keeps the nodes it removed for the results ({@link #allNodes()}).
 */
public final class GpuPool {
    private final int index;
    private final String name;
    private final GpuSpec spec;
    private final PowerModel power;
    private double pue = Pool.DEFAULT_PUE;
    private Pricing pricing = Pricing.ON_DEMAND;
    private final double pricePerGpuHour;
    private final int gpusPerNode;
    private final GpuSharing sharing;
    private final Simulation sim;
    private final long measuredFromNs;
    private final Provisioning provisioning;
    /** Ready nodes and their GPUs, in index order: what placement and preemption look at. */
    private final List<Node> nodes = new ArrayList<>();
    private final List<Gpu> gpus = new ArrayList<>();
    /** Every node it ever had, in index order (the order they were requested). */
    private final List<Node> allNodes = new ArrayList<>();
    /** Nodes requested and not yet ready, in the order they were requested. */
    private final List<Node> starting = new ArrayList<>();
    /** Told when a node becomes empty, so that it can be removed later; null for a static pool. */
    private NodeProvisioner provisioner;
    /** Told when a node becomes ready, so that the provider may take it back; null unless the pool is spot. */
    private SpotInterruptions spot;
    /** Images cached for the whole pool, so that one node's pull serves every node; null when each node keeps its own. */
    private Set<String> pooledImages;

    /**
     * A pool as the scenario describes it, with its nodes at the start ready at time 0.
     *
     * @param gpu            the catalog entry of its GPU type (its price unless the pool sets one)
     * @param sim            the simulation its shared GPUs schedule iterations in
     * @param index          its place among the scenario's pools
     * @param measuredFromNs the end of the warm-up, from which shared GPUs count their busy time
     */
    public GpuPool(Pool pool, GpuSpec gpu, Simulation sim, int index, long measuredFromNs) {
        this(index, pool.name(), gpu, pool.gpusPerNode(), pool.pricePerGpuHour().orElse(gpu.pricePerHour()),
                pool.sharing(), pool.provisioning(), sim, measuredFromNs);
        this.pue = pool.pue();
        this.pricing = pool.pricing();
        addReadyNodes(pool.nodes());
        if (pool.imageCache() == ImageCache.POOL) {
            pooledImages = new HashSet<>();
        }
    }

    private GpuPool(int index, String name, GpuSpec spec, int gpusPerNode, double pricePerGpuHour, GpuSharing sharing,
                    Provisioning provisioning, Simulation sim, long measuredFromNs) {
        this.index = index;
        this.provisioning = provisioning;
        this.name = name;
        this.spec = spec;
        this.power = new PowerModel(spec);
        this.gpusPerNode = gpusPerNode;
        this.pricePerGpuHour = pricePerGpuHour;
        this.sharing = sharing;
        this.sim = sim;
        this.measuredFromNs = measuredFromNs;
    }

    private void addReadyNodes(int count) {
        for (int n = 0; n < count; n++) {
            addReadyNode();
        }
    }

    /** A node with its GPUs, numbered after every node the pool ever had (ids are never reused). */
    private Node newNode(long nowNs) {
        Node node = new Node(allNodes.size(), nowNs);
        for (int g = 0; g < gpusPerNode; g++) {
            node.gpus().add(new Gpu(this, node, node.index() * gpusPerNode + g));
        }
        allNodes.add(node);
        return node;
    }

    /** Requests a new node; it is not usable until {@link #nodeReady}. */
    Node startNode(long nowNs) {
        Node node = newNode(nowNs);
        starting.add(node);
        return node;
    }

    /** A requested node has finished provisioning: placement may use it from now on. */
    void nodeReady(Node node, long nowNs) {
        if (!node.isProvisioning()) {
            throw new IllegalStateException("node " + node.index() + " of pool " + name + " is not being provisioned");
        }
        starting.remove(node);
        node.ready(nowNs);
        // Kept in index order, so that first fit means the same thing whatever order nodes became ready in.
        int at = nodes.size();
        while (at > 0 && nodes.get(at - 1).index() > node.index()) {
            at--;
        }
        nodes.add(at, node);
        int gpuAt = 0;
        for (int i = 0; i < at; i++) {
            gpuAt += nodes.get(i).gpus().size();
        }
        gpus.addAll(gpuAt, node.gpus());
        if (spot != null) {
            spot.watch(node, nowNs);
        }
    }

    /** Gives an empty ready node back; its GPUs keep their history for the results. */
    void removeNode(Node node, long nowNs) {
        if (!node.isReady() || !node.isEmpty()) {
            throw new IllegalStateException("node " + node.index() + " of pool " + name + " is not ready and empty");
        }
        node.removed(nowNs);
        nodes.remove(node);
        gpus.removeAll(node.gpus());
    }

    /**
     * The provider's notice that it takes the node back: placement, preemption and the node
     * autoscaler stop counting on it at once (it is cordoned), while what runs on it carries on.
     */
    void cordon(Node node, long nowNs) {
        node.noticed(nowNs);
        nodes.remove(node);
        gpus.removeAll(node.gpus());
    }

    /** The provider took the node back: what held its GPUs let them go; reservations on them lapse. */
    void reclaim(Node node, long nowNs) {
        for (Gpu g : node.gpus()) {
            if (!g.isFree()) {
                throw new IllegalStateException(g.id() + " is still held as its node is taken back");
            }
            g.unclaimAll();
        }
        node.removed(nowNs);
        nodes.remove(node);
        gpus.removeAll(node.gpus());
    }

    /**
     * A static copy of this pool with empty ready nodes and no history: where the node autoscaler
     * tries out placements.
     */
    GpuPool scratch(int nodeCount) {
        GpuPool copy = new GpuPool(index, name, spec, gpusPerNode, pricePerGpuHour, sharing, Provisioning.STATIC, sim,
                measuredFromNs);
        copy.addReadyNodes(nodeCount);
        return copy;
    }

    /** Adds an empty ready node (to a scratch pool, or at the start). */
    void addReadyNode() {
        Node node = newNode(0);
        node.ready(0);
        nodes.add(node);
        gpus.addAll(node.gpus());
    }

    void attach(NodeProvisioner provisioner) {
        this.provisioner = provisioner;
    }

    void attach(SpotInterruptions interruptions) {
        this.spot = interruptions;
    }

    /** An allocation let these GPUs go: tell the provisioner about the nodes it left empty. */
    void released(List<Gpu> freed, long nowNs) {
        if (provisioner == null) {
            return;
        }
        Node last = null;
        for (Gpu g : freed) {
            if (g.node() != last && g.node().isEmpty()) {
                provisioner.nodeEmptied(g.node(), nowNs);
            }
            last = g.node();
        }
    }

    /** Whether a replica starting on {@code node} finds {@code image} there or in the pool's cache. */
    public boolean hasImage(Node node, String image) {
        return node.hasImage(image) || (pooledImages != null && pooledImages.contains(image));
    }

    /** A replica on {@code node} finished pulling {@code image}. */
    public void pulled(Node node, String image) {
        node.addImage(image);
        if (pooledImages != null) {
            pooledImages.add(image);
        }
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    /** Its facility's power usage effectiveness. */
    public double pue() {
        return pue;
    }

    /** What its GPUs draw, and each step of theirs. */
    /** How the pool is paid for. */
    public Pricing pricing() {
        return pricing;
    }

    public PowerModel power() {
        return power;
    }

    public GpuSpec spec() {
        return spec;
    }

    public double pricePerGpuHour() {
        return pricePerGpuHour;
    }

    public int gpusPerNode() {
        return gpusPerNode;
    }

    public Provisioning provisioning() {
        return provisioning;
    }

    /** Nodes requested and not yet ready, in the order they were requested. */
    public List<Node> nodesProvisioning() {
        return starting;
    }

    /** Every node it ever had, ready, provisioning or removed, in the order they were requested. */
    public List<Node> allNodes() {
        return allNodes;
    }

    /** Every GPU it ever had, node by node: the GPUs of the results. */
    public List<Gpu> allGpus() {
        if (allNodes.size() == nodes.size()) {
            return gpus;
        }
        List<Gpu> out = new ArrayList<>(allNodes.size() * gpusPerNode);
        for (Node n : allNodes) {
            out.addAll(n.gpus());
        }
        return out;
    }

    /**
     * GPU-nanoseconds its nodes were ready (usable, powered) between two instants: every GPU for
     * the whole span in a static pool whose nodes are never taken back, and otherwise each node
     * from its readiness to its removal.
     */
    /**
     * GPU-nanoseconds workloads held between two instants, each allocation for its fraction of its
     * GPU: what a serverless pool bills and powers; with {@code jobsOnly}, the jobs' share alone.
     */
    public double heldGpuNs(long fromNs, long toNs, boolean jobsOnly) {
        double ns = 0;
        for (Gpu g : allGpus()) {
            for (Allocation a : g.history()) {
                if (!jobsOnly || a.workload() instanceof GpuJob) {
                    ns += a.fraction() * a.heldNs(fromNs, toNs);
                }
            }
        }
        return ns;
    }

    public long readyGpuNs(long fromNs, long toNs) {
        long ns = 0;
        for (Node n : allNodes) {
            ns += n.allocatedNs(fromNs, toNs) - n.provisioningNs(fromNs, toNs);
        }
        return ns * gpusPerNode;
    }

    public GpuSharing sharing() {
        return sharing;
    }

    Simulation simulation() {
        return sim;
    }

    long measuredFromNs() {
        return measuredFromNs;
    }

    /** Its ready nodes, in index order. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The GPUs of its ready nodes, node by node. */
    public List<Gpu> gpus() {
        return gpus;
    }

    /**
     * How many new empty nodes the demand needs to be placed: 1 for a group within a node, a share
     * or a MIG instance; whole nodes for a larger group; -1 when no number of nodes will do.
     */
    int nodesFor(Demand demand) {
        if (demand instanceof Demand.WholeGpus w) {
            return w.count() <= gpusPerNode ? 1 : w.count() % gpusPerNode == 0 ? w.count() / gpusPerNode : -1;
        }
        if (demand instanceof Demand.MigSlice m) {
            return spec.migProfiles().contains(m.profile()) ? 1 : -1;
        }
        return 1;
    }

    /** Whether the demand could ever be placed here, on an empty pool of its present ready nodes. */
    public boolean canEverHold(Demand demand) {
        if (demand instanceof Demand.WholeGpus w) {
            return w.count() <= gpusPerNode
                    || (w.count() % gpusPerNode == 0 && w.count() / gpusPerNode <= nodes.size());
        }
        if (demand instanceof Demand.MigSlice m) {
            return spec.migProfiles().contains(m.profile());
        }
        return true;
    }

    /** Places the workload's demand as the policy chooses; null when it does not fit now. */
    Allocation place(GpuWorkload workload, PlacementPolicy policy, long nowNs) {
        return place(workload, workload.demand(this), policy, nowNs);
    }

    /** Places a demand the workload made of another pool of the same GPU type (a scratch copy of it). */
    Allocation place(GpuWorkload workload, Demand demand, PlacementPolicy policy, long nowNs) {
        List<Gpu> chosen;
        int migStart = -1;
        if (demand instanceof Demand.WholeGpus w) {
            chosen = w.count() <= gpusPerNode ? groupOnOneNode(workload, w.count(), policy)
                    : wholeNodes(workload, w.count());
        } else if (demand instanceof Demand.Fraction f) {
            Gpu g = share(workload, f, policy);
            chosen = g == null ? null : List.of(g);
        } else {
            Demand.MigSlice m = (Demand.MigSlice) demand;
            Gpu g = migInstance(workload, m, policy);
            chosen = g == null ? null : List.of(g);
            migStart = g == null ? -1 : g.migStart(m.profile());
        }
        if (chosen == null) {
            return null;
        }
        Allocation a = new Allocation(workload, this, chosen, demand, migStart, nowNs);
        for (Gpu g : chosen) {
            g.hold(a);
        }
        if (demand instanceof Demand.Fraction) {
            a.joinShared();
        }
        return a;
    }

    /**
     * A GPU for a time-sliced or MPS share: one already shared the same way with room for it, or
     * a free one (best fit, taking the one it leaves the least room on, packs shares onto few GPUs
     * and keeps whole GPUs free).
     */
    private Gpu share(GpuWorkload w, Demand.Fraction f, PlacementPolicy policy) {
        return fit(w, policy, g -> g.roomAfter(f));
    }

    /** A GPU for a MIG instance: one already split by MIG with a free position for it, or a free one. */
    private Gpu migInstance(GpuWorkload w, Demand.MigSlice m, PlacementPolicy policy) {
        return fit(w, policy, g -> g.migRoomAfter(m.profile()));
    }

    /**
     * The GPU a part of one goes on, as the policy chooses among the GPUs in pool order by the
     * room each would be left with. {@code roomAfter} is negative where the part does not fit.
     */
    private Gpu fit(GpuWorkload w, PlacementPolicy policy, ToDoubleFunction<Gpu> roomAfter) {
        int chosen = policy.choose(gpus.size(), i -> {
            Gpu g = gpus.get(i);
            return g.isAvailableTo(w) ? roomAfter.applyAsDouble(g) : -1;
        });
        return chosen < 0 ? null : gpus.get(chosen);
    }

    /**
     * A tensor-parallel group on one node (NVSwitch joins every pair of a node's GPUs, so which
     * ones does not matter), on the node the policy chooses by the free GPUs each would be left
     * with. GPUs reserved for another waiting workload do not count as free.
     */
    private List<Gpu> groupOnOneNode(GpuWorkload w, int count, PlacementPolicy policy) {
        int chosen = policy.choose(nodes.size(), i -> {
            int free = nodes.get(i).freeGpusFor(w);
            return free < count ? -1 : free - count;
        });
        if (chosen < 0) {
            return null;
        }
        Node best = nodes.get(chosen);
        List<Gpu> out = new ArrayList<>(count);
        for (Gpu g : best.gpus()) {
            if (out.size() < count && g.isFree() && g.isAvailableTo(w)) {
                out.add(g);
            }
        }
        return out;
    }

    /** Whole free nodes for a demand larger than one node; every free node is as good as another. */
    private List<Gpu> wholeNodes(GpuWorkload w, int count) {
        if (count % gpusPerNode != 0) {
            return null;
        }
        List<Gpu> out = new ArrayList<>(count);
        for (Node node : nodes) {
            if (out.size() < count && node.isFreeFor(w)) {
                out.addAll(node.gpus());
            }
        }
        return out.size() == count ? out : null;
    }

    /** GPUs held by at least one workload now. */
    public int allocatedGpus() {
        int n = 0;
        for (Gpu g : gpus) {
            if (!g.isFree()) {
                n++;
            }
        }
        return n;
    }
}
