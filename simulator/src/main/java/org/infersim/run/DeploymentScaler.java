package org.infersim.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import org.infersim.autoscale.ScalingObservation;
import org.infersim.autoscale.ScalingPolicy;
import org.infersim.kernel.Simulation;
import org.infersim.metrics.DeploymentSignals;
import org.infersim.scenario.Autoscaler;
import org.infersim.scenario.Deployment;
import org.infersim.serving.Replica;
import org.infersim.serving.ReplicaSet;

/**
 * The controller of one deployment's replica count. Every period of its policy it observes what a
 * real controller would (replicas ready and starting, the metric from the deployment's counters
 * and replicas), asks the policy for a count, clamps it to the bounds, and starts replicas (which
 * then wait for GPUs and cold-start) or removes them: the ones not serving yet first, then the
 * least loaded serving ones, which drain. When a request finds the deployment at zero, it asks
 * for one replica at once, as Knative's activator does, without waiting for the next tick.
 */
final class DeploymentScaler implements ReplicaSlot.Listener {
    private final Deployment deployment;
    private final Autoscaler autoscaler;
    private final ScalingPolicy policy;
    private final Simulation sim;
    private final ReplicaSet set;
    private final DeploymentSignals signals;
    /** Makes a new (cold) replica slot, registered with the run, and submits it to the scheduler. */
    private final IntFunction<ReplicaSlot> newReplica;
    private final List<ReplicaSlot> active = new ArrayList<>();
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

    /** @param policy null for a fixed number of replicas */
    DeploymentScaler(Deployment deployment, ScalingPolicy policy, Simulation sim, ReplicaSet set,
                     DeploymentSignals signals, IntFunction<ReplicaSlot> newReplica) {
        this.deployment = deployment;
        this.autoscaler = deployment.autoscaler();
        this.policy = policy;
        this.sim = sim;
        this.set = set;
        this.signals = signals;
        this.newReplica = newReplica;
    }

    /** A replica the run starts with. */
    void adopt(ReplicaSlot slot) {
        slot.listen(this);
        active.add(slot);
        countsChanged();
    }

    void start() {
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
        for (ReplicaSlot s : active) {
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
        long firstTokens = signals.firstTokens() - lastFirstTokens;
        double metric = switch (autoscaler.metric()) {
            case CONCURRENCY -> concurrency;
            case QUEUE -> queue;
            case KV_UTILIZATION -> kv;
            case RPS -> (signals.arrivals() - lastArrivals) / elapsedS;
            case TOKENS -> (signals.outputTokens() - lastOutputTokens) / elapsedS;
            case LATENCY -> firstTokens == 0 ? 0 : (signals.ttftNsSum() - lastTtftNs) / 1e6 / firstTokens;
        };
        lastObservationNs = now;
        lastArrivals = signals.arrivals();
        lastOutputTokens = signals.outputTokens();
        lastFirstTokens = signals.firstTokens();
        lastTtftNs = signals.ttftNsSum();
        return new ScalingObservation(now, ready, starting, metric);
    }

    /** Replicas asked for: pending, starting or serving (not those draining away). */
    int current() {
        int n = 0;
        for (ReplicaSlot s : active) {
            ReplicaSlot.State st = s.state();
            n += st == ReplicaSlot.State.PENDING || st == ReplicaSlot.State.STARTING || st == ReplicaSlot.State.READY ? 1 : 0;
        }
        return n;
    }

    private void scaleTo(int desired) {
        int current = current();
        if (desired > current) {
            scaleUps++;
            for (int i = current; i < desired; i++) {
                ReplicaSlot slot = newReplica.apply(deployment.priority());
                slot.listen(this);
                active.add(slot);
            }
        } else if (desired < current) {
            scaleDowns++;
            List<ReplicaSlot> victims = new ArrayList<>(active.stream()
                    .filter(s -> s.state() != ReplicaSlot.State.DRAINING).toList());
            // Not serving yet (newest first), then the serving replicas with the least to finish.
            victims.sort(Comparator.comparingInt((ReplicaSlot s) -> s.state() == ReplicaSlot.State.READY ? 1 : 0)
                    .thenComparingInt(s -> s.state() == ReplicaSlot.State.READY ? s.replica().outstanding() : 0)
                    .thenComparingInt(s -> -s.index()));
            for (int i = 0; i < current - desired; i++) {
                victims.get(i).stop(deployment.drainTimeoutNs());
            }
        }
        countsChanged();
    }

    @Override
    public void ready(ReplicaSlot slot) {
        countsChanged();
    }

    @Override
    public void gone(ReplicaSlot slot) {
        active.remove(slot);
        countsChanged();
    }

    private void countsChanged() {
        int requested = current();
        int starting = 0;
        int draining = 0;
        for (ReplicaSlot s : active) {
            starting += s.state() == ReplicaSlot.State.STARTING ? 1 : 0;
            draining += s.state() == ReplicaSlot.State.DRAINING ? 1 : 0;
        }
        set.setRequestedReplicas(requested);
        set.setLifecycleCounts(starting, draining);
        peakReplicas = Math.max(peakReplicas, requested);
    }

    int scaleUps() {
        return scaleUps;
    }

    int scaleDowns() {
        return scaleDowns;
    }

    int peakReplicas() {
        return peakReplicas;
    }

    /** Replicas still there at the end, for the summary. */
    int activeReplicas() {
        return current();
    }

}
