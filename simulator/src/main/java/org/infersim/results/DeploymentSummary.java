package org.infersim.results;

/**
 * One deployment's replicas and what its GPUs cost. {@code gpuHours} and {@code cost} cover the
 * whole run and bill each replica for the GPUs it held while it held them.
 *
 * @param priority the scheduling priority of its replicas (Run:ai inference: 125)
 * @param replicas requested replicas
 * @param ready    replicas placed and serving at the end
 * @param pending  replicas still waiting for GPUs at the end
 */
public record DeploymentSummary(
        String name,
        int priority,
        int replicas,
        int ready,
        int pending,
        double gpuHours,
        double cost) {}
