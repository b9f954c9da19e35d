package org.infersim.model.cluster;

import org.infersim.catalog.GpuPower;
import org.infersim.catalog.GpuSpec;

/**
 * What one step costs a GPU type in energy beyond its idle draw. A GPU draws
 * {@code idle + (full − idle) × activity}, with
 *
 * <pre>
 * activity = min(1, (compute fraction) / mfu + memoryWeight × (bandwidth fraction) / mbu)
 * </pre>
 *
 * where the fractions are the step's FLOPs and bytes over its GPU time at the GPUs' peak rates
 * (the figures the summary reports as FLOP/s and bandwidth used). It is the energy roofline of
 * Choi, Vuduc et al. ("A roofline model of energy", IPDPS 2013: a constant energy per operation and
 * per byte on top of a constant power), scaled so that a step at the GPU's achievable compute rate
 * (the catalog's {@code mfu} of peak) draws the board limit, where large matrix products on H100
 * run power-limited, and a step at the achievable bandwidth ({@code mbu}) with no arithmetic
 * draws the catalog's {@code memoryBoundPower}; capped at the board limit, which the GPU enforces.
 * Being linear in FLOPs and bytes, a step's energy does not depend on how long a shared GPU took to
 * run it, so tenants of one GPU add their steps' energy to the one GPU's idle draw.
 */
public final class PowerModel {
    private final GpuPower power;
    private final double peakFlops;
    private final double bandwidth;
    private final double mfu;
    private final double mbu;

    public PowerModel(GpuSpec gpu) {
        this.power = gpu.power();
        this.peakFlops = gpu.peakFlops(false);
        this.bandwidth = gpu.memoryBandwidth();
        this.mfu = gpu.efficiency().mfu();
        this.mbu = gpu.efficiency().mbu();
    }

    public GpuPower power() {
        return power;
    }

    /** The activity (0 to 1) of a step of these FLOPs and bytes over {@code gpuNs} on {@code gpus} whole GPUs. */
    public double activity(double flops, double bytes, double gpuNs, int gpus) {
        if (gpuNs <= 0 || gpus <= 0) {
            return 0;
        }
        double seconds = gpuNs / 1e9 * gpus;
        double compute = flops / (seconds * peakFlops);
        double memory = bytes / (seconds * bandwidth);
        return Math.min(1, compute / mfu + power.memoryWeight() * memory / mbu);
    }

    /** Joules the step draws above the GPUs' idle power. */
    public double dynamicJoules(double flops, double bytes, double gpuNs, int gpus) {
        return (power.fullWatts() - power.idleWatts()) * activity(flops, bytes, gpuNs, gpus) * gpus * gpuNs / 1e9;
    }

    /** Watts a GPU draws at this activity. */
    public double watts(double activity) {
        return power.idleWatts() + (power.fullWatts() - power.idleWatts()) * activity;
    }
}
