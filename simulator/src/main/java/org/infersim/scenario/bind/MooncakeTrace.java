package org.infersim.scenario.bind;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.infersim.input.Problem;

/**
 * Reads a Mooncake trace: JSON lines, one request per line, as kvcache-ai/Mooncake publishes
 * them ({@code FAST25-release/README.md} and {@code FAST25-release/traces/conversation_trace.jsonl},
 * {@code synthetic_trace.jsonl}, the traces of the FAST'25 paper):
 * <pre>{"timestamp": 27482, "input_length": 6955, "output_length": 52, "hash_ids": [46, 47, ...]}</pre>
 * <ul>
 *   <li>{@code timestamp}: the arrival, in milliseconds from the start of the trace (an integer in
 *       the published traces; a fraction is accepted);</li>
 *   <li>{@code input_length}, {@code output_length}: prompt and output tokens;</li>
 *   <li>{@code hash_ids}: the prompt's "remapped block hashes", one per block of 512 tokens, the last
 *       block partial: there are ceil(input_length / 512) of them (so in every row of the published
 *       traces, e.g. 6758 tokens with 14 ids; ai-dynamo/dynamo's {@code benchmarks/data_generator/README.md}
 *       states the same rule). Equal ids are equal tokens, and since an id stands for its block after
 *       the same earlier ones, rows that share leading ids share that prefix.</li>
 * </ul>
 * Other keys are ignored. A row without {@code hash_ids}, or with none, shares nothing. A row
 * with fewer ids than blocks (as generators that count only full blocks write) has its remaining
 * tokens to itself; more ids than blocks is a problem, since it cannot be told which ids are wrong.
 * Rows with 0 output tokens are skipped and counted, as in the CSV layouts.
 */
final class MooncakeTrace {
    /** Prompt tokens per hash id. */
    static final int BLOCK_TOKENS = 512;
    private static final String ROW = "{\"timestamp\": 0, \"input_length\": 600, \"output_length\": 20,"
            + " \"hash_ids\": [0, 1]}";
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final BigDecimal MAX_NS = BigDecimal.valueOf(Long.MAX_VALUE);

    private final TraceRows rows;

    MooncakeTrace(String display, String scenarioPath, List<Problem> problems) {
        this.rows = new TraceRows(display, scenarioPath, problems, BLOCK_TOKENS);
    }

    /** The rows from {@code first}, the file's first line, at line {@code lineNo}, to the end. */
    TraceFile.Rows read(String first, int lineNo, BufferedReader in) throws IOException {
        String line = first;
        while (line != null) {
            if (!line.isBlank()) {
                row(line, lineNo);
            }
            line = in.readLine();
            lineNo++;
        }
        return rows.finish();
    }

    private void row(String line, int lineNo) {
        if (!line.stripLeading().startsWith("{")) {
            rows.problem(lineNo, "expected a JSON object such as " + ROW + ", got '" + line.strip()
                    + "'; a trace is Mooncake JSON lines or CSV throughout, as its first line says");
            return;
        }
        JsonNode row;
        try {
            row = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            rows.problem(lineNo, "expected a JSON object such as " + ROW + ": " + e.getOriginalMessage());
            return;
        }
        if (row == null || !row.isObject()) {
            rows.problem(lineNo, "expected a JSON object such as " + ROW + ", got " + line.strip());
            return;
        }
        Long t = timestampNs(row.get("timestamp"), lineNo);
        int prompt = tokens(row.get("input_length"), "input_length", lineNo);
        int output = tokens(row.get("output_length"), "output_length", lineNo);
        if (t == null || prompt < 0 || output < 0) {
            return;
        }
        if (prompt == 0) {
            rows.problem(lineNo, "input_length: 0 prompt tokens; a request has at least one");
            return;
        }
        if (output == 0) {
            rows.skip();
            return;
        }
        JsonNode hashIds = row.get("hash_ids");
        boolean hasIds = hashIds != null && !hashIds.isNull();
        long[] ids = hasIds ? ids(hashIds, prompt, lineNo) : null;
        if (hasIds && ids == null) {
            return; // reported
        }
        rows.add(lineNo, t, prompt, output, ids == null || ids.length == 0 ? null : ids);
    }

    /** Nanoseconds from milliseconds, or null after reporting a problem. */
    private Long timestampNs(JsonNode v, int lineNo) {
        if (v == null) {
            rows.problem(lineNo, "missing timestamp (milliseconds from the start of the trace); a row is " + ROW);
            return null;
        }
        if (!v.isNumber() || v.decimalValue().signum() < 0) {
            rows.problem(lineNo, "timestamp: expected a number of milliseconds from the start of the trace, 0 or more,"
                    + " got " + v);
            return null;
        }
        BigDecimal ns = v.decimalValue().movePointRight(6).setScale(0, RoundingMode.HALF_UP);
        if (ns.compareTo(MAX_NS) > 0) {
            rows.problem(lineNo, "timestamp: " + v + " milliseconds is too large");
            return null;
        }
        return ns.longValueExact();
    }

    /** The token count, or -1 after reporting a problem. */
    private int tokens(JsonNode v, String field, int lineNo) {
        if (v == null) {
            rows.problem(lineNo, "missing " + field + "; a row is " + ROW);
            return -1;
        }
        if (v.isIntegralNumber() && v.canConvertToInt() && v.intValue() >= 0) {
            return v.intValue();
        }
        rows.problem(lineNo, field + ": expected a non-negative integer token count, got " + v);
        return -1;
    }

    /** The row's block hash ids, or null after reporting a problem. */
    private long[] ids(JsonNode v, int prompt, int lineNo) {
        if (!v.isArray()) {
            rows.problem(lineNo, "hash_ids: expected a list of integer block hash ids, got " + v);
            return null;
        }
        long blocks = ((long) prompt + BLOCK_TOKENS - 1) / BLOCK_TOKENS;
        if (v.size() > blocks) {
            rows.problem(lineNo, "hash_ids: " + v.size() + " ids, but input_length " + prompt + " is " + blocks
                    + " blocks of " + BLOCK_TOKENS + " tokens (one id per block, the last one partial)");
            return null;
        }
        long[] ids = new long[v.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode id = v.get(i);
            if (!id.isIntegralNumber() || !id.canConvertToLong()) {
                rows.problem(lineNo, "hash_ids[" + i + "]: expected an integer block hash id, got " + id);
                return null;
            }
            ids[i] = id.longValue();
        }
        return ids;
    }
}
