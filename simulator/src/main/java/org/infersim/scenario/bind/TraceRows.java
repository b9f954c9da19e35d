package org.infersim.scenario.bind;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.infersim.input.Problem;

/**
 * The rows of one trace file as its reader finds them, with its problems (each of the first few
 * at its line, then a count); sorted by time, stably, and offset from the earliest at the end.
 * Shared by the CSV and the Mooncake readers, so that both report and order rows alike.
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

    /** A request of the trace; {@code ids} null when it shares nothing (or the trace has no ids). */
    void add(long timeNs, int promptTokens, int outputTokens, long[] ids) {
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

    /** A row with 0 tokens, left out and counted (BurstGPT's failed requests). */
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
            problems.add(new Problem(display, 0, scenarioPath, "the trace has no requests with positive token counts"
                    + (skipped > 0 ? " (" + skipped + " rows with 0 tokens were skipped)" : "")));
            return null;
        }
        int[] order = order();
        long first = times[order[0]];
        long[] offsets = new long[n];
        int[] p = new int[n];
        int[] o = new int[n];
        long[][] ids = hashIds == null ? null : new long[n][];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            offsets[k] = times[i] - first;
            p[k] = prompts[i];
            o[k] = outputs[i];
            if (ids != null) {
                ids[k] = hashIds[i];
            }
        }
        return new TraceFile.Rows(offsets, p, o, skipped, ids, ids == null ? 0 : blockTokens);
    }

    /** Row indices by time, stably; boxes them only when the file is out of order (most traces are not). */
    private int[] order() {
        int[] order = new int[n];
        boolean inOrder = true;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            inOrder &= i == 0 || times[i - 1] <= times[i];
        }
        if (!inOrder) {
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = i;
            }
            long[] t = times;
            Arrays.sort(boxed, Comparator.comparingLong(i -> t[i])); // stable (TimSort)
            for (int i = 0; i < n; i++) {
                order[i] = boxed[i];
            }
        }
        return order;
    }
}
