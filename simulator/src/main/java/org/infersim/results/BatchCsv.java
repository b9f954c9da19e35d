package org.infersim.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code batch.csv}: one row per run of a batch (a sizing or a comparison writes one too): which
 * run it is, the value of each varied parameter in a column named by its scenario path, then the
 * run's figures, all streams together. The one definition of its columns: the studies write it,
 * the reports read it back.
 */
public final class BatchCsv {
    public static final String FILE = "batch.csv";

    /** {@link RunColumn#STATUS} of a run that finished; any other status is a failure. */
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    /** The columns before the varied parameters, in file order. */
    public enum RunColumn implements CsvColumn {
        RUN("run"),
        VARIANT("variant"),
        REPLICATION("replication"),
        SEED("seed"),
        STATUS("status"),
        MESSAGE("message");

        private final String header;

        RunColumn(String header) {
            this.header = header;
        }

        @Override
        public String header() {
            return header;
        }
    }

    /**
     * The figure columns after the varied parameters, in file order: empty for a failed run and
     * where undefined. {@code gpus} is the fleet (a pool that grows counts at its largest).
     */
    public enum Figure implements CsvColumn {
        GPUS("gpus"),
        COST_PER_HOUR("cost_per_hour_usd"),
        COST("cost_usd"),
        COST_PER_MILLION_OUTPUT_TOKENS("cost_per_million_output_tokens_usd"),
        THROUGHPUT("throughput_rps"),
        OUTPUT_TOKENS_PER_S("output_tokens_per_s"),
        TTFT_P50("ttft_p50_ms"),
        TTFT_P95("ttft_p95_ms"),
        TTFT_P99("ttft_p99_ms"),
        TPOT_P50("tpot_p50_ms"),
        TPOT_P95("tpot_p95_ms"),
        TPOT_P99("tpot_p99_ms"),
        E2E_P95("e2e_p95_ms"),
        SLO_ATTAINMENT("slo_attainment"),
        GOODPUT("goodput_rps"),
        REJECTED("rejected"),
        PREEMPTIONS("preemptions"),
        BUSY_FRACTION("busy_fraction"),
        KV_PEAK_OCCUPANCY("kv_peak_occupancy"),
        /** {@code true}, {@code false}, or empty when the batch sets no SLO. */
        MEETS_SLO("meets_slo");

        private final String header;

        Figure(String header) {
            this.header = header;
        }

        @Override
        public String header() {
            return header;
        }

        /** A number (every figure but {@link #MEETS_SLO}). */
        public boolean numeric() {
            return this != MEETS_SLO;
        }
    }

    private BatchCsv() {}

    /** The header line for these varied parameters (scenario paths), without the line break. */
    public static String header(List<String> parameters) {
        StringBuilder line = new StringBuilder(Csv.header(RunColumn.values()));
        for (String p : parameters) {
            line.append(',').append(Csv.text(p));
        }
        return line.append(',').append(Csv.header(Figure.values())).toString();
    }

    /**
     * How a varied value appears in its column, in batch.json's list of values and in a
     * variant's label: scalars as written, structures as JSON.
     */
    public static String value(JsonNode v) {
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
