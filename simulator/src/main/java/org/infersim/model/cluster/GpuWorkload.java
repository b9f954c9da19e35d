package org.infersim.model.cluster;

import java.util.List;

/** Anything the scheduler places on GPUs: an inference replica, a training or build job. */
public interface GpuWorkload {

    String name();

    /** {@code inference}, {@code training} or {@code build}, for the results. */
    String kind();

    /** Scheduling priority (Run:ai classes: train 50, build 100, inference 125); higher is placed first. */
    int priority();

    /** What it asks for on this pool (a MIG profile is the GPU type's own). */
    Demand demand(GpuPool pool);

    /** Pools it may run on, in order of preference. */
    List<GpuPool> pools();

    /** The scheduler gave it GPUs; it starts using them now. */
    void placed(Allocation allocation);

    /**
     * The provider will take back a node it runs on at {@code atNs} (a spot interruption notice).
     * By default it carries on until then.
     */
    default void reclaimNotice(long atNs) {
    }

    /**
     * A node it runs on is gone now: it must let its GPUs go (every one, on any node) before this
     * returns. Only the workloads that can run on spot pools implement it.
     *
     * @return the requests it hands back to be served again (a replica's unfinished ones)
     */
    default long reclaimed() {
        throw new UnsupportedOperationException(name() + " cannot lose its node");
    }
}
