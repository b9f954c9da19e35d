package org.infersim.scenario;

import java.util.List;

/**
 * One model served by a fixed number of identical replicas, each on a tensor-parallel group of
 * whole GPUs of one node.
 *
 * @param pools the pools its replicas may run on, in order of preference (at least one)
 */
public record Deployment(
        String name,
        String model,
        List<String> pools,
        Precision precision,
        int tensorParallel,
        int replicas,
        EngineConfig engine,
        RouterPolicy router) {

    public Deployment {
        pools = List.copyOf(pools);
    }
}
