package org.infersim.results;

import java.io.IOException;
import java.io.Writer;
import org.infersim.metrics.TimeSeries;

/**
 * {@code timeseries.csv}: a header, then one row per deployment per metrics interval (see
 * {@link TimeSeries.Row} for what each figure measures).
 */
public final class TimeSeriesCsv {
    /** The columns, in file order. */
    public enum Column implements CsvColumn {
        TIME_S,
        DEPLOYMENT,
        REPLICAS,
        ARRIVAL_RATE_RPS,
        COMPLETION_RATE_RPS,
        REJECTIONS,
        QUEUE_LENGTH,
        RUNNING,
        BUSY_FRACTION,
        KV_OCCUPANCY,
        TTFT_P50_MS,
        TTFT_P95_MS,
        TPOT_P50_MS,
        TPOT_P95_MS,
        OUTPUT_TOKENS_PER_S,
        PREEMPTIONS,
        COST_SO_FAR_USD,
        PENDING_REPLICAS,
        REPLICAS_STARTING,
        REPLICAS_DRAINING,
        PREFIX_CACHE_HIT_RATE,
        CACHED_BLOCKS_EVICTED
    }

    private TimeSeriesCsv() {}

    public static void write(TimeSeries series, Writer out) throws IOException {
        Csv.write(out, Column.values(), series.rows(), TimeSeriesCsv::cell);
    }

    private static String cell(Column c, TimeSeries.Row r) {
        return switch (c) {
            case TIME_S -> Csv.number(r.timeS());
            case DEPLOYMENT -> Csv.text(r.deployment());
            case REPLICAS -> Csv.number(r.replicas());
            case ARRIVAL_RATE_RPS -> Csv.number(r.arrivalRateRps());
            case COMPLETION_RATE_RPS -> Csv.number(r.completionRateRps());
            case REJECTIONS -> Csv.number(r.rejections());
            case QUEUE_LENGTH -> Csv.number(r.queueLength());
            case RUNNING -> Csv.number(r.running());
            case BUSY_FRACTION -> Csv.number(r.busyFraction());
            case KV_OCCUPANCY -> Csv.number(r.kvOccupancy());
            case TTFT_P50_MS -> Csv.number(r.ttftP50Ms());
            case TTFT_P95_MS -> Csv.number(r.ttftP95Ms());
            case TPOT_P50_MS -> Csv.number(r.tpotP50Ms());
            case TPOT_P95_MS -> Csv.number(r.tpotP95Ms());
            case OUTPUT_TOKENS_PER_S -> Csv.number(r.outputTokensPerS());
            case PREEMPTIONS -> Csv.number(r.preemptions());
            case COST_SO_FAR_USD -> Csv.number(r.costSoFarUsd());
            case PENDING_REPLICAS -> Csv.number(r.pendingReplicas());
            case REPLICAS_STARTING -> Csv.number(r.replicasStarting());
            case REPLICAS_DRAINING -> Csv.number(r.replicasDraining());
            case PREFIX_CACHE_HIT_RATE -> Csv.number(r.prefixCacheHitRate());
            case CACHED_BLOCKS_EVICTED -> Csv.number(r.cachedBlocksEvicted());
        };
    }
}
