package org.infersim.model.cluster;

import java.util.List;
import org.infersim.catalog.MigProfile;

/** GPUs held by one workload from the moment it was placed until it lets them go. */
public final class Allocation {
    private final GpuWorkload workload;
    private final GpuPool pool;
    private final List<Gpu> gpus;
    private final Demand demand;
    private final int migStart;
    private final long placedAtNs;
    private SharedGpu.Tenant tenant;
    private long releasedAtNs = -1;
    private long requestedAtNs;
    private long provisioningWaitNs;

    /** @param migStart the first memory slice of its MIG instance; -1 for other demands */
    Allocation(GpuWorkload workload, GpuPool pool, List<Gpu> gpus, Demand demand, int migStart, long placedAtNs) {
        this.workload = workload;
        this.pool = pool;
        this.gpus = List.copyOf(gpus);
        this.demand = demand;
        this.migStart = migStart;
        this.placedAtNs = placedAtNs;
        this.requestedAtNs = placedAtNs;
    }

    /** Set by the scheduler before it hands the allocation over: how the workload's wait for it went. */
    void waited(long requestedAtNs, long provisioningWaitNs) {
        this.requestedAtNs = requestedAtNs;
        this.provisioningWaitNs = provisioningWaitNs;
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

    public Demand demand() {
        return demand;
    }

    /** Share of each of its GPUs that it holds and is billed for: 1 for whole GPUs. */
    public double fraction() {
        return demand.billedFraction();
    }

    /** The MIG profile of its instance; null unless it holds a MIG instance. */
    public MigProfile migProfile() {
        return demand instanceof Demand.MigSlice m ? m.profile() : null;
    }

    int migStart() {
        return migStart;
    }

    /**
     * Memory it may address on each of its GPUs: all of it, its fraction, or its MIG instance's
     * (never more than the instance's eighths of the GPU, where a catalog rounds profile sizes up).
     */
    public double memoryBytesPerGpu() {
        double gpuMemory = pool.spec().memoryBytes();
        if (demand instanceof Demand.Fraction f) {
            return f.fraction() * gpuMemory;
        }
        if (demand instanceof Demand.MigSlice m) {
            return Math.min(m.profile().memoryBytes(), gpuMemory * m.billedFraction());
        }
        return gpuMemory;
    }

    /** Time-slicing or MPS: its place on the shared GPU, where its iterations run; null otherwise. */
    public SharedGpu.Tenant tenant() {
        return tenant;
    }

    void joinShared() {
        tenant = gpus.get(0).shared().join(workload.name(),
                demand instanceof Demand.Fraction f ? f.computeShare() : 1.0);
    }

    public long placedAtNs() {
        return placedAtNs;
    }

    /** When the workload asked the scheduler for these GPUs (its latest submission, for a job that resumed). */
    public long requestedAtNs() {
        return requestedAtNs;
    }

    /** Nanoseconds from the request to the placement: {@link #provisioningWaitNs()} plus any other waiting. */
    public long waitedNs() {
        return placedAtNs - requestedAtNs;
    }

    /**
     * Nanoseconds of {@link #waitedNs()} spent waiting for a node that the node autoscaler
     * was provisioning for it ("provisioning a node" in a cold start); 0 when it never had to wait
     * for a new node. The rest of the wait was for GPUs to be freed (by other work, or a preemption).
     */
    public long provisioningWaitNs() {
        return provisioningWaitNs;
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
        return gpus.size() * fraction() * heldNs(0, toNs) / 3.6e12;
    }

    void release(long nowNs) {
        if (releasedAtNs >= 0) {
            throw new IllegalStateException(workload.name() + " released its GPUs twice");
        }
        releasedAtNs = nowNs;
        for (Gpu g : gpus) {
            g.release(this);
        }
        pool.released(gpus, nowNs);
    }
}
