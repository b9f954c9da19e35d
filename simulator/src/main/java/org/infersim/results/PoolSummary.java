package org.infersim.results;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One GPU pool over the measured window. Fractions are over the GPU time the pool paid for in the
 * window (every GPU of a static pool, allocated or not; a dynamic pool's nodes while they were
 * allocated, provisioning included; the GPU time a serverless pool's workloads held), because the
 * planner pays for all of it; {@code cost} covers the whole run. {@code gpus} and
 * {@code allocatedGpus} are at the end of the run.
 *
 * <p>The fields after {@code cost} describe how a dynamic or serverless pool was provisioned; they
 * are absent (null) for a static pool, whose summary reads as it always has.
 *
 * @param provisioning          {@code dynamic} or {@code serverless}
 * @param nodes                 ready nodes at the end
 * @param nodesProvisioning     nodes still being provisioned at the end
 * @param minNodes              the pool's minimum (dynamic)
 * @param maxNodes              the pool's maximum; null for a serverless pool without one
 * @param peakNodes             the most nodes it had at once, ready or provisioning
 * @param nodesAdded            nodes the cluster autoscaler requested during the run
 * @param nodesRemoved          nodes it removed
 * @param nodeHours             node-hours allocated over the whole run, provisioning included
 *                              (serverless: the hours its nodes existed, which are not billed)
 * @param provisioningNodeHours of those, node-hours spent being provisioned: paid, not usable
 * @param gpuHours              GPU-hours billed over the whole run
 * @param peakGpus              the most GPUs it had at once ({@code peakNodes} × GPUs per node)
 */
public record PoolSummary(
        String name,
        String gpu,
        int gpus,
        int allocatedGpus,
        double pricePerGpuHour,
        double busyFraction,
        double flopsFraction,
        double bandwidthFraction,
        long preemptions,
        double cost,
        @JsonInclude(JsonInclude.Include.NON_NULL) String provisioning,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer nodes,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer nodesProvisioning,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer minNodes,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxNodes,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer peakNodes,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer nodesAdded,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer nodesRemoved,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double nodeHours,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double provisioningNodeHours,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double gpuHours,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer peakGpus) {

    /** A static pool's summary. */
    public PoolSummary(String name, String gpu, int gpus, int allocatedGpus, double pricePerGpuHour,
                       double busyFraction, double flopsFraction, double bandwidthFraction, long preemptions,
                       double cost) {
        this(name, gpu, gpus, allocatedGpus, pricePerGpuHour, busyFraction, flopsFraction, bandwidthFraction,
                preemptions, cost, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
