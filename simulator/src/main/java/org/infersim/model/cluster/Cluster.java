package org.infersim.model.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulated cluster: its pools, the scheduler that places workloads on them, the node
 * autoscaler of the pools that grow and shrink, and the meter that prices them.
 *
 * @param pools          in the scenario's order (a pool's index is its place here)
 * @param nodeAutoscaler null when every pool is static
 */
public record Cluster(List<GpuPool> pools, Scheduler scheduler, NodeAutoscaler nodeAutoscaler, CostMeter cost) {

    public Cluster {
        pools = List.copyOf(pools);
    }

    /** The pools of these names, in their order (a workload's order of preference). */
    public List<GpuPool> poolsNamed(List<String> names) {
        List<GpuPool> out = new ArrayList<>();
        for (String name : names) {
            out.add(pools.stream().filter(p -> p.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("unknown pool " + name)));
        }
        return out;
    }
}
