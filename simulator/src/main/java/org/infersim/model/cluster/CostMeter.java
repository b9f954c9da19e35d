package org.infersim.model.cluster;

import java.util.List;

/**
 * Prices the cluster, pool by pool, as each provisioning mode is billed: a static pool pays for
 * every GPU, busy or idle, for as long as it exists; a dynamic pool pays for each node from the
 * moment it is requested (provisioning included) to its removal; a serverless pool pays only
 * for the GPU time workloads hold, each for its fraction of a shared GPU.
 */
public final class CostMeter {
    private static final double NS_PER_HOUR = 3.6e12;
    private final List<GpuPool> pools;

    public CostMeter(List<GpuPool> pools) {
        this.pools = List.copyOf(pools);
    }

    public double pricePerGpuHour(int pool) {
        return pools.get(pool).pricePerGpuHour();
    }

    /** Dollars the pool costs between two instants. */
    public double poolCost(int pool, long fromNs, long toNs) {
        GpuPool p = pools.get(pool);
        if (p.provisioning().isStatic()) {
            return p.gpus().size() * p.pricePerGpuHour() * (toNs - fromNs) / NS_PER_HOUR;
        }
        return gpuHours(pool, fromNs, toNs) * p.pricePerGpuHour();
    }

    /** GPU-hours the pool is billed for between two instants. */
    public double gpuHours(int pool, long fromNs, long toNs) {
        GpuPool p = pools.get(pool);
        switch (p.provisioning().mode()) {
            case STATIC:
                return p.gpus().size() * (double) (toNs - fromNs) / NS_PER_HOUR;
            case DYNAMIC:
                return p.gpusPerNode() * nodeHours(pool, fromNs, toNs);
            default:
                return heldGpuHours(p, fromNs, toNs);
        }
    }

    /** Node-hours the pool had allocated (provisioning or ready) between two instants. */
    public double nodeHours(int pool, long fromNs, long toNs) {
        GpuPool p = pools.get(pool);
        if (p.provisioning().isStatic()) {
            return p.nodes().size() * (double) (toNs - fromNs) / NS_PER_HOUR;
        }
        long ns = 0;
        for (Node n : p.allNodes()) {
            ns += n.allocatedNs(fromNs, toNs);
        }
        return ns / NS_PER_HOUR;
    }

    /** Node-hours spent being provisioned (paid, not usable) between two instants. */
    public double provisioningNodeHours(int pool, long fromNs, long toNs) {
        GpuPool p = pools.get(pool);
        if (p.provisioning().isStatic()) {
            return 0;
        }
        long ns = 0;
        for (Node n : p.allNodes()) {
            ns += n.provisioningNs(fromNs, toNs);
        }
        return ns / NS_PER_HOUR;
    }

    /** GPU-hours held by workloads, each for its fraction of each GPU it held. */
    private static double heldGpuHours(GpuPool p, long fromNs, long toNs) {
        double ns = 0;
        for (Gpu g : p.allGpus()) {
            for (Allocation a : g.history()) {
                ns += a.fraction() * a.heldNs(fromNs, toNs);
            }
        }
        return ns / NS_PER_HOUR;
    }

    public double costUpTo(long nowNs) {
        double total = 0;
        for (int i = 0; i < pools.size(); i++) {
            total += poolCost(i, 0, nowNs);
        }
        return total;
    }

    /**
     * The fleet's cost per hour: a static pool's rate, plus each other pool's average rate over the
     * run up to {@code endNs} (its cost divided by the hours it ran).
     */
    public double perHour(long endNs) {
        double total = 0;
        for (int i = 0; i < pools.size(); i++) {
            GpuPool p = pools.get(i);
            if (p.provisioning().isStatic()) {
                total += p.gpus().size() * p.pricePerGpuHour();
            } else if (endNs > 0) {
                total += poolCost(i, 0, endNs) / (endNs / NS_PER_HOUR);
            }
        }
        return total;
    }
}
