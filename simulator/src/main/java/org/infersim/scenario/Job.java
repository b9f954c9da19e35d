package org.infersim.scenario;

import java.util.List;

/**
 * A non-inference workload that holds whole GPUs until it has done its work: a training run or
 * a build job. Preempted, it stops after its grace period, loses the work since its last
 * checkpoint and waits for GPUs again; it pays its restart cost each time it resumes.
 *
 * @param type               training or build
 * @param pools              the pools it may run on, in order of preference
 * @param gpus               GPUs it holds: up to one node's worth on one node, or whole nodes
 * @param workNs             how long it runs when nothing interrupts it
 * @param priority           scheduling priority (Run:ai: train 50, build 100)
 * @param preemptible        whether higher-priority work may evict it
 * @param checkpointIntervalNs progress between checkpoints; 0 = it never checkpoints (a preemption loses everything)
 * @param restartCostNs      time after a resume before it makes progress again (reload, warm up)
 * @param gracePeriodNs      time between the preemption notice and the eviction
 * @param submitAtNs         when it asks for GPUs
 * @param count              identical copies of it
 */
public record Job(
        String name,
        JobType type,
        List<String> pools,
        int gpus,
        long workNs,
        int priority,
        boolean preemptible,
        long checkpointIntervalNs,
        long restartCostNs,
        long gracePeriodNs,
        long submitAtNs,
        int count) {

    /** No checkpoints: a preemption loses all the work done. */
    public static final long DEFAULT_CHECKPOINT_INTERVAL_NS = 0;
    public static final long DEFAULT_RESTART_COST_NS = 0;
    public static final int DEFAULT_COUNT = 1;

    /** Kubernetes' default termination grace period: a pod's terminationGracePeriodSeconds, 30 s unless set. */
    public static final long DEFAULT_GRACE_PERIOD_NS = 30_000_000_000L;

    public Job {
        pools = List.copyOf(pools);
    }
}
