package org.infersim.model.cluster;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.infersim.kernel.Simulation;
import org.infersim.model.random.DurationSampler;
import org.infersim.model.random.RandomStreams;
import org.infersim.scenario.Pricing;
import org.infersim.scenario.Provisioning;

/**
 * The provider taking a spot pool's nodes back. Each node, from the moment it is ready, lives an
 * exponentially distributed time at the pool's interruption rate (interruptions as a Poisson
 * process per node, the memoryless assumption behind a rate), drawn from the pool's own stream
 * {@code pool/<name>/interruptions}, so that nothing else in the scenario changes the draws.
 *
 * <p>At its interruption minus the notice the node is cordoned (placement, preemption and the node
 * autoscaler stop counting on it, as a node termination handler cordons and drains it) and every
 * workload on it hears of it: replicas stop taking requests and drain, and their deployments ask
 * for replacements. At the interruption the node is gone: what still runs on it is killed (a
 * replica's requests go back to its deployment, a job falls back to its last checkpoint and
 * queues again).
 *
 * <p>A dynamic pool's node autoscaler sees the lost capacity like any other and provisions for the
 * replacements. A static pool gets a replacement node itself, as an auto-scaling group keeps its
 * size: requested at the interruption, ready after a delay drawn from
 * {@code pool/<name>/provisioning} ({@link Provisioning#DEFAULT_DELAY}: a static pool has no
 * provisioning settings of its own).
 */
public final class SpotInterruptions {
    private static final double MAX_LIFETIME_NS = 4e18;

    private final GpuPool pool;
    private final Simulation sim;
    private final double ratePerNs;
    private final long noticeNs;
    private final UniformRandomProvider lifetimes;
    /** Null for a dynamic pool, whose node autoscaler replaces capacity. */
    private final DurationSampler replacementDelay;
    private final Runnable capacityChanged;
    private int interruptions;
    private int replicasLost;
    private int jobsEvicted;
    private long requestsRetried;

    private SpotInterruptions(GpuPool pool, Pricing.Spot spot, Simulation sim, RandomStreams random,
                              Runnable capacityChanged) {
        this.pool = pool;
        this.sim = sim;
        this.ratePerNs = spot.interruptionsPerNodeSecond() / 1e9;
        this.noticeNs = spot.noticeNs();
        this.lifetimes = random.stream("pool/" + pool.name() + "/interruptions");
        this.replacementDelay = pool.provisioning().isStatic() ? DurationSampler.of(Provisioning.DEFAULT_DELAY,
                random.stream("pool/" + pool.name() + "/provisioning")) : null;
        this.capacityChanged = capacityChanged;
    }

    /**
     * Interruptions of a spot pool, watching its ready nodes from now on and every node it gets
     * later; null when nodes are never taken back (the rate is zero).
     *
     * @param scheduler told when capacity comes and goes, to look at its waiting workloads again
     */
    public static SpotInterruptions attach(GpuPool pool, Pricing.Spot spot, Simulation sim, RandomStreams random,
                                           Scheduler scheduler) {
        if (spot.interruptionsPerNodeSecond() <= 0) {
            return null;
        }
        SpotInterruptions s = new SpotInterruptions(pool, spot, sim, random, scheduler::capacityChanged);
        for (Node n : pool.nodes()) {
            s.watch(n, sim.now());
        }
        pool.attach(s);
        return s;
    }

    /** A node of the pool is ready: the provider will take it back after a drawn lifetime. */
    void watch(Node node, long nowNs) {
        double lifetime = -Math.log1p(-lifetimes.nextDouble()) / ratePerNs;
        long life = (long) Math.min(MAX_LIFETIME_NS, lifetime);
        sim.schedule(Math.max(0, life - noticeNs), () -> notice(node, nowNs + life));
        sim.schedule(life, () -> interrupt(node));
    }

    private void notice(Node node, long interruptionAtNs) {
        if (!node.isReady()) {
            return; // scaled down before its notice
        }
        long now = sim.now();
        pool.cordon(node, now);
        for (Allocation a : holders(node)) {
            if (!(a.workload() instanceof GpuJob)) {
                replicasLost++;
            }
            a.workload().reclaimNotice(interruptionAtNs);
        }
        capacityChanged.run();
    }

    private void interrupt(Node node) {
        if (!node.isReady()) {
            return;
        }
        long now = sim.now();
        interruptions++;
        for (Allocation a : holders(node)) {
            if (a.workload() instanceof GpuJob) {
                jobsEvicted++;
            }
            requestsRetried += a.workload().reclaimed();
        }
        pool.reclaim(node, now);
        if (replacementDelay != null) {
            Node replacement = pool.startNode(now);
            sim.schedule(replacementDelay.sampleNs(), () -> {
                pool.nodeReady(replacement, sim.now());
                capacityChanged.run();
            });
        }
        capacityChanged.run();
    }

    /** The allocations on the node's GPUs, each once, in GPU order. */
    private static Set<Allocation> holders(Node node) {
        Set<Allocation> out = new LinkedHashSet<>();
        for (Gpu g : node.gpus()) {
            out.addAll(g.holders());
        }
        return out;
    }

    public GpuPool pool() {
        return pool;
    }

    /** Nodes the provider took back. */
    public int interruptions() {
        return interruptions;
    }

    /** Replicas that were on a node when its notice came: each drained or was killed, and was replaced. */
    public int replicasLost() {
        return replicasLost;
    }

    /** Jobs evicted by an interruption, back to their last checkpoint. */
    public int jobsEvicted() {
        return jobsEvicted;
    }

    /** Requests still on a killed replica, handed back to their deployment to be served again. */
    public long requestsRetried() {
        return requestsRetried;
    }
}
