package org.infersim.cluster;

import java.util.ArrayList;
import java.util.List;
import org.infersim.catalog.GpuSpec;
import org.infersim.kernel.Simulation;
import org.infersim.scenario.GpuSharing;
import org.infersim.scenario.PlacementPolicy;

/** A pool of identical nodes of one GPU type, bought at one price. */
public final class GpuPool {
    private final int index;
    private final String name;
    private final GpuSpec spec;
    private final double pricePerGpuHour;
    private final int gpusPerNode;
    private final GpuSharing sharing;
    private final Simulation sim;
    private final long measuredFromNs;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Gpu> gpus = new ArrayList<>();

    /**
     * @param sharing        how its GPUs behave when replicas share them
     * @param sim            the simulation its shared GPUs schedule iterations in
     * @param measuredFromNs the end of the warm-up, from which shared GPUs count their busy time
     */
    public GpuPool(int index, String name, GpuSpec spec, int nodeCount, int gpusPerNode, double pricePerGpuHour,
                   GpuSharing sharing, Simulation sim, long measuredFromNs) {
        this.index = index;
        this.name = name;
        this.spec = spec;
        this.gpusPerNode = gpusPerNode;
        this.pricePerGpuHour = pricePerGpuHour;
        this.sharing = sharing;
        this.sim = sim;
        this.measuredFromNs = measuredFromNs;
        for (int n = 0; n < nodeCount; n++) {
            Node node = new Node(n);
            nodes.add(node);
            for (int g = 0; g < gpusPerNode; g++) {
                Gpu gpu = new Gpu(this, node, gpus.size());
                node.gpus().add(gpu);
                gpus.add(gpu);
            }
        }
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
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

    public GpuSharing sharing() {
        return sharing;
    }

    Simulation simulation() {
        return sim;
    }

    long measuredFromNs() {
        return measuredFromNs;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public List<Gpu> gpus() {
        return gpus;
    }

    /** Whether the demand could ever be placed here, on an empty pool. */
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
        Demand demand = workload.demand(this);
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
     * a free one. First fit takes the first in pool order; best fit the one it leaves the least
     * room on, so shares pack onto few GPUs and whole GPUs stay free.
     */
    private Gpu share(GpuWorkload w, Demand.Fraction f, PlacementPolicy policy) {
        Gpu best = null;
        double bestRoom = Double.MAX_VALUE;
        for (Gpu g : gpus) {
            double room = g.isAvailableTo(w) ? g.roomAfter(f) : -1;
            if (room < 0) {
                continue;
            }
            if (policy == PlacementPolicy.FIRST_FIT) {
                return g;
            }
            if (room < bestRoom) {
                best = g;
                bestRoom = room;
            }
        }
        return best;
    }

    /** A GPU for a MIG instance: one already split by MIG with a free position for it, or a free one. */
    private Gpu migInstance(GpuWorkload w, Demand.MigSlice m, PlacementPolicy policy) {
        Gpu best = null;
        int bestRoom = Integer.MAX_VALUE;
        for (Gpu g : gpus) {
            int room = g.isAvailableTo(w) ? g.migRoomAfter(m.profile()) : -1;
            if (room < 0) {
                continue;
            }
            if (policy == PlacementPolicy.FIRST_FIT) {
                return g;
            }
            if (room < bestRoom) {
                best = g;
                bestRoom = room;
            }
        }
        return best;
    }

    /**
     * A tensor-parallel group on one node (NVSwitch joins every pair of a node's GPUs, so which
     * ones does not matter). First fit takes the first node with room; best fit the node left with
     * the fewest free GPUs, keeping emptier nodes for larger groups. GPUs reserved for another
     * waiting workload do not count as free.
     */
    private List<Gpu> groupOnOneNode(GpuWorkload w, int count, PlacementPolicy policy) {
        Node best = null;
        int bestFree = Integer.MAX_VALUE;
        for (Node node : nodes) {
            int free = node.freeGpusFor(w);
            if (free < count) {
                continue;
            }
            if (policy == PlacementPolicy.FIRST_FIT) {
                best = node;
                break;
            }
            if (free < bestFree) {
                best = node;
                bestFree = free;
            }
        }
        if (best == null) {
            return null;
        }
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
