package org.infersim.metrics;

import java.util.ArrayList;
import java.util.List;
import org.infersim.model.serving.Replica;
import org.infersim.model.serving.ReplicaSet;

/**
 * One row per deployment every metrics interval: what a dashboard would have shown. Rates and
 * busy fractions are over the interval that just ended; queue, running and KV are at the instant.
 * {@code replicas} counts replicas ready to serve, {@code pendingReplicas} those still waiting
 * for GPUs; the queue includes requests waiting for a first ready replica.
 */
public final class TimeSeries {
    /**
     * One deployment at one sample. Rates and busy are over the interval that just ended (NaN
     * percentiles when no request was measured in it); the rest are at the instant. The prefix-cache
     * hit rate is of the prompt tokens of the requests that got their first token in the interval
     * (NaN when none did).
     */
    public record Row(
            double timeS,
            String deployment,
            int replicas,
            double arrivalRateRps,
            double completionRateRps,
            long rejections,
            int queueLength,
            int running,
            double busyFraction,
            double kvOccupancy,
            double ttftP50Ms,
            double ttftP95Ms,
            double tpotP50Ms,
            double tpotP95Ms,
            double outputTokensPerS,
            long preemptions,
            double costSoFarUsd,
            int pendingReplicas,
            int replicasStarting,
            int replicasDraining,
            double prefixCacheHitRate,
            long cachedBlocksEvicted) {}

    private final List<Row> rows = new ArrayList<>();
    private final PoolSeries pools = new PoolSeries();

    /** Samples every deployment; called by the run at each interval boundary. */
    public void sample(long nowNs, long intervalNs, List<ReplicaSet> sets, RunMetrics metrics, double costSoFar) {
        IntervalMetrics[] intervals = metrics.intervals();
        double seconds = intervalNs / 1e9;
        for (int d = 0; d < sets.size(); d++) {
            ReplicaSet set = sets.get(d);
            IntervalMetrics m = intervals[d];
            int waiting = set.unroutedCount();
            int running = 0;
            long kvUsed = 0;
            long kvTotal = 0;
            for (Replica r : set.replicas()) {
                waiting += r.waitingCount();
                running += r.runningCount();
                kvUsed += r.kvCache().usedBlocks();
                kvTotal += r.kvCache().totalBlocks();
            }
            int replicas = set.replicas().size();
            rows.add(new Row(nowNs / 1e9, set.name(),
                    replicas,
                    m.arrivals / seconds,
                    m.completions / seconds,
                    m.rejections,
                    waiting,
                    running,
                    replicas == 0 ? 0 : Math.min(1.0, m.busyNs / (intervalNs * (double) replicas)),
                    kvTotal == 0 ? 0 : (double) kvUsed / kvTotal,
                    m.ttft.percentileMs(50),
                    m.ttft.percentileMs(95),
                    m.tpot.percentileMs(50),
                    m.tpot.percentileMs(95),
                    m.outputTokens / seconds,
                    m.preemptions,
                    costSoFar,
                    Math.max(0, set.requestedReplicas() - replicas - set.startingReplicas()),
                    set.startingReplicas(),
                    set.drainingReplicas(),
                    m.promptTokens == 0 ? Double.NaN : (double) m.cachedPromptTokens / m.promptTokens,
                    m.evictedBlocks));
            m.reset();
        }
    }

    public List<Row> rows() {
        return rows;
    }

    /** The pools' rows, sampled at the same instants. */
    public PoolSeries pools() {
        return pools;
    }
}
