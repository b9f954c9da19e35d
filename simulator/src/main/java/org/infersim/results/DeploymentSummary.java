package org.infersim.results;

/**
 * One deployment's replicas and what its GPUs cost. {@code gpuHours} and {@code cost} cover the
 * whole run and bill each replica for the GPUs it held while it held them.
 *
 * @param priority the scheduling priority of its replicas (Run:ai inference: 125)
 * @param replicas requested replicas
 * @param ready    replicas placed and serving at the end
 * @param pending  replicas still waiting for GPUs at the end
 * @param starting replicas placed and cold-starting at the end
 * @param draining replicas finishing their requests before leaving, at the end
 * @param peakReplicas the most replicas asked for at once
 * @param scaleUps times its autoscaler added replicas; {@code scaleDowns} times it removed some
 * @param coldStarts replicas started during the run that reached their GPUs (each paid a cold start)
 * @param coldStartPhases null when there was no cold start
 * @param waitedForReplica requests that arrived when no replica was ready and waited for one
 * @param meanWaitForReplicaS their mean wait, null when none waited; {@code maxWaitForReplicaS} the longest
 * @param requeued requests handed back by replicas whose drain timed out, to be served again
 */
public record DeploymentSummary(
        String name,
        int priority,
        int replicas,
        int ready,
        int pending,
        double gpuHours,
        double cost,
        int starting,
        int draining,
        int peakReplicas,
        int scaleUps,
        int scaleDowns,
        int coldStarts,
        ColdStartPhases coldStartPhases,
        long waitedForReplica,
        Double meanWaitForReplicaS,
        Double maxWaitForReplicaS,
        long requeued) {}
