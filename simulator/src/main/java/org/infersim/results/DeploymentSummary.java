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
 * @param scaleUps times its replica autoscaler added replicas; {@code scaleDowns} times it removed some
 * @param coldStarts replicas started during the run that reached their GPUs (each paid a cold start)
 * @param coldStartPhases null when there was no cold start
 * @param waitedForReplica requests that arrived when no replica was ready and waited for one
 * @param meanWaitForReplicaS their mean wait, null when none waited; {@code maxWaitForReplicaS} the longest
 * @param requeued requests handed back by replicas whose drain timed out, to be served again
 * @param cancelledWhilePending replicas its autoscaler asked for, then withdrew before they got GPUs
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
        long requeued,
        int cancelledWhilePending) {

    /** A builder, so that no call site is a row of bare numbers. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link DeploymentSummary} field by field; a field not set is 0, false or null. */
    public static final class Builder {
        private String name;
        private int priority;
        private int replicas;
        private int ready;
        private int pending;
        private double gpuHours;
        private double cost;
        private int starting;
        private int draining;
        private int peakReplicas;
        private int scaleUps;
        private int scaleDowns;
        private int coldStarts;
        private ColdStartPhases coldStartPhases;
        private long waitedForReplica;
        private Double meanWaitForReplicaS;
        private Double maxWaitForReplicaS;
        private long requeued;
        private int cancelledWhilePending;

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        public Builder replicas(int replicas) {
            this.replicas = replicas;
            return this;
        }

        public Builder ready(int ready) {
            this.ready = ready;
            return this;
        }

        public Builder pending(int pending) {
            this.pending = pending;
            return this;
        }

        public Builder gpuHours(double gpuHours) {
            this.gpuHours = gpuHours;
            return this;
        }

        public Builder cost(double cost) {
            this.cost = cost;
            return this;
        }

        public Builder starting(int starting) {
            this.starting = starting;
            return this;
        }

        public Builder draining(int draining) {
            this.draining = draining;
            return this;
        }

        public Builder peakReplicas(int peakReplicas) {
            this.peakReplicas = peakReplicas;
            return this;
        }

        public Builder scaleUps(int scaleUps) {
            this.scaleUps = scaleUps;
            return this;
        }

        public Builder scaleDowns(int scaleDowns) {
            this.scaleDowns = scaleDowns;
            return this;
        }

        public Builder coldStarts(int coldStarts) {
            this.coldStarts = coldStarts;
            return this;
        }

        public Builder coldStartPhases(ColdStartPhases coldStartPhases) {
            this.coldStartPhases = coldStartPhases;
            return this;
        }

        public Builder waitedForReplica(long waitedForReplica) {
            this.waitedForReplica = waitedForReplica;
            return this;
        }

        public Builder meanWaitForReplicaS(Double meanWaitForReplicaS) {
            this.meanWaitForReplicaS = meanWaitForReplicaS;
            return this;
        }

        public Builder maxWaitForReplicaS(Double maxWaitForReplicaS) {
            this.maxWaitForReplicaS = maxWaitForReplicaS;
            return this;
        }

        public Builder requeued(long requeued) {
            this.requeued = requeued;
            return this;
        }

        public Builder cancelledWhilePending(int cancelledWhilePending) {
            this.cancelledWhilePending = cancelledWhilePending;
            return this;
        }

        public DeploymentSummary build() {
            return new DeploymentSummary(name, priority, replicas, ready, pending, gpuHours, cost, starting,
                    draining, peakReplicas, scaleUps, scaleDowns, coldStarts, coldStartPhases, waitedForReplica,
                    meanWaitForReplicaS, maxWaitForReplicaS, requeued, cancelledWhilePending);
        }
    }
}
