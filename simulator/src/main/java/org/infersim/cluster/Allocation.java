package org.infersim.cluster;

import java.util.List;

/** GPUs held by one workload from the moment it was placed until it lets them go. */
public final class Allocation {
    private final GpuWorkload workload;
    private final GpuPool pool;
    private final List<Gpu> gpus;
    private final double fraction;
    private final long placedAtNs;
    private long releasedAtNs = -1;

    Allocation(GpuWorkload workload, GpuPool pool, List<Gpu> gpus, double fraction, long placedAtNs) {
        this.workload = workload;
        this.pool = pool;
        this.gpus = List.copyOf(gpus);
        this.fraction = fraction;
        this.placedAtNs = placedAtNs;
    }

    public GpuWorkload workload() {
        return workload;
    }

    public GpuPool pool() {
        return pool;
    }

    public List<Gpu> gpus() {
        return gpus;
    }

    /** Share of each of its GPUs that it holds and is billed for: 1 for whole GPUs. */
    public double fraction() {
        return fraction;
    }

    public long placedAtNs() {
        return placedAtNs;
    }

    public boolean isReleased() {
        return releasedAtNs >= 0;
    }

    /** When it let its GPUs go, or -1 while it still holds them. */
    public long releasedAtNs() {
        return releasedAtNs;
    }

    /** Nanoseconds it held its GPUs between two instants. */
    public long heldNs(long fromNs, long toNs) {
        long end = releasedAtNs >= 0 ? Math.min(releasedAtNs, toNs) : toNs;
        return Math.max(0, end - Math.max(placedAtNs, fromNs));
    }

    /** GPU-hours billed up to an instant: its share of each GPU for as long as it held it. */
    public double gpuHours(long toNs) {
        return gpus.size() * fraction * heldNs(0, toNs) / 3.6e12;
    }

    void release(long nowNs) {
        if (releasedAtNs >= 0) {
            throw new IllegalStateException(workload.name() + " released its GPUs twice");
        }
        releasedAtNs = nowNs;
        for (Gpu g : gpus) {
            g.release(this);
        }
    }
}
