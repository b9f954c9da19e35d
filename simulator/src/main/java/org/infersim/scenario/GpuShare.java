package org.infersim.scenario;

/**
 * A replica that asks for part of one GPU instead of whole GPUs. Three ways of sharing a GPU:
 * <ul>
 *   <li>{@link TimeSlicing} (Run:ai fractions): its memory share is partitioned and enforced;
 *       compute is shared evenly among the tenants busy at the moment, whatever their fraction;</li>
 *   <li>{@link Mps}: its memory share, a configured share of the SMs, kernels running concurrently
 *       with its neighbours' and slowed by their load;</li>
 *   <li>{@link Mig}: a hardware partition (a MIG profile of the GPU's catalog entry), with its own
 *       SMs, memory and memory bandwidth, and no interference.</li>
 * </ul>
 */
public sealed interface GpuShare {

    /** @param fraction share of the GPU's memory it may use, in (0, 1] */
    record TimeSlicing(double fraction) implements GpuShare {}

    /**
     * @param fraction share of the GPU's memory it may use (CUDA_MPS_PINNED_DEVICE_MEM_LIMIT), in (0, 1]
     * @param compute  share of the SMs its kernels may use (CUDA_MPS_ACTIVE_THREAD_PERCENTAGE), in (0, 1]
     */
    record Mps(double fraction, double compute) implements GpuShare {}

    /** @param profile the name of a MIG profile of the GPU, such as {@code 1g.20gb} */
    record Mig(String profile) implements GpuShare {}
}
