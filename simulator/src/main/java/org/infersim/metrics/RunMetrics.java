package org.infersim.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.infersim.model.cluster.PowerModel;
import org.infersim.model.cluster.StepEnergy;
import org.infersim.model.deployment.ReplicaAccounts;
import org.infersim.model.performance.IterationShape;
import org.infersim.model.serving.Replica;
import org.infersim.model.serving.Request;
import org.infersim.model.serving.ServingObserver;
import org.infersim.model.workload.SessionObserver;

/**
 * Turns what the serving model reports into statistics: latency histograms per stream,
 * time-weighted utilization and KV occupancy per replica, counts for the conservation law, and a
 * time series at a fixed interval. Everything before the warm-up ends is left out of the
 * statistics (but not out of the counts).
 */
public final class RunMetrics implements ServingObserver, SessionObserver, ReplicaAccounts, StepEnergy {
    private final long warmupNs;
    private final StreamMetrics[] streams;
    private final int[] streamDeployment;
    private final ArrayList<ReplicaMetrics> replicas = new ArrayList<>();
    /** Per deployment, over the whole run: what autoscalers read as rates between their ticks. */
    private final DeploymentSignals[] signals;
    private final IntervalMetrics[] intervals;
    private final RequestSink sink;
    /** Per pool: joules replicas' steps drew above idle since the last sample (grown as pools appear). */
    private double[] poolStepJoules = new double[0];
    /** Per pool: joules replicas' steps drew above idle over the whole run, and since warm-up. */
    private double[] poolStepJoulesTotal = new double[0];
    private double[] poolStepJoulesMeasured = new double[0];

    /**
     * Replicas are added with {@link #addReplica} as the run creates them.
     *
     * @param streamDeployment for each stream, the index of its deployment
     */
    public RunMetrics(long warmupNs, List<StreamDefinition> streamDefs, int[] streamDeployment,
                      List<String> deploymentNames, RequestSink sink) {
        this.warmupNs = warmupNs;
        this.streams = new StreamMetrics[streamDefs.size()];
        for (int i = 0; i < streams.length; i++) {
            StreamDefinition d = streamDefs.get(i);
            streams[i] = new StreamMetrics(d.name(), d.deployment(), d.ttftTargetNs(), d.tpotTargetNs());
            streams[i].hasSessions = d.sessions();
        }
        this.streamDeployment = streamDeployment.clone();
        this.signals = new DeploymentSignals[deploymentNames.size()];
        for (int i = 0; i < signals.length; i++) {
            signals[i] = new DeploymentSignals();
        }
        this.intervals = new IntervalMetrics[deploymentNames.size()];
        for (int i = 0; i < intervals.length; i++) {
            intervals[i] = new IntervalMetrics(deploymentNames.get(i));
        }
        this.sink = sink;
    }

    /**
     * What the metrics need to know of a stream. Targets of 0 mean "no target".
     *
     * @param sessions whether its requests are turns of sessions, whose ends are counted
     */
    public record StreamDefinition(String name, String deployment, long ttftTargetNs, long tpotTargetNs,
                                   boolean sessions) {
        public StreamDefinition(String name, String deployment, long ttftTargetNs, long tpotTargetNs) {
            this(name, deployment, ttftTargetNs, tpotTargetNs, false);
        }
    }

    private boolean measured(Request r) {
        return r.arrivalNs() >= warmupNs;
    }

    @Override
    public void onArrival(Request r, long now) {
        StreamMetrics s = streams[r.stream()];
        s.arrivedTotal++;
        if (measured(r)) {
            s.arrived++;
        }
        intervals[streamDeployment[r.stream()]].arrivals++;
        signals[streamDeployment[r.stream()]].arrivals++;
    }

    @Override
    public void onSessionStarted(int stream, long now) {
        if (now >= warmupNs) {
            streams[stream].sessionsStarted++;
        }
    }

    @Override
    public void onSessionEnded(int stream, long startNs, long now, End end) {
        if (startNs < warmupNs) {
            return;
        }
        StreamMetrics s = streams[stream];
        switch (end) {
            case ALL_TURNS -> s.sessionsAnsweredAllTurns++;
            case MAX_LENGTH -> s.sessionsEndedAtMaxLength++;
            case REJECTED -> s.sessionsEndedByRejection++;
        }
    }

    @Override
    public void onRejected(Request r, long now, String reason) {
        StreamMetrics s = streams[r.stream()];
        s.rejectedTotal++;
        if (measured(r)) {
            s.rejected++;
            s.rejectedByReason.merge(reason, 1L, Long::sum);
        }
        intervals[streamDeployment[r.stream()]].rejections++;
        if (sink != null) {
            sink.accept(r, s.name, "rejected", now);
        }
    }

    @Override
    public void onFirstToken(Request r, long now) {
        long ttft = now - r.arrivalNs();
        IntervalMetrics interval = intervals[streamDeployment[r.stream()]];
        if (measured(r)) {
            StreamMetrics s = streams[r.stream()];
            s.ttft.record(ttft);
            s.startedPromptTokens += r.promptTokens();
            s.cachedPromptTokens += r.cachedPromptTokens();
            ReplicaMetrics m = replicas.get(r.replica());
            m.promptTokens += r.promptTokens();
            m.cachedPromptTokens += r.cachedPromptTokens();
        }
        interval.ttft.record(ttft);
        interval.promptTokens += r.promptTokens();
        interval.cachedPromptTokens += r.cachedPromptTokens();
        DeploymentSignals sig = signals[streamDeployment[r.stream()]];
        sig.firstTokens++;
        sig.ttftNsSum += ttft;
    }

    @Override
    public void onCompleted(Request r, long now) {
        StreamMetrics s = streams[r.stream()];
        s.completedTotal++;
        IntervalMetrics interval = intervals[streamDeployment[r.stream()]];
        interval.completions++;
        interval.outputTokens += r.generated();
        signals[streamDeployment[r.stream()]].outputTokens += r.generated();
        long ttft = r.firstTokenNs() - r.arrivalNs();
        double tpot = r.generated() > 1 ? (double) (now - r.firstTokenNs()) / (r.generated() - 1) : 0;
        if (r.generated() > 1) {
            interval.tpot.record(Math.round(tpot));
        }
        boolean withinSlo = s.meetsSlo(ttft, tpot);
        if (now >= warmupNs) {
            s.finished++;
            s.outputTokens += r.generated();
            s.promptTokens += r.promptTokens();
            if (withinSlo) {
                s.finishedWithinSlo++;
            }
            if (r.replica() >= 0) {
                ReplicaMetrics m = replicas.get(r.replica());
                m.outputTokens += r.generated();
                m.completed++;
            }
        }
        if (measured(r)) {
            s.completed++;
            s.e2e.record(now - r.arrivalNs());
            if (r.generated() > 1) {
                s.tpot.record(Math.round(tpot));
            }
            if (withinSlo) {
                s.sloMet++;
            }
        }
        if (sink != null) {
            sink.accept(r, s.name, "completed", now);
        }
    }

    @Override
    public void onPreempted(Request r, Replica replica, long now) {
        if (now >= warmupNs) {
            streams[r.stream()].preemptions++;
            replicas.get(replica.index()).preemptions++;
        }
        intervals[replicas.get(replica.index()).deployment].preemptions++;
    }

    @Override
    public void onIteration(Replica replica, long startNs, long durationNs, IterationShape shape, int[] regularGaps) {
        long end = startNs + durationNs;
        ReplicaMetrics m = replicas.get(replica.index());
        IntervalMetrics interval = intervals[m.deployment];
        interval.busyNs += durationNs;
        interval.iterations++;
        interval.evictedBlocks += shape.evictedBlocks;
        // The host's part of the step (scheduling, sampling) leaves the GPUs idle.
        double joules = m.power == null ? 0 : m.power.dynamicJoules(shape.flops, shape.bytes,
                durationNs - shape.hostNs, m.gpus);
        if (m.pool >= 0) {
            poolStepJoules[m.pool] += joules;
            poolStepJoulesTotal[m.pool] += joules;
        }
        if (end > warmupNs) {
            // An iteration straddling the end of warm-up counts for the part after it.
            double share = startNs >= warmupNs ? 1.0 : (double) (end - warmupNs) / durationNs;
            double inWindow = durationNs * share;
            m.busyNs += inWindow;
            m.flops += shape.flops * share;
            m.bytes += shape.bytes * share;
            m.stepJoules += joules * share;
            if (m.pool >= 0) {
                poolStepJoulesMeasured[m.pool] += joules * share;
            }
            m.kvBlockNs += inWindow * replica.kvBlocksInIteration();
            m.iterations++;
            if (startNs >= warmupNs) {
                m.tokensReused += shape.cachedTokens;
                m.evictedBlocks += shape.evictedBlocks;
            }
            if (replica.kvBlocksInIteration() > m.peakKvBlocks) {
                m.peakKvBlocks = replica.kvBlocksInIteration();
            }
            for (int s = 0; s < regularGaps.length; s++) {
                if (regularGaps[s] > 0) {
                    streams[s].itl.record(durationNs, regularGaps[s]);
                }
            }
        }
    }

    @Override
    public void onInterTokenGap(int stream, long gapNs) {
        // Gap ends now; attribute to the window by its end, like the regular gaps.
        streams[stream].itl.record(gapNs);
    }

    /** Measured figures per stream, for the summary. */
    public List<StreamMetrics> streamMetrics() {
        return List.of(streams);
    }

    /** All streams together; the SLO is judged per stream, so attainment sums the streams' verdicts. */
    public StreamMetrics overall() {
        StreamMetrics total = StreamMetrics.total("all", 0, 0);
        for (StreamMetrics s : streams) {
            total.add(s);
        }
        return total;
    }

    public ReplicaMetrics replica(int index) {
        return replicas.get(index);
    }

    /** Starts the accounts of a replica (one the run starts with, or an autoscaler's); returns its index. */
    @Override
    public int addReplica(String name, int deployment) {
        replicas.add(new ReplicaMetrics(name, deployment));
        return replicas.size() - 1;
    }

    @Override
    public void placedOn(int replica, int pool, int gpus, PowerModel power) {
        ReplicaMetrics m = replicas.get(replica);
        m.pool = pool;
        m.gpus = gpus;
        m.power = power;
        if (pool >= poolStepJoules.length) {
            poolStepJoules = Arrays.copyOf(poolStepJoules, pool + 1);
            poolStepJoulesTotal = Arrays.copyOf(poolStepJoulesTotal, pool + 1);
            poolStepJoulesMeasured = Arrays.copyOf(poolStepJoulesMeasured, pool + 1);
        }
    }

    @Override
    public double stepJoules(int pool, boolean measuredOnly) {
        double[] joules = measuredOnly ? poolStepJoulesMeasured : poolStepJoulesTotal;
        return pool < joules.length ? joules[pool] : 0;
    }

    /**
     * Joules the replicas' steps on a pool drew above idle since the last call, by the steps'
     * ends (what a power meter sampled at each interval would have added up); resets them.
     */
    public double takePoolStepJoules(int pool) {
        if (pool >= poolStepJoules.length) {
            return 0;
        }
        double j = poolStepJoules[pool];
        poolStepJoules[pool] = 0;
        return j;
    }

    /** Cumulative counters of one deployment, for its autoscaler. */
    public DeploymentSignals signals(int deployment) {
        return signals[deployment];
    }

    IntervalMetrics[] intervals() {
        return intervals;
    }

    /** A stream's request counts over the whole run (warm-up included). */
    public long[] totals(int stream) {
        StreamMetrics s = streams[stream];
        return new long[] {s.arrivedTotal, s.completedTotal, s.rejectedTotal};
    }

    /**
     * Requests still in flight at the end that arrived in the window and have already waited
     * longer than the TTFT target without a first token: they missed the SLO whatever happens next.
     */
    public void countInFlightAtEnd(Request r, long now) {
        StreamMetrics s = streams[r.stream()];
        if (measured(r) && s.ttftTargetNs > 0 && r.firstTokenNs() < 0 && now - r.arrivalNs() > s.ttftTargetNs) {
            s.sloMissedInFlight++;
        }
    }
}
