package org.infersim.cluster;

import java.util.ArrayList;
import java.util.List;
import org.infersim.catalog.GpuSpec;
import org.infersim.scenario.PlacementPolicy;

/** A pool of identical nodes of one GPU type, bought at one price. */
public final class GpuPool {
    private final int index;
    private final String name;
    private final GpuSpec spec;
    private final double pricePerGpuHour;
    private final int gpusPerNode;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Gpu> gpus = new ArrayList<>();

    public GpuPool(int index, String name, GpuSpec spec, int nodeCount, int gpusPerNode, double pricePerGpuHour) {
        this.index = index;
        this.name = name;
        this.spec = spec;
        this.gpusPerNode = gpusPerNode;
        this.pricePerGpuHour = pricePerGpuHour;
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

    public List<Node> nodes() {
        return nodes;
    }

    public List<Gpu> gpus() {
        return gpus;
    }

    /** Whether the demand could ever be placed here, on an empty pool. */
    public boolean canEverHold(Demand demand) {
        Demand.WholeGpus w = (Demand.WholeGpus) demand;
        return w.count() <= gpusPerNode || (w.count() % gpusPerNode == 0 && w.count() / gpusPerNode <= nodes.size());
    }

    /** Places the workload's demand on free GPUs as the policy chooses; null when it does not fit now. */
    Allocation place(GpuWorkload workload, PlacementPolicy policy, long nowNs) {
        Demand.WholeGpus w = (Demand.WholeGpus) workload.demand();
        List<Gpu> chosen = w.count() <= gpusPerNode ? groupOnOneNode(w.count(), policy) : wholeNodes(w.count());
        if (chosen == null) {
            return null;
        }
        Allocation a = new Allocation(workload, this, chosen, 1.0, nowNs);
        for (Gpu g : chosen) {
            g.hold(a);
        }
        return a;
    }

    /**
     * A tensor-parallel group on one node (NVSwitch joins every pair of a node's GPUs, so which
     * ones does not matter). First fit takes the first node with room; best fit the node left with
     * the fewest free GPUs, keeping emptier nodes for larger groups.
     */
    private List<Gpu> groupOnOneNode(int count, PlacementPolicy policy) {
        Node best = null;
        int bestFree = Integer.MAX_VALUE;
        for (Node node : nodes) {
            int free = node.freeGpus();
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
            if (out.size() < count && g.isFree()) {
                out.add(g);
            }
        }
        return out;
    }

    /** Whole free nodes for a demand larger than one node; every free node is as good as another. */
    private List<Gpu> wholeNodes(int count) {
        if (count % gpusPerNode != 0) {
            return null;
        }
        List<Gpu> out = new ArrayList<>(count);
        for (Node node : nodes) {
            if (out.size() < count && node.isFree()) {
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
