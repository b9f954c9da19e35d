package org.infersim.model.deployment;

import java.util.List;
import java.util.Locale;
import org.infersim.kernel.Simulation;
import org.infersim.metrics.RunMetrics;
import org.infersim.model.cluster.Allocation;
import org.infersim.model.cluster.Demand;
import org.infersim.model.cluster.GpuPool;
import org.infersim.model.cluster.GpuWorkload;
import org.infersim.model.cluster.Node;
import org.infersim.model.cluster.Scheduler;
import org.infersim.model.serving.KvCache;
import org.infersim.model.serving.Replica;
import org.infersim.model.serving.ReplicaSet;

/**
 * One replica of a deployment through its life: a demand for GPUs (pending), then, once placed,
 * its cold start (image pull, weights, engine initialisation; skipped for the replicas the run
 * starts with, which are warm), then a serving engine sized for the GPU type it landed on, until
 * it is removed: drained of its requests, or cut off after the drain timeout, and its GPUs freed.
 */
public final class ReplicaLifecycle implements GpuWorkload {
    /** All vLLM deployments run the same serving image: a node that pulled it once has it. */
    static final String SERVING_IMAGE = "vllm-openai";

    public enum State {
        PENDING, STARTING, READY, DRAINING, STOPPED, CANCELLED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Hears of the replica becoming ready and going away (its deployment's autoscaler). */
    interface Listener {
        void ready(ReplicaLifecycle slot);

        void gone(ReplicaLifecycle slot);
    }

    private final String name;
    private final int index;
    private final int deployment;
    private final int priority;
    private final List<GpuPool> pools;
    private final List<DeploymentPlan> plans;
    private final Simulation sim;
    private final Scheduler scheduler;
    private final RunMetrics metrics;
    private final ReplicaSet set;
    private final int streams;
    private final long requestedAtNs;
    /** Null for a warm replica (one the run starts with). */
    private final ColdStart coldStart;
    private Listener listener;

    private State state = State.PENDING;
    private Allocation allocation;
    private DeploymentPlan plan;
    private Replica replica;
    private ColdStart.Phases phases;
    private long readyAtNs = -1;
    private long goneAtNs = -1;
    private long readyEvent;
    private long imagePulledEvent;
    private long drainTimeoutEvent;
    private int requeued;

    /**
     * @param index global replica index, the same whichever pool it lands on
     * @param requestedAtNs when it asks for GPUs
     * @param plans one per allowed pool, in the same order as {@code pools}
     * @param coldStart how it gets ready once placed; null when it is warm from the start
     */
    public ReplicaLifecycle(String name, int index, int deployment, int priority, long requestedAtNs, List<GpuPool> pools,
                List<DeploymentPlan> plans, Simulation sim, Scheduler scheduler, RunMetrics metrics, ReplicaSet set,
                int streams, ColdStart coldStart) {
        this.name = name;
        this.index = index;
        this.deployment = deployment;
        this.priority = priority;
        this.pools = List.copyOf(pools);
        this.plans = List.copyOf(plans);
        this.sim = sim;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.set = set;
        this.streams = streams;
        this.requestedAtNs = requestedAtNs;
        this.coldStart = coldStart;
    }

    void listen(Listener l) {
        this.listener = l;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "inference";
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Demand demand(GpuPool pool) {
        return plans.get(pools.indexOf(pool)).demand();
    }

    @Override
    public List<GpuPool> pools() {
        return pools;
    }

    @Override
    public void placed(Allocation allocation) {
        this.allocation = allocation;
        this.plan = plans.get(pools.indexOf(allocation.pool()));
        if (coldStart == null) {
            becomeReady();
            return;
        }
        state = State.STARTING;
        Node node = allocation.gpus().get(0).node();
        GpuPool pool = allocation.pool();
        phases = coldStart.phases(plan.footprint().weightBytes(), plan.model().layers(),
                plan.deployment().tensorParallel(), pool.hasImage(node, SERVING_IMAGE));
        if (phases.imagePullNs() > 0) {
            imagePulledEvent = sim.schedule(phases.imagePullNs(), () -> pool.pulled(node, SERVING_IMAGE));
        }
        readyEvent = sim.schedule(phases.totalNs(), this::becomeReady);
    }

    private void becomeReady() {
        state = State.READY;
        readyAtNs = sim.now();
        KvCache kv = new KvCache(plan.memory().kvBlocks(), plan.settings().blockSize());
        replica = new Replica(index, name, sim, plan.stepTimeModel(), allocation.tenant(), kv, plan.settings(),
                metrics, streams);
        if (coldStart != null) {
            replica.slowFirstIteration(coldStart.firstIterationPenaltyNs());
        }
        set.addReady(replica);
        if (listener != null) {
            listener.ready(this);
        }
    }

    /**
     * Removes the replica: a pending one is withdrawn, a starting one stops at once, a serving
     * one takes no new requests and leaves when its requests are done, or after
     * {@code drainTimeoutNs}, when those still running go back to the deployment.
     */
    void stop(long drainTimeoutNs) {
        switch (state) {
            case PENDING -> {
                scheduler.withdraw(this);
                state = State.CANCELLED;
                goneAtNs = sim.now();
                if (listener != null) {
                    listener.gone(this);
                }
            }
            case STARTING -> {
                // A pull cut short leaves no image on the node.
                sim.cancel(imagePulledEvent);
                sim.cancel(readyEvent);
                release();
            }
            case READY -> {
                state = State.DRAINING;
                set.removeReady(replica);
                drainTimeoutEvent = sim.schedule(drainTimeoutNs, () -> replica.evacuate(requests -> {
                    requeued += requests.size();
                    set.resubmit(requests);
                }));
                replica.drain(this::release);
            }
            default -> { }
        }
    }

    private void release() {
        sim.cancel(drainTimeoutEvent);
        scheduler.release(allocation);
        state = State.STOPPED;
        goneAtNs = sim.now();
        if (listener != null) {
            listener.gone(this);
        }
    }

    public State state() {
        return state;
    }

    public int index() {
        return index;
    }

    public int deployment() {
        return deployment;
    }

    public long requestedAtNs() {
        return requestedAtNs;
    }

    boolean isCold() {
        return coldStart != null;
    }

    /** The phases of its cold start; null while pending, for a warm replica, or one withdrawn before placement. */
    public ColdStart.Phases phases() {
        return phases;
    }

    /** When it could first serve; -1 if it never did. */
    long readyAtNs() {
        return readyAtNs;
    }

    /** When it left (drained, stopped or withdrawn); -1 while it is still there. */
    long goneAtNs() {
        return goneAtNs;
    }

    /** Requests it handed back when its drain timed out. */
    public int requeued() {
        return requeued;
    }

    /** Null while it waits for GPUs. */
    public Allocation allocation() {
        return allocation;
    }

    /** The plan for the GPU type it landed on; null while it waits. */
    DeploymentPlan plan() {
        return plan;
    }

    /** Null until it is ready to serve. */
    public Replica replica() {
        return replica;
    }
}
