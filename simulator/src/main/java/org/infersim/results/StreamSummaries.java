package org.infersim.results;

import java.util.List;
import org.infersim.metrics.LatencyHistogram;
import org.infersim.metrics.StreamMetrics;

/**
 * What is published of a stream's raw counters and histograms: its summary figures and its
 * latency distributions, rounded as every published figure is ({@link Decimal}).
 */
public final class StreamSummaries {
    private StreamSummaries() {}

    /**
     * The published figures over a window of {@code windowS} seconds. SLO attainment is over the
     * requests that arrived in the window and counts rejected requests and those still waiting
     * past their TTFT target as misses; throughput and goodput are over the requests that
     * finished in the window.
     */
    public static StreamSummary summarize(StreamMetrics s, double windowS, boolean hasSlo) {
        long inFlight = s.arrived() - s.completed() - s.rejected();
        long judged = s.completed() + s.rejected() + s.sloMissedInFlight();
        Double attainment = hasSlo && judged > 0 ? Decimal.of((double) s.sloMet() / judged) : null;
        return new StreamSummary(s.name(), s.deployment(), s.arrived(), s.completed(), s.rejected(), inFlight,
                latency(s.ttft()), latency(s.tpot()), latency(s.itl()), latency(s.e2e()),
                attainment,
                Decimal.round((hasSlo ? s.finishedWithinSlo() : s.finished()) / windowS),
                Decimal.round(s.finished() / windowS),
                Decimal.round(s.outputTokens() / windowS),
                Decimal.round(s.promptTokens() / windowS),
                s.preemptions(),
                s.startedPromptTokens() == 0 ? null : Decimal.of((double) s.cachedPromptTokens() / s.startedPromptTokens()),
                s.cachedPromptTokens(),

                s.hasSessions() ? new SessionSummary(s.sessionsStarted(), s.sessionsAnsweredAllTurns(),
                        s.sessionsEndedAtMaxLength(), s.sessionsEndedByRejection()) : null,
                s.rejectedByReason());
    }

    private static LatencySummary latency(LatencyHistogram h) {
        return new LatencySummary(Decimal.of(h.percentileMs(50)), Decimal.of(h.percentileMs(90)),
                Decimal.of(h.percentileMs(95)), Decimal.of(h.percentileMs(99)), Decimal.of(h.meanMs()),
                Decimal.of(h.maxMs()), h.count());
    }

    /** TTFT, TPOT, inter-token and end-to-end distributions for CDF charts. */
    public static List<LatencyDistribution> distributions(StreamMetrics s) {
        return List.of(distribution(s.name(), "ttft", s.ttft()), distribution(s.name(), "tpot", s.tpot()),
                distribution(s.name(), "itl", s.itl()), distribution(s.name(), "e2e", s.e2e()));
    }

    private static LatencyDistribution distribution(String stream, String metric, LatencyHistogram h) {
        double[] ladder = LatencyDistribution.ladder();
        if (h.count() == 0) {
            return new LatencyDistribution(stream, metric, new double[0], new double[0]);
        }
        double[] values = new double[ladder.length];
        for (int i = 0; i < ladder.length; i++) {
            values[i] = ladder[i] == 0 ? h.minMs() : h.percentileMs(ladder[i]);
        }
        return new LatencyDistribution(stream, metric, ladder, values);
    }
}
