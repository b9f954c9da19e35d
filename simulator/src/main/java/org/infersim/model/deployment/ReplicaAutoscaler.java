package org.infersim.model.deployment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.infersim.autoscale.ScalingObservation;
import org.infersim.autoscale.ScalingPolicy;
import org.infersim.kernel.Simulation;
import org.infersim.model.serving.Replica;
import org.infersim.model.serving.ReplicaSet;
import org.infersim.scenario.AutoscalerConfig;
import org.infersim.scenario.Deployment;

/**
 * The controller of one deployment's replica count. Every period of its policy it observes what a
 * real controller would (replicas ready and starting, the metric from the deployment's counters
 * and replicas), asks the policy for a count, clamps it to the bounds, and starts replicas (which
 * then wait for GPUs and cold-start) or removes them: the ones not serving yet first, then the
 * least loaded serving ones, which drain. When a request finds the deployment at zero, it asks
 * for one replica at once, as Knative's activator does, without waiting for the next tick.
 *
 * <p>It scales replicas; the {@code NodeAutoscaler} of the cluster scales a pool's nodes. Its
 * settings are the deployment's {@link AutoscalerConfig}, and the count comes from the
 * {@link ScalingPolicy} they name (KPA, HPA, ...).
 */
public final class ReplicaAutoscaler implements ReplicaLifecycle.Listener {
    private final Deployment deployment;
    private final AutoscalerConfig autoscaler;
    private final ScalingPolicy policy;
    private final ReplicaTemplate template;
    private final Simulation sim;
    private final ReplicaSet set;
    private final DeploymentCounters counters;
    private final List<ReplicaLifecycle> active = new ArrayList<>();
    private final Runnable tick = this::tick;

    private long lastObservationNs;
    private long lastArrivals;
    private long lastOutputTokens;
    private long lastFirstTokens;
    private long lastTtftNs;
    private boolean pokeScheduled;
    private int scaleUps;
    private int scaleDowns;
    private int peakReplicas;

    /**
     * Starts with the deployment's replicas, warm, asking for GPUs at its start.
     *
     * @param policy   null for a fixed number of replicas
     * @param template what the deployment's replicas are made from
     * @param counters the deployment's counters, as its metrics export them
     */
    public ReplicaAutoscaler(Deployment deployment, ScalingPolicy policy, ReplicaTemplate template,
                             DeploymentCounters counters) {
        this.deployment = deployment;
        this.autoscaler = deployment.autoscaler();
        this.policy = policy;
        this.template = template;
        this.sim = template.context().sim();
        this.set = template.context().set();
        this.counters = counters;
        for (int r = 0; r < deployment.replicas(); r++) {
            adopt(template.warm(deployment.startAtNs()));
        }
    }

    private void adopt(ReplicaLifecycle replica) {
        replica.listen(this);
        active.add(replica);
        countsChanged();
    }

    public void start() {
        if (policy == null) {
            return;
        }
        set.whenUnrouted(this::requestAtZero);
        sim.schedule(policy.periodNs(), tick);
    }

    private void tick() {
        ScalingObservation o = observe();
        int desired = Math.max(autoscaler.min(), Math.min(autoscaler.max(), policy.desiredReplicas(o)));
        if (desired == 0 && set.unroutedCount() > 0) {
            desired = Math.min(1, autoscaler.max()); // buffered requests need somewhere to go
        }
        scaleTo(desired);
        sim.schedule(policy.periodNs(), tick);
    }

    private void requestAtZero() {
        if (current() == 0 && !pokeScheduled && autoscaler.max() > 0) {
            pokeScheduled = true;
            sim.schedule(0, () -> {
                pokeScheduled = false;
                if (current() == 0) {
                    scaleTo(1);
                }
            });
        }
    }

    ScalingObservation observe() {
        long now = sim.now();
        double elapsedS = Math.max(1e-9, (now - lastObservationNs) / 1e9);
        int ready = 0;
        int starting = 0;
        double concurrency = set.unroutedCount();
        double queue = set.unroutedCount();
        double kv = 0;
        for (ReplicaLifecycle s : active) {
            switch (s.state()) {
                case READY -> {
                    ready++;
                    Replica r = s.replica();
                    concurrency += r.outstanding();
                    queue += r.waitingCount();
                    kv += r.kvCache().totalBlocks() == 0 ? 0 : (double) r.kvCache().usedBlocks() / r.kvCache().totalBlocks();
                }
                case PENDING, STARTING -> starting++;
                default -> { }
            }
        }
        long firstTokens = counters.firstTokens() - lastFirstTokens;
        double metric = switch (autoscaler.metric()) {
            case CONCURRENCY -> concurrency;
            case QUEUE -> queue;
            case KV_UTILIZATION -> kv;
            case RPS -> (counters.arrivals() - lastArrivals) / elapsedS;
            case TOKENS -> (counters.outputTokens() - lastOutputTokens) / elapsedS;
            case LATENCY -> firstTokens == 0 ? 0 : (counters.ttftNsSum() - lastTtftNs) / 1e6 / firstTokens;
        };
        lastObservationNs = now;
        lastArrivals = counters.arrivals();
        lastOutputTokens = counters.outputTokens();
        lastFirstTokens = counters.firstTokens();
        lastTtftNs = counters.ttftNsSum();
        return new ScalingObservation(now, ready, starting, metric);
    }

    /** Replicas asked for: pending, starting or serving (not those draining away). */
    int current() {
        int n = 0;
        for (ReplicaLifecycle s : active) {
            ReplicaLifecycle.State st = s.state();
            n += st == ReplicaLifecycle.State.PENDING || st == ReplicaLifecycle.State.STARTING || st == ReplicaLifecycle.State.READY ? 1 : 0;
        }
        return n;
    }

    private void scaleTo(int desired) {
        int current = current();
        if (desired > current) {
            scaleUps++;
            for (int i = current; i < desired; i++) {
                adopt(template.startCold());
            }
        } else if (desired < current) {
            scaleDowns++;
            List<ReplicaLifecycle> victims = new ArrayList<>(active.stream()
                    .filter(s -> s.state() != ReplicaLifecycle.State.DRAINING).toList());
            // Not serving yet (newest first), then the serving replicas with the least to finish.
            victims.sort(Comparator.comparingInt((ReplicaLifecycle s) -> s.state() == ReplicaLifecycle.State.READY ? 1 : 0)
                    .thenComparingInt(s -> s.state() == ReplicaLifecycle.State.READY ? s.replica().outstanding() : 0)
                    .thenComparingInt(s -> -s.index()));
            for (int i = 0; i < current - desired; i++) {
                victims.get(i).stop(deployment.drainTimeoutNs());
            }
        }
        countsChanged();
    }

    @Override
    public void ready(ReplicaLifecycle replica) {
        countsChanged();
    }

    /** A replica's node is being taken back: another is started in its place at once, as a ReplicaSet replaces an evicted pod. */
    @Override
    public void lost(ReplicaLifecycle replica) {
        adopt(template.startCold());
    }

    @Override
    public void gone(ReplicaLifecycle replica) {
        active.remove(replica);
        countsChanged();
    }

    private void countsChanged() {
        int requested = current();
        int starting = 0;
        int draining = 0;
        for (ReplicaLifecycle s : active) {
            starting += s.state() == ReplicaLifecycle.State.STARTING ? 1 : 0;
            draining += s.state() == ReplicaLifecycle.State.DRAINING ? 1 : 0;
        }
        set.setRequestedReplicas(requested);
        set.setLifecycleCounts(starting, draining);
        peakReplicas = Math.max(peakReplicas, requested);
    }

    public int scaleUps() {
        return scaleUps;
    }

    public int scaleDowns() {
        return scaleDowns;
    }

    public int peakReplicas() {
        return peakReplicas;
    }

    /** Replicas still there at the end, for the summary. */
    int activeReplicas() {
        return current();
    }

}
