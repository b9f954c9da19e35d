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
        RUN,
        VARIANT,
        REPLICATION,
        SEED,
        STATUS,
        MESSAGE
    }

    /**
     * The figure columns after the varied parameters, in file order: empty for a failed run and
     * where undefined. {@code gpus} is the fleet (a pool that grows counts at its largest).
     */
    public enum Figure implements CsvColumn {
        GPUS,
        COST_PER_HOUR_USD,
        COST_USD,
        COST_PER_MILLION_OUTPUT_TOKENS_USD,
        THROUGHPUT_RPS,
        OUTPUT_TOKENS_PER_S,
        TTFT_P50_MS,
        TTFT_P95_MS,
        TTFT_P99_MS,
        TPOT_P50_MS,
        TPOT_P95_MS,
        TPOT_P99_MS,
        E2E_P95_MS,
        SLO_ATTAINMENT,
        GOODPUT_RPS,
        REJECTED,
        PREEMPTIONS,
        BUSY_FRACTION,
        KV_PEAK_OCCUPANCY,
        /** Prompt tokens served from the prefix cache over all prompt tokens; empty when no request started. */
        PREFIX_CACHE_HIT_RATE,
        /** The same fleet on demand, and owned (capital over depreciation, space, electricity), per hour. */
        ON_DEMAND_PER_HOUR_USD,
        ON_PREM_PER_HOUR_USD,
        /** What the scenario's hosted API would bill a month for the run's traffic; empty without one. */
        API_PER_MONTH_USD,
        /** Tokens a month above which owning the fleet is cheaper than the hosted API. */
        CROSSOVER_TOKENS_PER_MONTH,
        /** {@code true}, {@code false}, or empty when the batch sets no SLO. */
        MEETS_SLO;

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
