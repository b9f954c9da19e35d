package org.infersim.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * One row per GPU pool every metrics interval, at the instant of the sample: how many nodes it
 * had ready and being provisioned, its GPUs, the share of them workloads held, and what it had
 * cost so far. A static pool's rows are flat; a dynamic pool's show the cluster autoscaler at work.
 */
public final class PoolSeries {
    /**
     * One pool at one sample.
     *
     * @param gpus     GPUs of its ready nodes
     * @param gpusHeld Σ over those GPUs of the share workloads hold (a quarter for a quarter share)
     * @param powerKw  its mean power over the interval that just ended: GPUs and their nodes (not the facility's PUE)
     */
    public record Row(double timeS, String pool, String provisioning, int nodes, int nodesProvisioning, int gpus,
                      double gpusHeld, double costSoFarUsd, double powerKw) {}

    private final List<Row> rows = new ArrayList<>();

    /** Adds a sample; the arguments are {@link Row}'s. */
    public void add(double timeS, String pool, String provisioning, int nodes, int nodesProvisioning, int gpus,
                    double gpusHeld, double costSoFar, double powerKw) {
        rows.add(new Row(timeS, pool, provisioning, nodes, nodesProvisioning, gpus, gpusHeld, costSoFar, powerKw));
    }

    public List<Row> rows() {
        return rows;
    }
}
