package org.infersim.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one request stream experienced during the measured window (after warm-up): raw counters
 * and latency histograms. What is published from them is the results' business
 * ({@code results.StreamSummaries}).
 */
public final class StreamMetrics {
    final String name;
    final String deployment;
    final long ttftTargetNs;
    final long tpotTargetNs;

    // Every request, warm-up included: the conservation law is checked on these.
    long arrivedTotal;
    long completedTotal;
    long rejectedTotal;

    // Requests that arrived after warm-up.
    long arrived;
    long completed;
    long rejected;
    /** Of those rejected, how many for each reason, in the reasons' order (so summaries are repeatable). */
    final Map<String, Long> rejectedByReason = new TreeMap<>();
    long sloMet;
    long sloMissedInFlight;
    long preemptions;
    /** Prompt tokens of the requests that got a first token, and how many of them were found in the prefix cache. */
    long startedPromptTokens;
    long cachedPromptTokens;

    // Requests that completed inside the window, whenever they arrived: throughput counts these,
    // so that an overloaded replica still shows the rate it actually serves.
    long finished;
    long finishedWithinSlo;
    long promptTokens;
    long outputTokens;

    // Sessions that started after warm-up, and how those that ended did; only for a workload of sessions.
    boolean hasSessions;
    long sessionsStarted;
    long sessionsAnsweredAllTurns;
    long sessionsEndedAtMaxLength;
    long sessionsEndedByRejection;

    final LatencyHistogram ttft = new LatencyHistogram();
    final LatencyHistogram tpot = new LatencyHistogram();
    final LatencyHistogram itl = new LatencyHistogram();
    final LatencyHistogram e2e = new LatencyHistogram();

    StreamMetrics(String name, String deployment, long ttftTargetNs, long tpotTargetNs) {
        this.name = name;
        this.deployment = deployment;
        this.ttftTargetNs = ttftTargetNs;
        this.tpotTargetNs = tpotTargetNs;
    }

    boolean meetsSlo(long ttftNs, double tpotNs) {
        return (ttftTargetNs <= 0 || ttftNs <= ttftTargetNs) && (tpotTargetNs <= 0 || tpotNs <= tpotTargetNs);
    }

    public String name() {
        return name;
    }

    /** The deployment the stream is sent to; empty for a sum of streams. */
    public String deployment() {
        return deployment;
    }

    /** Adds another stream's measured figures into this one (for the all-streams line). */
    void add(StreamMetrics o) {
        arrivedTotal += o.arrivedTotal;
        completedTotal += o.completedTotal;
        rejectedTotal += o.rejectedTotal;
        arrived += o.arrived;
        completed += o.completed;
        rejected += o.rejected;
        o.rejectedByReason.forEach((reason, n) -> rejectedByReason.merge(reason, n, Long::sum));
        sloMet += o.sloMet;
        sloMissedInFlight += o.sloMissedInFlight;
        preemptions += o.preemptions;
        startedPromptTokens += o.startedPromptTokens;
        cachedPromptTokens += o.cachedPromptTokens;
        finished += o.finished;
        finishedWithinSlo += o.finishedWithinSlo;
        promptTokens += o.promptTokens;
        outputTokens += o.outputTokens;
        hasSessions |= o.hasSessions;
        sessionsStarted += o.sessionsStarted;
        sessionsAnsweredAllTurns += o.sessionsAnsweredAllTurns;
        sessionsEndedAtMaxLength += o.sessionsEndedAtMaxLength;
        sessionsEndedByRejection += o.sessionsEndedByRejection;
        ttft.add(o.ttft);
        tpot.add(o.tpot);
        itl.add(o.itl);
        e2e.add(o.e2e);
    }

    public long arrivedTotal() {
        return arrivedTotal;
    }

    public long completedTotal() {
        return completedTotal;
    }

    public long rejectedTotal() {
        return rejectedTotal;
    }

    /** Whether its requests are turns of sessions (of any stream, for a sum of streams). */
    public boolean hasSessions() {
        return hasSessions;
    }

    /** Sessions that started after warm-up. */
    public long sessionsStarted() {
        return sessionsStarted;
    }

    /** Of those, ended with every turn answered. */
    public long sessionsAnsweredAllTurns() {
        return sessionsAnsweredAllTurns;
    }

    /** Of those, ended early because the next turn would not fit the max model length. */
    public long sessionsEndedAtMaxLength() {
        return sessionsEndedAtMaxLength;
    }

    /** Of those, ended by a rejected turn. */
    public long sessionsEndedByRejection() {
        return sessionsEndedByRejection;
    }

    public boolean hasSlo() {
        return ttftTargetNs > 0 || tpotTargetNs > 0;
    }

    /** Output tokens of the requests that finished inside the window. */
    public long outputTokens() {
        return outputTokens;
    }

    /** Requests that arrived after warm-up. */
    public long arrived() {
        return arrived;
    }

    /** Of those, completed. */
    public long completed() {
        return completed;
    }

    /** Of those, rejected. */
    public long rejected() {
        return rejected;
    }

    /** The rejected, by the reason they were rejected for. */
    public Map<String, Long> rejectedByReason() {
        return Collections.unmodifiableMap(rejectedByReason);
    }

    /** Of those, completed within the stream's SLO. */
    public long sloMet() {
        return sloMet;
    }

    /** Of those, still in flight at the end but already past their TTFT target. */
    public long sloMissedInFlight() {
        return sloMissedInFlight;
    }

    public long preemptions() {
        return preemptions;
    }

    /** Requests that completed inside the window, whenever they arrived. */
    public long finished() {
        return finished;
    }

    /** Of those, within the stream's SLO. */
    public long finishedWithinSlo() {
        return finishedWithinSlo;
    }

    /** Prompt tokens of the requests that finished inside the window. */
    public long promptTokens() {
        return promptTokens;
    }

    public LatencyHistogram ttft() {
        return ttft;
    }

    public LatencyHistogram tpot() {
        return tpot;
    }

    /** Inter-token latency. */
    public LatencyHistogram itl() {
        return itl;
    }

    /** End-to-end latency. */
    public LatencyHistogram e2e() {
        return e2e;
    }

    /** An empty accumulator with the given label, for summing streams. */
    static StreamMetrics total(String name, long ttftTargetNs, long tpotTargetNs) {
        return new StreamMetrics(name, "", ttftTargetNs, tpotTargetNs);
    }

    /** Prompt tokens of the requests that arrived in the window and got a first token. */
    public long startedPromptTokens() {
        return startedPromptTokens;
    }

    /** Of {@link #startedPromptTokens}, those served from the prefix cache. */
    public long cachedPromptTokens() {
        return cachedPromptTokens;
    }
}
