package org.infersim.model.performance;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The measured steps of one deployment in primitive arrays, sorted for interpolation: the
 * prefill steps by tokens, and the decode steps by sequences, each count of sequences (a slice)
 * with its own measured contexts, which may differ from slice to slice (large batches are rarely
 * measured at long contexts, which do not fit). Repeated measurements of one point are averaged.
 */
final class StepTimeGrid {
    /** Prefill tokens, ascending, and the measured step at each, in nanoseconds. */
    final double[] prefillTokens;
    final double[] prefillNs;
    /** Decoding sequences of each slice, ascending. */
    final double[] decodeSeqs;
    /** Slice {@code i}'s points are {@code sliceStart[i]} to {@code sliceStart[i + 1]} (exclusive) of the two below. */
    final int[] sliceStart;
    /** Mean context of the decoding sequences, ascending within a slice, and the measured step there, in ns. */
    final double[] contexts;
    final double[] decodeNs;

    private StepTimeGrid(double[] prefillTokens, double[] prefillNs, double[] decodeSeqs, int[] sliceStart,
                         double[] contexts, double[] decodeNs) {
        this.prefillTokens = prefillTokens;
        this.prefillNs = prefillNs;
        this.decodeSeqs = decodeSeqs;
        this.sliceStart = sliceStart;
        this.contexts = contexts;
        this.decodeNs = decodeNs;
    }

    static StepTimeGrid of(List<StepTimeTable.Row> rows) {
        TreeMap<Double, Mean> prefill = new TreeMap<>();
        TreeMap<Double, TreeMap<Double, Mean>> decode = new TreeMap<>();
        for (StepTimeTable.Row r : rows) {
            if (r.decodeSeqs() == 0) {
                prefill.computeIfAbsent((double) r.prefillTokens(), k -> new Mean()).add(r.stepMs());
            } else {
                decode.computeIfAbsent((double) r.decodeSeqs(), k -> new TreeMap<>())
                        .computeIfAbsent(r.decodeContext(), k -> new Mean()).add(r.stepMs());
            }
        }
        double[] pTokens = new double[prefill.size()];
        double[] pNs = new double[prefill.size()];
        int i = 0;
        for (Map.Entry<Double, Mean> e : prefill.entrySet()) {
            pTokens[i] = e.getKey();
            pNs[i++] = e.getValue().ns();
        }
        int points = decode.values().stream().mapToInt(Map::size).sum();
        double[] seqs = new double[decode.size()];
        int[] start = new int[decode.size() + 1];
        double[] ctx = new double[points];
        double[] dNs = new double[points];
        int s = 0;
        int p = 0;
        for (Map.Entry<Double, TreeMap<Double, Mean>> slice : decode.entrySet()) {
            seqs[s] = slice.getKey();
            start[s++] = p;
            for (Map.Entry<Double, Mean> e : slice.getValue().entrySet()) {
                ctx[p] = e.getKey();
                dNs[p++] = e.getValue().ns();
            }
        }
        start[s] = p;
        return new StepTimeGrid(pTokens, pNs, seqs, start, ctx, dNs);
    }

    boolean hasPrefill() {
        return prefillTokens.length > 0;
    }

    boolean hasDecode() {
        return decodeSeqs.length > 0;
    }

    boolean isEmpty() {
        return !hasPrefill() && !hasDecode();
    }

    /**
     * The index {@code i} in {@code [from, to)} with {@code xs[i] <= x < xs[i + 1]}, for an
     * {@code x} strictly inside the range {@code xs[from]..xs[to - 1]}.
     */
    static int bracket(double[] xs, int from, int to, double x) {
        int lo = from;
        int hi = to - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The straight line through (x0, y0) and (x1, y1) at x. */
    static double between(double x0, double y0, double x1, double y1, double x) {
        return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
    }

    private static final class Mean {
        private double sumMs;
        private int n;

        void add(double ms) {
            sumMs += ms;
            n++;
        }

        double ns() {
            return sumMs / n * 1e6;
        }
    }
}
