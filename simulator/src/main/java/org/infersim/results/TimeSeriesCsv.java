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
        TIME("time_s"),
        DEPLOYMENT("deployment"),
        REPLICAS("replicas"),
        ARRIVAL_RATE("arrival_rate_rps"),
        COMPLETION_RATE("completion_rate_rps"),
        REJECTIONS("rejections"),
        QUEUE_LENGTH("queue_length"),
        RUNNING("running"),
        BUSY_FRACTION("busy_fraction"),
        KV_OCCUPANCY("kv_occupancy"),
        TTFT_P50("ttft_p50_ms"),
        TTFT_P95("ttft_p95_ms"),
        TPOT_P50("tpot_p50_ms"),
        TPOT_P95("tpot_p95_ms"),
        OUTPUT_TOKENS_PER_S("output_tokens_per_s"),
        PREEMPTIONS("preemptions"),
        COST_SO_FAR("cost_so_far_usd"),
        PENDING_REPLICAS("pending_replicas"),
        REPLICAS_STARTING("replicas_starting"),
        REPLICAS_DRAINING("replicas_draining");

        private final String header;

        Column(String header) {
            this.header = header;
        }

        @Override
        public String header() {
            return header;
        }
    }

    private static final Column[] COLUMNS = Column.values();

    private TimeSeriesCsv() {}

    public static void write(TimeSeries series, Writer out) throws IOException {
        out.write(Csv.header(COLUMNS));
        out.write('\n');
        StringBuilder line = new StringBuilder(256);
        for (TimeSeries.Row row : series.rows()) {
            out.write(Csv.line(line, COLUMNS, c -> cell(c, row)));
        }
    }

    private static String cell(Column c, TimeSeries.Row r) {
        return switch (c) {
            case TIME -> Csv.number(r.timeS());
            case DEPLOYMENT -> Csv.text(r.deployment());
            case REPLICAS -> Csv.number(r.replicas());
            case ARRIVAL_RATE -> Csv.number(r.arrivalRateRps());
            case COMPLETION_RATE -> Csv.number(r.completionRateRps());
            case REJECTIONS -> Csv.number(r.rejections());
            case QUEUE_LENGTH -> Csv.number(r.queueLength());
            case RUNNING -> Csv.number(r.running());
            case BUSY_FRACTION -> Csv.number(r.busyFraction());
            case KV_OCCUPANCY -> Csv.number(r.kvOccupancy());
            case TTFT_P50 -> Csv.number(r.ttftP50Ms());
            case TTFT_P95 -> Csv.number(r.ttftP95Ms());
            case TPOT_P50 -> Csv.number(r.tpotP50Ms());
            case TPOT_P95 -> Csv.number(r.tpotP95Ms());
            case OUTPUT_TOKENS_PER_S -> Csv.number(r.outputTokensPerS());
            case PREEMPTIONS -> Csv.number(r.preemptions());
            case COST_SO_FAR -> Csv.number(r.costSoFarUsd());
            case PENDING_REPLICAS -> Csv.number(r.pendingReplicas());
            case REPLICAS_STARTING -> Csv.number(r.replicasStarting());
            case REPLICAS_DRAINING -> Csv.number(r.replicasDraining());
        };
    }
}
