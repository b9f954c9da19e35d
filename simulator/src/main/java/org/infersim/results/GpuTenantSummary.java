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
        double cost) {}
