package org.infersim.results;

/**
 * One workload's hold on one GPU.
 *
 * @param workload     the replica or job
 * @param kind         {@code inference}, {@code training} or {@code build}
 * @param sharing      {@code whole}, {@code time-slicing}, {@code mps} or {@code mig}
 * @param fraction     the share of the GPU it held and is billed for (1 for whole GPUs; a MIG
 *                     instance's memory eighths)
 * @param migProfile   its MIG profile, null for other ways of sharing
 * @param releasedAtS  when it let the GPU go, null if it held it to the end
 * @param busyFraction share of the measured window it had work running on this GPU
 * @param gpuHours     fraction × time held, over the whole run
 * @param cost         those GPU-hours at the pool's price
 */
public record GpuTenantSummary(
        String workload,
        String kind,
        String sharing,
        double fraction,
        String migProfile,
        double placedAtS,
        Double releasedAtS,
        double busyFraction,
        double gpuHours,
        double cost) {

    /** A builder, so that no call site is a row of bare numbers. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link GpuTenantSummary} field by field; a field not set is 0, false or null. */
    public static final class Builder {
        private String workload;
        private String kind;
        private String sharing;
        private double fraction;
        private String migProfile;
        private double placedAtS;
        private Double releasedAtS;
        private double busyFraction;
        private double gpuHours;
        private double cost;

        public Builder workload(String workload) {
            this.workload = workload;
            return this;
        }

        public Builder kind(String kind) {
            this.kind = kind;
            return this;
        }

        public Builder sharing(String sharing) {
            this.sharing = sharing;
            return this;
        }

        public Builder fraction(double fraction) {
            this.fraction = fraction;
            return this;
        }

        public Builder migProfile(String migProfile) {
            this.migProfile = migProfile;
            return this;
        }

        public Builder placedAtS(double placedAtS) {
            this.placedAtS = placedAtS;
            return this;
        }

        public Builder releasedAtS(Double releasedAtS) {
            this.releasedAtS = releasedAtS;
            return this;
        }

        public Builder busyFraction(double busyFraction) {
            this.busyFraction = busyFraction;
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

        public GpuTenantSummary build() {
            return new GpuTenantSummary(workload, kind, sharing, fraction, migProfile, placedAtS, releasedAtS,
                    busyFraction, gpuHours, cost);
        }
    }
}
