package org.infersim.results;

import java.util.List;

/**
 * One replica's work over the measured window: fractions of wall time busy, of peak dense
 * FLOP/s and of peak HBM bandwidth over all its GPUs, and its KV-cache occupancy.
 *
 * @param pool      the pool it was placed on; null while it waits for GPUs
 * @param gpu       the GPU type it runs on; null while it waits
 * @param state     its state at the end: {@code pending} (still waiting for GPUs), {@code cancelled}
 *                  (withdrawn while pending), {@code starting}, {@code ready}, {@code draining} or {@code stopped}
 * @param placedAtS when the scheduler placed it, in seconds from the start; null if it never was
 * @param gpuIds    the GPUs it holds ({@code pool/node/gpu}), empty while it waits
 * @param sharing   {@code whole}, {@code time-slicing}, {@code mps} or {@code mig}
 * @param gpuFraction share of each GPU it holds and is billed for (1 for whole GPUs)
 * @param migProfile its MIG profile; null for other ways of sharing
 * @param waitedS   how long it waited for GPUs, from its deployment's start to its placement (or
 *                  to the end of the run while pending, or to its withdrawal if its autoscaler
 *                  cancelled it): a preemption's grace period shows here
 * @param prefixCacheHitRate prompt tokens found in its prefix cache over prompt tokens, for the
 *                  requests that started here in the window (null when none did)
 * @param prefillTokensSaved tokens it did not prefill because they were cached, recomputations
 *                  after preemption included
 * @param cachedBlocksEvicted cached blocks whose memory it took for other sequences
 *
 * <p>The FLOP/s and bandwidth fractions are of its GPUs' whole peak, also for a share of one.
 */
public record ReplicaSummary(
        String name,
        String deployment,
        String pool,
        String gpu,
        int gpus,
        double busyFraction,
        double flopsFraction,
        double bandwidthFraction,
        double kvMeanOccupancy,
        double kvPeakOccupancy,
        long kvBlocks,
        long kvTokens,
        long iterations,
        long preemptions,
        String state,
        Double placedAtS,
        List<String> gpuIds,
        String sharing,
        double gpuFraction,
        String migProfile,
        double waitedS,
        Double prefixCacheHitRate,
        long prefillTokensSaved,
        long cachedBlocksEvicted) {

    public ReplicaSummary {
        gpuIds = gpuIds == null ? List.of() : List.copyOf(gpuIds);
    }

    /** A builder, so that no call site is a row of bare numbers. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ReplicaSummary} field by field; a field not set is 0, false or null. */
    public static final class Builder {
        private String name;
        private String deployment;
        private String pool;
        private String gpu;
        private int gpus;
        private double busyFraction;
        private double flopsFraction;
        private double bandwidthFraction;
        private double kvMeanOccupancy;
        private double kvPeakOccupancy;
        private long kvBlocks;
        private long kvTokens;
        private long iterations;
        private long preemptions;
        private String state;
        private Double placedAtS;
        private List<String> gpuIds;
        private String sharing;
        private double gpuFraction;
        private String migProfile;
        private double waitedS;
        private Double prefixCacheHitRate;
        private long prefillTokensSaved;
        private long cachedBlocksEvicted;

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder deployment(String deployment) {
            this.deployment = deployment;
            return this;
        }

        public Builder pool(String pool) {
            this.pool = pool;
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

        public Builder kvMeanOccupancy(double kvMeanOccupancy) {
            this.kvMeanOccupancy = kvMeanOccupancy;
            return this;
        }

        public Builder kvPeakOccupancy(double kvPeakOccupancy) {
            this.kvPeakOccupancy = kvPeakOccupancy;
            return this;
        }

        public Builder kvBlocks(long kvBlocks) {
            this.kvBlocks = kvBlocks;
            return this;
        }

        public Builder kvTokens(long kvTokens) {
            this.kvTokens = kvTokens;
            return this;
        }

        public Builder iterations(long iterations) {
            this.iterations = iterations;
            return this;
        }

        public Builder preemptions(long preemptions) {
            this.preemptions = preemptions;
            return this;
        }

        public Builder state(String state) {
            this.state = state;
            return this;
        }

        public Builder placedAtS(Double placedAtS) {
            this.placedAtS = placedAtS;
            return this;
        }

        public Builder gpuIds(List<String> gpuIds) {
            this.gpuIds = gpuIds;
            return this;
        }

        public Builder sharing(String sharing) {
            this.sharing = sharing;
            return this;
        }

        public Builder gpuFraction(double gpuFraction) {
            this.gpuFraction = gpuFraction;
            return this;
        }

        public Builder migProfile(String migProfile) {
            this.migProfile = migProfile;
            return this;
        }

        public Builder waitedS(double waitedS) {
            this.waitedS = waitedS;
            return this;
        }

        public Builder prefixCacheHitRate(Double prefixCacheHitRate) {
            this.prefixCacheHitRate = prefixCacheHitRate;
            return this;
        }

        public Builder prefillTokensSaved(long prefillTokensSaved) {
            this.prefillTokensSaved = prefillTokensSaved;
            return this;
        }

        public Builder cachedBlocksEvicted(long cachedBlocksEvicted) {
            this.cachedBlocksEvicted = cachedBlocksEvicted;
            return this;
        }

        public ReplicaSummary build() {
            return new ReplicaSummary(name, deployment, pool, gpu, gpus, busyFraction, flopsFraction,
                    bandwidthFraction, kvMeanOccupancy, kvPeakOccupancy, kvBlocks, kvTokens, iterations, preemptions,
                    state, placedAtS, gpuIds, sharing, gpuFraction, migProfile, waitedS, prefixCacheHitRate, prefillTokensSaved,
                    cachedBlocksEvicted);
        }
    }
}
