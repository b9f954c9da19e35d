package org.infersim.model.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The simulated cluster: its pools, the scheduler that places workloads on them, the node
 * autoscaler of the pools that grow and shrink, the provider taking spot nodes back, and the
 * meter that prices them.
 *
 * @param pools          in the scenario's order (a pool's index is its place here)
 * @param nodeAutoscaler null when every pool is static
 * @param spot           by pool index: the interruptions of a spot pool, null for the others
 */
public record Cluster(List<GpuPool> pools, Scheduler scheduler, NodeAutoscaler nodeAutoscaler, CostMeter cost,
                      List<SpotInterruptions> spot) {

    public Cluster {
        pools = List.copyOf(pools);
        spot = Collections.unmodifiableList(new ArrayList<>(spot));
    }

    /** The interruptions of this pool; null unless it is a spot pool whose nodes are taken back. */
    public SpotInterruptions interruptions(GpuPool pool) {
        return spot.get(pool.index());
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
