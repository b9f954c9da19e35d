package org.infersim.cluster;

import java.util.List;

/** Anything the scheduler places on GPUs: an inference replica, a training or build job. */
public interface GpuWorkload {

    String name();

    /** Scheduling priority (Run:ai classes: train 50, build 100, inference 125); higher is placed first. */
    int priority();

    Demand demand();

    /** Pools it may run on, in order of preference. */
    List<GpuPool> pools();

    /** The scheduler gave it GPUs; it starts using them now. */
    void placed(Allocation allocation);
}
