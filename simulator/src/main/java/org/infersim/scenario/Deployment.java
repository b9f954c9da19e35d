package org.infersim.scenario;

import java.util.List;

/**
 * One model served by a fixed number of identical replicas, each on a tensor-parallel group of
 * whole GPUs of one node, or on a share of one GPU.
 *
 * @param pools    the pools its replicas may run on, in order of preference (at least one)
 * @param gpuShare the part of one GPU each replica asks for; null for whole GPUs
 * @param priority scheduling priority of its replicas (Run:ai: inference 125)
 * @param startAtNs when its replicas ask for GPUs; requests that arrive before one is ready wait
 */
public record Deployment(
        String name,
        String model,
        List<String> pools,
        Precision precision,
        int tensorParallel,
        int replicas,
        EngineConfig engine,
        RouterPolicy router,
        GpuShare gpuShare,
        int priority,
        long startAtNs) {

    public Deployment {
        pools = List.copyOf(pools);
    }
}
