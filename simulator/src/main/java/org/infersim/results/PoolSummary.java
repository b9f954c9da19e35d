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
 * @param nodesAdded            nodes the node autoscaler requested during the run
 * @param nodesRemoved          nodes it removed
 * @param nodeHours             node-hours allocated over the whole run, provisioning included
 *                              (serverless: the hours its nodes existed, which are not billed)
 * @param provisioningNodeHours of those, node-hours spent being provisioned: paid, not usable
 * @param gpuHours              GPU-hours billed over the whole run
 * @param peakGpus              the most GPUs it had at once ({@code peakNodes} × GPUs per node)
 * @param energy                its GPUs' and nodes' energy over the window (any provisioning mode)
 * @param spotInterruptions     a spot pool's nodes the provider took back over the whole run; null
 *                              for the other pools (and for a spot pool whose rate is zero)
 * @param replicasLost          replicas on those nodes at their notice: each drained or was killed, and was replaced
 * @param jobsEvicted           jobs evicted by an interruption, back to their last checkpoint
 * @param requestsRetried       requests still on a replica at its interruption, sent back to its
 *                              deployment to be served again (prefill included)
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
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer peakGpus,
        @JsonInclude(JsonInclude.Include.NON_NULL) EnergySummary energy,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer spotInterruptions,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer replicasLost,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer jobsEvicted,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long requestsRetried) {

    /** A builder, so that no call site is a row of bare numbers. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link PoolSummary} field by field; a field not set is 0, false or null. */
    public static final class Builder {
        private String name;
        private String gpu;
        private int gpus;
        private int allocatedGpus;
        private double pricePerGpuHour;
        private double busyFraction;
        private double flopsFraction;
        private double bandwidthFraction;
        private long preemptions;
        private double cost;
        private String provisioning;
        private Integer nodes;
        private Integer nodesProvisioning;
        private Integer minNodes;
        private Integer maxNodes;
        private Integer peakNodes;
        private Integer nodesAdded;
        private Integer nodesRemoved;
        private Double nodeHours;
        private Double provisioningNodeHours;
        private Double gpuHours;
        private Integer peakGpus;
        private EnergySummary energy;
        private Integer spotInterruptions;
        private Integer replicasLost;
        private Integer jobsEvicted;
        private Long requestsRetried;

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder gpu(String gpu) {
            this.gpu = gpu;
            return this;
        }

        public Builder gpus(int gpus) {
            this.gpus = gpus;
            return this;
        }

        public Builder allocatedGpus(int allocatedGpus) {
            this.allocatedGpus = allocatedGpus;
            return this;
        }

        public Builder pricePerGpuHour(double pricePerGpuHour) {
            this.pricePerGpuHour = pricePerGpuHour;
            return this;
        }

        public Builder busyFraction(double busyFraction) {
            this.busyFraction = busyFraction;
            return this;
        }

        public Builder flopsFraction(double flopsFraction) {
            this.flopsFraction = flopsFraction;
            return this;
        }

        public Builder bandwidthFraction(double bandwidthFraction) {
            this.bandwidthFraction = bandwidthFraction;
            return this;
        }

        public Builder preemptions(long preemptions) {
            this.preemptions = preemptions;
            return this;
        }

        public Builder cost(double cost) {
            this.cost = cost;
            return this;
        }

        public Builder provisioning(String provisioning) {
            this.provisioning = provisioning;
            return this;
        }

        public Builder nodes(Integer nodes) {
            this.nodes = nodes;
            return this;
        }

        public Builder nodesProvisioning(Integer nodesProvisioning) {
            this.nodesProvisioning = nodesProvisioning;
            return this;
        }

        public Builder minNodes(Integer minNodes) {
            this.minNodes = minNodes;
            return this;
        }

        public Builder maxNodes(Integer maxNodes) {
            this.maxNodes = maxNodes;
            return this;
        }

        public Builder peakNodes(Integer peakNodes) {
            this.peakNodes = peakNodes;
            return this;
        }

        public Builder nodesAdded(Integer nodesAdded) {
            this.nodesAdded = nodesAdded;
            return this;
        }

        public Builder nodesRemoved(Integer nodesRemoved) {
            this.nodesRemoved = nodesRemoved;
            return this;
        }

        public Builder nodeHours(Double nodeHours) {
            this.nodeHours = nodeHours;
            return this;
        }

        public Builder provisioningNodeHours(Double provisioningNodeHours) {
            this.provisioningNodeHours = provisioningNodeHours;
            return this;
        }

        public Builder gpuHours(Double gpuHours) {
            this.gpuHours = gpuHours;
            return this;
        }

        public Builder energy(EnergySummary energy) {
            this.energy = energy;
            return this;
        }

        /** What a spot pool's interruptions took. */
        public Builder spot(int interruptions, int replicasLost, int jobsEvicted, long requestsRetried) {
            this.spotInterruptions = interruptions;
            this.replicasLost = replicasLost;
            this.jobsEvicted = jobsEvicted;
            this.requestsRetried = requestsRetried;
            return this;
        }

        public Builder peakGpus(Integer peakGpus) {
            this.peakGpus = peakGpus;
            return this;
        }

        public PoolSummary build() {
            return new PoolSummary(name, gpu, gpus, allocatedGpus, pricePerGpuHour, busyFraction, flopsFraction,
                    bandwidthFraction, preemptions, cost, provisioning, nodes, nodesProvisioning, minNodes, maxNodes,
                    peakNodes, nodesAdded, nodesRemoved, nodeHours, provisioningNodeHours, gpuHours, peakGpus, energy,
                    spotInterruptions, replicasLost, jobsEvicted, requestsRetried);
        }
    }
}
