package org.infersim.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * One row per GPU pool every metrics interval, at the instant of the sample: how many nodes it
 * had ready and being provisioned, its GPUs, the share of them workloads held, and what it had
 * cost so far. A static pool's rows are flat; a dynamic pool's show the cluster autoscaler at work.
 */
public final class PoolSeries {
    public static final List<String> COLUMNS = List.of(
            "time_s", "pool", "provisioning", "nodes", "nodes_provisioning", "gpus", "gpus_held", "cost_so_far_usd");

    /** One sampled row; {@code values} align with {@link #COLUMNS} after time, pool and provisioning. */
    public record Row(double timeS, String pool, String provisioning, double[] values) {}

    private final List<Row> rows = new ArrayList<>();

    /**
     * @param gpus     GPUs of its ready nodes
     * @param gpusHeld Σ over those GPUs of the share workloads hold (a quarter for a quarter share)
     */
    public void add(double timeS, String pool, String provisioning, int nodes, int nodesProvisioning, int gpus,
                    double gpusHeld, double costSoFar) {
        rows.add(new Row(timeS, pool, provisioning, new double[] {nodes, nodesProvisioning, gpus, gpusHeld, costSoFar}));
    }

    public List<Row> rows() {
        return rows;
    }
}
