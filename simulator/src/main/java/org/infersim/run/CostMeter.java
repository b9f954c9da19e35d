package org.infersim.run;

import java.util.ArrayList;
import java.util.List;
import org.infersim.catalog.Catalog;
import org.infersim.scenario.Pool;

/** Prices the cluster: a static pool pays for every GPU, busy or idle, for as long as it exists. */
public final class CostMeter {
    private final List<Pool> pools;
    private final double[] pricePerGpuHour;

    public CostMeter(List<Pool> pools, Catalog catalog) {
        this.pools = new ArrayList<>(pools);
        this.pricePerGpuHour = new double[pools.size()];
        for (int i = 0; i < pools.size(); i++) {
            Pool p = pools.get(i);
            pricePerGpuHour[i] = p.pricePerGpuHour().orElseGet(() -> catalog.gpu(p.gpu()).orElseThrow().pricePerHour());
        }
    }

    public double pricePerGpuHour(int pool) {
        return pricePerGpuHour[pool];
    }

    /** Dollars the pool costs between two instants. */
    public double poolCost(int pool, long fromNs, long toNs) {
        return pools.get(pool).count() * pricePerGpuHour[pool] * (toNs - fromNs) / 3.6e12;
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
        for (int i = 0; i < pools.size(); i++) {
            total += pools.get(i).count() * pricePerGpuHour[i];
        }
        return total;
    }
}
