package org.infersim.model.deployment;

import java.util.List;
import java.util.Locale;
import org.infersim.kernel.Simulation;
import org.infersim.model.cluster.Allocation;
import org.infersim.model.cluster.Demand;
import org.infersim.model.cluster.GpuPool;
import org.infersim.model.cluster.GpuWorkload;
import org.infersim.model.cluster.Node;
import org.infersim.model.serving.KvCache;
import org.infersim.model.serving.Replica;
import org.infersim.model.serving.ReplicaSet;

/**
 * One replica of a deployment through its life: a demand for GPUs (pending), then, once placed,
 * its cold start (image pull, weights, engine initialisation; skipped for the replicas the run
 * starts with, which are warm), then a serving engine sized for the GPU type it landed on, until
 * it is removed: drained of its requests, or cut off after the drain timeout, and its GPUs freed.
 * A replica on a spot node that the provider takes back drains from the notice on, and at the
 * interruption is killed: the requests still on it go back to the deployment, to be served again.
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

    /** Hears of the replica becoming ready and going away (its deployment's replica autoscaler). */
    interface Listener {
        void ready(ReplicaLifecycle replica);

        void gone(ReplicaLifecycle replica);

        /** Its node is being taken back: it is going, and its deployment wants another in its place. */
        void lost(ReplicaLifecycle replica);
    }

    private final ReplicaPlacement placement;
    private final ReplicaContext context;
    private final String name;
    private final int index;
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
    private long readyEvent = -1;
    private long imagePulledEvent = -1;
    private long drainTimeoutEvent = -1;
    private int requeued;
    /** Whether the provider has said it takes its node back. */
    private boolean reclaimed;

    /**
     * Made by its deployment's {@link ReplicaTemplate}.
     *
     * @param index         its index among all the run's replicas, the same whichever pool it lands on
     * @param requestedAtNs when it asks for GPUs
     * @param coldStart     how it gets ready once placed; null when it is warm from the start
     */
    ReplicaLifecycle(ReplicaPlacement placement, ReplicaContext context, String name, int index, long requestedAtNs,
                     ColdStart coldStart) {
        this.placement = placement;
        this.context = context;
        this.name = name;
        this.index = index;
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
        return placement.priority();
    }

    @Override
    public Demand demand(GpuPool pool) {
        return placement.planOn(pool).demand();
    }

    @Override
    public List<GpuPool> pools() {
        return placement.pools();
    }

    @Override
    public void placed(Allocation allocation) {
        this.allocation = allocation;
        this.plan = placement.planOn(allocation.pool());
        context.accounts().placedOn(index, allocation.pool().index(), allocation.gpus().size(), allocation.pool().power());
        if (coldStart == null) {
            // A warm replica is already running its image, so the next replica started here need not pull it.
            holdImage();
            becomeReady();
            return;
        }
        state = State.STARTING;
        Node node = allocation.gpus().get(0).node();
        phases = coldStart.phases(plan.footprint().weightBytes(), plan.model().layers(), plan.tensorParallel(),
                allocation.pool().hasImage(node, SERVING_IMAGE));
        Simulation sim = context.sim();
        if (phases.imagePullNs() > 0) {
            imagePulledEvent = sim.schedule(phases.imagePullNs(), this::holdImage);
        }
        readyEvent = sim.schedule(phases.totalNs(), this::becomeReady);
    }

    /** Every node it runs on now holds the serving image. */
    private void holdImage() {
        Node last = null;
        for (var gpu : allocation.gpus()) {
            if (gpu.node() != last) {
                allocation.pool().pulled(gpu.node(), SERVING_IMAGE);
                last = gpu.node();
            }
        }
    }

    private void becomeReady() {
        state = State.READY;
        readyAtNs = context.sim().now();
        KvCache kv = new KvCache(plan.memory().kvBlocks(), plan.settings().blockSize(), plan.settings().prefixCaching());
        replica = new Replica(index, name, context.sim(), plan.stepTimeModel(), allocation.tenant(), kv,
                plan.settings(), context.observer(), context.streams());
        if (coldStart != null) {
            replica.slowFirstIteration(coldStart.firstIterationPenaltyNs());
        }
        context.set().addReady(replica);
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
        Simulation sim = context.sim();
        ReplicaSet set = context.set();
        switch (state) {
            case PENDING -> {
                context.scheduler().withdraw(this);
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

    /**
     * The provider will take its node back: a starting replica stops now (it could not serve for
     * long), a serving one takes no new requests and drains until the interruption, with no drain
     * timeout but the interruption itself; either way its deployment asks for a replacement. One
     * already draining away (scaled down) carries on.
     */
    @Override
    public void reclaimNotice(long atNs) {
        if (reclaimed) {
            return; // a second node of its
        }
        reclaimed = true;
        boolean replace = state == State.STARTING || state == State.READY;
        if (state == State.STARTING) {
            stop(0);
        } else if (state == State.READY) {
            state = State.DRAINING;
            context.set().removeReady(replica);
            replica.drain(this::release);
        }
        if (replace && listener != null) {
            listener.lost(this);
        }
    }

    /** Its node is gone: the requests it still holds go back to the deployment, and its GPUs with the node. */
    @Override
    public long reclaimed() {
        if (state == State.STARTING) {
            stop(0);
            return 0;
        }
        if (state != State.DRAINING) {
            return 0;
        }
        context.sim().cancel(drainTimeoutEvent);
        int before = requeued;
        replica.kill(requests -> {
            requeued += requests.size();
            context.set().resubmit(requests);
        });
        return requeued - before;
    }

    private void release() {
        context.sim().cancel(drainTimeoutEvent);
        context.scheduler().release(allocation);
        state = State.STOPPED;
        goneAtNs = context.sim().now();
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

    /** Where it may run: its deployment's pools and plans. */
    public ReplicaPlacement placement() {
        return placement;
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
    public long goneAtNs() {
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
