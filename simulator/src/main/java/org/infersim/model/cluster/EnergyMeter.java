package org.infersim.model.cluster;

import java.util.List;
import org.infersim.catalog.GpuPower;

/**
 * The energy of the pools that does not come from serving steps, between two instants: every
 * powered GPU's idle draw and its node's overhead, and the draw of jobs above idle. A static pool's
 * GPUs and nodes are powered all the time; a dynamic pool's from when a node is ready to its
 * removal (while it is provisioned it is being found and booted, not yet drawing as a node); a
 * serverless pool's only for the share of each GPU workloads hold. A job holding GPUs runs them
 * at full load (training and builds are compute-bound, and run at their power limit). Steps of
 * replicas add their own energy above idle (see {@link PowerModel}); each GPU's idle draw is
 * counted once, however many replicas share it.
 */
public final class EnergyMeter {
    private final List<GpuPool> pools;

    public EnergyMeter(List<GpuPool> pools) {
        this.pools = List.copyOf(pools);
    }

    /** Joules of the pool's GPUs at idle while powered, between two instants. */
    public double idleJoules(int pool, long fromNs, long toNs) {
        GpuPool p = pools.get(pool);
        return p.power().power().idleWatts() * poweredGpuSeconds(p, fromNs, toNs);
    }

    /** Joules of the pool's nodes beside their GPUs, between two instants. */
    public double nodeJoules(int pool, long fromNs, long toNs) {
        GpuPool p = pools.get(pool);
        return p.power().power().nodeWattsPerGpu() * poweredGpuSeconds(p, fromNs, toNs);
    }

    /** Joules jobs drew above idle on the pool's GPUs, between two instants. */
    public double jobJoules(int pool, long fromNs, long toNs) {
        GpuPool p = pools.get(pool);
        GpuPower power = p.power().power();
        return (power.fullWatts() - power.idleWatts()) * p.heldGpuNs(fromNs, toNs, true) / 1e9;
    }

    /** Joules of everything but the replicas' steps: idle, nodes and jobs. */
    public double baseJoules(int pool, long fromNs, long toNs) {
        return idleJoules(pool, fromNs, toNs) + nodeJoules(pool, fromNs, toNs) + jobJoules(pool, fromNs, toNs);
    }

    /** GPU-seconds the pool's GPUs were powered between two instants. */
    private static double poweredGpuSeconds(GpuPool p, long fromNs, long toNs) {
        switch (p.provisioning().mode()) {
            case STATIC:
            case DYNAMIC:
                // A spot pool's static nodes come and go too: each counts while it is ready.
                return p.readyGpuNs(fromNs, toNs) / 1e9;
            default:
                return p.heldGpuNs(fromNs, toNs, false) / 1e9;
        }
    }
}
