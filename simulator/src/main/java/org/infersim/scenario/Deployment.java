package org.infersim.scenario;

/**
 * One model served by a fixed number of identical replicas, each on a tensor-parallel group of
 * whole GPUs from one pool.
 */
public record Deployment(
        String name,
        String model,
        String pool,
        Precision precision,
        int tensorParallel,
        int replicas,
        EngineConfig engine,
        RouterPolicy router) {}
