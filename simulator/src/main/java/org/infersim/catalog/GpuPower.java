package org.infersim.catalog;

/**
 * What a GPU type draws, from the catalog: at idle (powered, an engine loaded, nothing running),
 * at its board limit (its {@code tdp}), and on a step that saturates memory bandwidth with almost
 * no arithmetic (a decode); and beside it, what the rest of its typical node draws.
 *
 * @param idleWatts        a powered GPU doing nothing
 * @param fullWatts        the board power limit (the catalog's {@code tdp}): compute-bound steps run at it
 * @param memoryBoundWatts a step at the achievable memory bandwidth and no arithmetic
 * @param nodeWatts        the typical node's draw beyond its GPUs (CPUs, memory, NICs, switches, fans)
 * @param nodeGpus         the GPUs of that typical node (node overhead is counted per GPU slot)
 */
public record GpuPower(double idleWatts, double fullWatts, double memoryBoundWatts, double nodeWatts, int nodeGpus) {
    /** Idle as a share of the board limit where an entry gives none: a judgement near the measured parts (10-15%). */
    public static final double DEFAULT_IDLE_SHARE = 0.12;
    /** Memory-bound weight where an entry gives none: the H100 SXM's (gpu-models/README.md, Power). */
    public static final double DEFAULT_MEMORY_WEIGHT = 0.5;

    /** The figures an entry that states none of them gets: no node overhead. */
    public static GpuPower defaultsFor(double tdpWatts) {
        double idle = DEFAULT_IDLE_SHARE * tdpWatts;
        return new GpuPower(idle, tdpWatts, idle + DEFAULT_MEMORY_WEIGHT * (tdpWatts - idle), 0, 1);
    }

    /** Share of the dynamic range (full − idle) a memory-bound step draws. */
    public double memoryWeight() {
        return fullWatts == idleWatts ? 0 : (memoryBoundWatts - idleWatts) / (fullWatts - idleWatts);
    }

    /** The node's draw beyond its GPUs, per GPU slot. */
    public double nodeWattsPerGpu() {
        return nodeGpus == 0 ? 0 : nodeWatts / nodeGpus;
    }
}
