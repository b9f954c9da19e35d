package org.infersim.metrics;

import java.util.List;
import org.infersim.results.Decimal;
import org.infersim.results.LatencyDistribution;
import org.infersim.results.LatencySummary;
import org.infersim.results.StreamSummary;

/** What one request stream experienced during the measured window (after warm-up). */
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
    long sloMet;
    long sloMissedInFlight;
    long preemptions;

    // Requests that completed inside the window, whenever they arrived: throughput counts these,
    // so that an overloaded replica still shows the rate it actually serves.
    long finished;
    long finishedWithinSlo;
    long promptTokens;
    long outputTokens;

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

    /** Adds another stream's measured figures into this one (for the all-streams line). */
    void add(StreamMetrics o) {
        arrivedTotal += o.arrivedTotal;
        completedTotal += o.completedTotal;
        rejectedTotal += o.rejectedTotal;
        arrived += o.arrived;
        completed += o.completed;
        rejected += o.rejected;
        sloMet += o.sloMet;
        sloMissedInFlight += o.sloMissedInFlight;
        preemptions += o.preemptions;
        finished += o.finished;
        finishedWithinSlo += o.finishedWithinSlo;
        promptTokens += o.promptTokens;
        outputTokens += o.outputTokens;
        ttft.add(o.ttft);
        tpot.add(o.tpot);
        itl.add(o.itl);
        e2e.add(o.e2e);
    }

    /**
     * The published figures over a window of {@code windowS} seconds. SLO attainment is over the
     * requests that arrived in the window and counts rejected requests and those still waiting
     * past their TTFT target as misses; throughput and goodput are over the requests that
     * finished in the window.
     */
    public StreamSummary summarize(double windowS, boolean hasSlo) {
        long inFlight = arrived - completed - rejected;
        long judged = completed + rejected + sloMissedInFlight;
        Double attainment = hasSlo && judged > 0 ? Decimal.of((double) sloMet / judged) : null;
        return new StreamSummary(name, deployment, arrived, completed, rejected, inFlight,
                latency(ttft), latency(tpot), latency(itl), latency(e2e),
                attainment,
                Decimal.round((hasSlo ? finishedWithinSlo : finished) / windowS),
                Decimal.round(finished / windowS),
                Decimal.round(outputTokens / windowS),
                Decimal.round(promptTokens / windowS),
                preemptions);
    }

    private static LatencySummary latency(LatencyHistogram h) {
        return new LatencySummary(Decimal.of(h.percentileMs(50)), Decimal.of(h.percentileMs(90)),
                Decimal.of(h.percentileMs(95)), Decimal.of(h.percentileMs(99)), Decimal.of(h.meanMs()),
                Decimal.of(h.maxMs()), h.count());
    }

    /** TTFT, TPOT, inter-token and end-to-end distributions for CDF charts. */
    public List<LatencyDistribution> distributions() {
        return List.of(distribution("ttft", ttft), distribution("tpot", tpot), distribution("itl", itl),
                distribution("e2e", e2e));
    }

    private LatencyDistribution distribution(String metric, LatencyHistogram h) {
        double[] ladder = LatencyDistribution.ladder();
        if (h.count() == 0) {
            return new LatencyDistribution(name, metric, new double[0], new double[0]);
        }
        double[] values = new double[ladder.length];
        for (int i = 0; i < ladder.length; i++) {
            values[i] = ladder[i] == 0 ? h.minMs() : h.percentileMs(ladder[i]);
        }
        return new LatencyDistribution(name, metric, ladder, values);
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

    public boolean hasSlo() {
        return ttftTargetNs > 0 || tpotTargetNs > 0;
    }

    public long outputTokens() {
        return outputTokens;
    }

    /** An empty accumulator with the given label, for summing streams. */
    static StreamMetrics total(String name, long ttftTargetNs, long tpotTargetNs) {
        return new StreamMetrics(name, "", ttftTargetNs, tpotTargetNs);
    }
}
