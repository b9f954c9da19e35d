package org.infersim.model.cluster;

import java.util.ArrayList;
import java.util.List;
import org.infersim.catalog.MigProfile;

/**
 * One GPU of a pool: who holds it now, how it is shared, and everyone who ever held it (for the
 * results). A GPU is used in one way at a time: whole, time-sliced, under MPS or split by MIG;
 * it takes another way only once its last holder has let it go.
 */
public final class Gpu {
    /** MIG divides memory in eighths and SMs in sevenths on every current NVIDIA part (catalog: gpu-models/README.md). */
    public static final int MIG_MEMORY_SLICES = MigProfile.MEMORY_SLICES;
    public static final int MIG_COMPUTE_SLICES = MigProfile.COMPUTE_SLICES;
    private static final double EPSILON = 1e-9;

    private final GpuPool pool;
    private final Node node;
    private final int index;
    private final List<Allocation> holders = new ArrayList<>(2);
    private final List<Allocation> history = new ArrayList<>(2);
    private SharingMode mode;
    /** Σ billed fractions of the holders (memory shares, or MIG memory eighths). */
    private double held;
    /** MIG: bit i set when memory slice i belongs to an instance. */
    private int migMemory;
    private int migCompute;
    private SharedGpu shared;
    private final List<SharedGpu> retired = new ArrayList<>(0);
    /** The waiting workload this GPU is reserved for while a preemption frees it; null when none. */
    private GpuWorkload claimedBy;

    Gpu(GpuPool pool, Node node, int index) {
        this.pool = pool;
        this.node = node;
        this.index = index;
    }

    public GpuPool pool() {
        return pool;
    }

    public Node node() {
        return node;
    }

    /** Index in the pool, node-major. */
    public int index() {
        return index;
    }

    /** {@code pool/node/gpu}, such as {@code h100/n1/g3}: GPU 3 of the pool's second node. */
    public String id() {
        return pool.name() + "/n" + node.index() + "/g" + (index - node.index() * pool.gpusPerNode());
    }

    public boolean isFree() {
        return holders.isEmpty();
    }

    /** Whether no other waiting workload has reserved it. */
    boolean isAvailableTo(GpuWorkload w) {
        return claimedBy == null || claimedBy == w;
    }

    void claim(GpuWorkload w) {
        claimedBy = w;
    }

    /** Its node is gone: no waiting workload can count on it any more. */
    void unclaimAll() {
        claimedBy = null;
    }

    void unclaim(GpuWorkload w) {
        if (claimedBy == w) {
            claimedBy = null;
        }
    }

    /** How it is used now; null while free. */
    public SharingMode mode() {
        return mode;
    }

    /** Share of the GPU its holders are billed for, between 0 and 1. */
    public double heldFraction() {
        return mode == SharingMode.WHOLE ? 1 : held;
    }

    /** Allocations holding this GPU now. */
    public List<Allocation> holders() {
        return List.copyOf(holders);
    }

    /** Every allocation that ever held this GPU, in the order they were placed. */
    public List<Allocation> history() {
        return List.copyOf(history);
    }

    /** Time-slicing or MPS: the processor its tenants share; null otherwise. */
    public SharedGpu shared() {
        return shared;
    }

    /** Time at least one tenant was busy under time-slicing or MPS, after the warm-up (0 for other uses). */
    public long sharedBusyNs() {
        long total = shared == null ? 0 : shared.busyNs();
        for (SharedGpu s : retired) {
            total += s.busyNs();
        }
        return total;
    }

    /** Whether a share of this GPU by time-slicing or MPS fits now; the room it would leave, or -1. */
    double roomAfter(Demand.Fraction f) {
        if (mode != null && mode != f.sharing()) {
            return -1;
        }
        double room = 1 - held - f.fraction();
        return room >= -EPSILON ? Math.max(0, room) : -1;
    }

    /**
     * The first memory slice where a MIG instance of this profile can start now, or -1. The
     * instance positions are those of {@code nvidia-smi mig -lgipp} on the 80 GB A100 and H100
     * (MIG user guide): a profile of m memory slices starts at a multiple of m, at the first of
     * those positions up to its instance limit (1g.10gb at 0-6, 1g.20gb at 0/2/4/6, 2g.20gb at
     * 0/2/4, 3g.40gb at 0/4, 4g.40gb and 7g.80gb at 0), and no two instances share a slice or
     * more than the seven compute slices. This is what makes only valid combinations possible:
     * 4g.40gb + 3g.40gb fits, 4g.40gb + 4g.40gb does not.
     */
    int migStart(MigProfile p) {
        if (mode != null && mode != SharingMode.MIG) {
            return -1;
        }
        if (migCompute + p.computeSlices() > MIG_COMPUTE_SLICES) {
            return -1;
        }
        int m = p.memorySlices();
        int mask = (1 << m) - 1;
        for (int i = 0, start = 0; i < p.maxInstances() && start + m <= MIG_MEMORY_SLICES; i++, start += m) {
            if ((migMemory & (mask << start)) == 0) {
                return start;
            }
        }
        return -1;
    }

    /** Free memory slices a MIG instance of this profile would leave, or -1 when it does not fit. */
    int migRoomAfter(MigProfile p) {
        if (migStart(p) < 0) {
            return -1;
        }
        return MIG_MEMORY_SLICES - Integer.bitCount(migMemory) - p.memorySlices();
    }

    void hold(Allocation a) {
        SharingMode m = a.demand().sharing();
        // Placement only hands out what fits; these guard the invariants should it ever not.
        if (mode != null && mode != m || mode == SharingMode.WHOLE) {
            throw new IllegalStateException(id() + " is used as " + mode + ", cannot also hold " + m);
        }
        if (held + a.demand().billedFraction() > 1 + EPSILON) {
            throw new IllegalStateException(id() + " would be held beyond its whole: " + held + " + "
                    + a.demand().billedFraction());
        }
        int slices = m == SharingMode.MIG ? ((1 << a.migProfile().memorySlices()) - 1) << a.migStart() : 0;
        if ((migMemory & slices) != 0 || migCompute + (m == SharingMode.MIG ? a.migProfile().computeSlices() : 0)
                > MIG_COMPUTE_SLICES) {
            throw new IllegalStateException(id() + ": MIG instance " + a.migProfile().name() + " overlaps another");
        }
        if (mode == null && (m == SharingMode.TIME_SLICING || m == SharingMode.MPS)) {
            if (shared != null) {
                retired.add(shared);
            }
            shared = new SharedGpu(pool.simulation(), m, pool.sharing().contextSwitchNs(),
                    pool.sharing().mpsInterference(), pool.measuredFromNs());
        }
        mode = m;
        if (m == SharingMode.MIG) {
            migMemory |= slices;
            migCompute += a.migProfile().computeSlices();
        }
        held += a.demand().billedFraction();
        holders.add(a);
        history.add(a);
    }

    void release(Allocation a) {
        if (!holders.remove(a)) {
            throw new IllegalStateException(a.workload().name() + " does not hold " + id());
        }
        held -= a.demand().billedFraction();
        if (mode == SharingMode.MIG) {
            migMemory &= ~(((1 << a.migProfile().memorySlices()) - 1) << a.migStart());
            migCompute -= a.migProfile().computeSlices();
        }
        if (a.tenant() != null) {
            shared.leave(a.tenant());
        }
        if (holders.isEmpty()) {
            mode = null;
            held = 0;
        }
    }
}
