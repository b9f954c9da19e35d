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
}
