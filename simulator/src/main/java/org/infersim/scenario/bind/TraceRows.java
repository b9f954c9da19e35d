package org.infersim.scenario.bind;

import java.util.Arrays;
import java.util.List;
import org.infersim.input.Problem;

/**
 * The rows of one trace file as its reader finds them, with its problems (each of the first few
 * at its line, then a count), offset from the first at the end. A row earlier than the one before
 * it is a problem: a trace is a log in time order, and one out of order is more likely two files
 * joined or a column mistaken than requests to be reordered. Shared by the CSV and the Mooncake
 * readers, so that both report rows alike.
 */
final class TraceRows {
    private final String display;
    private final String scenarioPath;
    private final List<Problem> problems;
    private final int blockTokens;
    private long[] times = new long[4096];
    private int[] prompts = new int[4096];
    private int[] outputs = new int[4096];
    /** Each row's block hash ids; null for a trace without them (CSV). */
    private long[][] hashIds;
    private int n;
    /** The line of the last row added, for the message when the next one is earlier. */
    private int lastLine;
    private int skipped;
    private int bad;

    /**
     * @param blockTokens prompt tokens per block hash id, 0 for a trace without ids
     */
    TraceRows(String display, String scenarioPath, List<Problem> problems, int blockTokens) {
        this.display = display;
        this.scenarioPath = scenarioPath;
        this.problems = problems;
        this.blockTokens = blockTokens;
        this.hashIds = blockTokens > 0 ? new long[4096][] : null;
    }

    /**
     * A request of the trace, at line {@code lineNo}; {@code ids} null when it shares nothing (or
     * the trace has no ids).
     */
    void add(int lineNo, long timeNs, int promptTokens, int outputTokens, long[] ids) {
        if (n > 0 && timeNs < times[n - 1]) {
            problem(lineNo, "this row is earlier than the one on line " + lastLine + "; a trace lists its requests"
                    + " in time order (sort it by its timestamps)");
            return;
        }
        lastLine = lineNo;
        if (n == times.length) {
            times = Arrays.copyOf(times, n * 2);
            prompts = Arrays.copyOf(prompts, n * 2);
            outputs = Arrays.copyOf(outputs, n * 2);
            hashIds = hashIds == null ? null : Arrays.copyOf(hashIds, n * 2);
        }
        times[n] = timeNs;
        prompts[n] = promptTokens;
        outputs[n] = outputTokens;
        if (hashIds != null) {
            hashIds[n] = ids;
        }
        n++;
    }

    /** A row with 0 output tokens, left out and counted (BurstGPT's failed requests). */
    void skip() {
        skipped++;
    }

    void problem(int lineNo, String message) {
        if (bad++ < TraceFile.MAX_PROBLEMS) {
            problems.add(new Problem(display, lineNo, scenarioPath, message));
        }
    }

    /** The rows in time order, or null after problems (the count of those not reported is added now). */
    TraceFile.Rows finish() {
        if (bad > TraceFile.MAX_PROBLEMS) {
            problems.add(new Problem(display, 0, scenarioPath, (bad - TraceFile.MAX_PROBLEMS)
                    + " more rows have problems"));
        }
        if (bad > 0) {
            return null;
        }
        if (n == 0) {
            problems.add(new Problem(display, 0, scenarioPath, "the trace has no requests with output tokens"
                    + (skipped > 0 ? " (" + skipped + " rows with 0 output tokens were skipped)" : "")));
            return null;
        }
        long first = times[0];
        long[] offsets = new long[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = times[i] - first;
        }
        long[][] ids = hashIds == null ? null : Arrays.copyOf(hashIds, n);
        return new TraceFile.Rows(offsets, Arrays.copyOf(prompts, n), Arrays.copyOf(outputs, n), skipped, ids,
                ids == null ? 0 : blockTokens);
    }
}
