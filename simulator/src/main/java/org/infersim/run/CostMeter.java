package org.infersim.run;

import java.util.List;
import org.infersim.cluster.GpuPool;

/** Prices the cluster: a static pool pays for every GPU, busy or idle, for as long as it exists. */
public final class CostMeter {
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
        return p.gpus().size() * p.pricePerGpuHour() * (toNs - fromNs) / 3.6e12;
    }

    public double costUpTo(long nowNs) {
        double total = 0;
        for (int i = 0; i < pools.size(); i++) {
            total += poolCost(i, 0, nowNs);
        }
        return total;
    }

    public double perHour() {
        double total = 0;
        for (GpuPool p : pools) {
            total += p.gpus().size() * p.pricePerGpuHour();
        }
        return total;
    }
}
