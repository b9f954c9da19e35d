package org.infersim.scenario;

import java.util.List;
import org.infersim.plugin.PolicyChoice;

/**
 * One model served by identical replicas (a fixed number, or as many as its autoscaler asks for), each on a tensor-parallel group of
 * whole GPUs of one node, or on a share of one GPU.
 *
 * @param pools    the pools its replicas may run on, in order of preference (at least one)
 * @param router   how requests are spread over its ready replicas (default {@link #DEFAULT_ROUTER})
 * @param gpuShare the part of one GPU each replica asks for; null for whole GPUs
 * @param priority scheduling priority of its replicas (Run:ai: inference 125)
 * @param startAtNs when its replicas ask for GPUs; requests that arrive before one is ready wait
 * @param autoscaler null for a fixed number of replicas
 * @param coldStart how a replica started during the run gets ready (the initial replicas are warm)
 * @param drainTimeoutNs how long a replica being removed may finish its requests before the rest are requeued
 * @param stepTime how long an iteration of its engine takes (default {@link #DEFAULT_STEP_TIME})
 */
public record Deployment(
        String name,
        String model,
        List<String> pools,
        Precision precision,
        int tensorParallel,
        int replicas,
        EngineConfig engine,
        PolicyChoice router,
        GpuShare gpuShare,
        int priority,
        long startAtNs,
        AutoscalerConfig autoscaler,
        ColdStartConfig coldStart,
        long drainTimeoutNs,
        PolicyChoice stepTime) {

    /** One replica on one GPU unless the deployment says otherwise (or its autoscaler asks for more). */
    public static final int DEFAULT_REPLICAS = 1;
    public static final int DEFAULT_TENSOR_PARALLEL = 1;

    /** Kubernetes' default termination grace period. */
    public static final long DEFAULT_DRAIN_TIMEOUT_NS = 30_000_000_000L;
    /** To the replica with the fewest requests routed and not completed. */
    public static final PolicyChoice DEFAULT_ROUTER = PolicyChoice.of("least-outstanding");
    /** The roofline of compute and memory traffic. */
    public static final PolicyChoice DEFAULT_STEP_TIME = PolicyChoice.of("roofline");

    public Deployment {
        pools = List.copyOf(pools);
    }

    /** A deployment with a fixed number of replicas, the default cold start and the default step-time model. */
    public Deployment(String name, String model, List<String> pools, Precision precision, int tensorParallel,
                      int replicas, EngineConfig engine, PolicyChoice router, GpuShare gpuShare, int priority,
                      long startAtNs) {
        this(name, model, pools, precision, tensorParallel, replicas, engine, router, gpuShare, priority, startAtNs,
                null, ColdStartConfig.DEFAULTS, DEFAULT_DRAIN_TIMEOUT_NS, DEFAULT_STEP_TIME);
    }
}
