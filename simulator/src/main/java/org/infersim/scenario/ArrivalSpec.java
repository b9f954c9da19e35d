package org.infersim.scenario;

import java.nio.file.Path;
import java.util.List;

/** When requests arrive. Rates are per second. */
public sealed interface ArrivalSpec {

    /** Exponential inter-arrival times. */
    record Poisson(double ratePerSec) implements ArrivalSpec {}

    /** Gamma inter-arrival times with the given mean rate and coefficient of variation (1 = Poisson). */
    record Gamma(double ratePerSec, double cv) implements ArrivalSpec {}

    /** A piecewise-constant rate: each step holds from its time until the next step's. */
    record Steps(List<Step> steps) implements ArrivalSpec {
        public Steps {
            steps = List.copyOf(steps);
        }
    }

    record Step(long atNs, double ratePerSec) {}

    /**
     * A sinusoidal daily cycle: rate(t) = mean · (1 + amplitude · cos(2π (t − peakAt) / period)).
     *
     * @param amplitude in [0, 1]: 0 is flat, 1 drops to zero at the trough
     */
    record Diurnal(double meanRatePerSec, double amplitude, long periodNs, long peakAtNs) implements ArrivalSpec {
        /** A day. */
        public static final long DEFAULT_PERIOD_NS = 86_400_000_000_000L;
        /** Noon. */
        public static final long DEFAULT_PEAK_AT_NS = 43_200_000_000_000L;
    }

    /**
     * Replay of a trace: arrival offsets from the first row, with each request's lengths.
     * Offsets are divided by {@code rateScale} (2 replays the trace twice as fast).
     *
     * @param skippedRows  rows of the file left out because they had 0 tokens (BurstGPT's failed requests)
     * @param blockHashIds what each row's prompt is, block by block, where the trace says (Mooncake's
     *                     {@code hash_ids}): equal ids are equal tokens, and so equal prefixes are equal
     *                     leading ids. Null when the trace says nothing (the CSV layouts); a row's entry is
     *                     null when that row shares nothing. Ids may cover fewer tokens than the prompt:
     *                     the rest is the row's own.
     * @param blockTokens  prompt tokens per hash id (the last block of a prompt may be shorter); 0 without ids
     */
    record Trace(Path file, double rateScale, long[] offsetsNs, int[] promptTokens, int[] outputTokens,
            int skippedRows, long[][] blockHashIds, int blockTokens) implements ArrivalSpec {

        /** The trace's own pace. */
        public static final double DEFAULT_RATE_SCALE = 1.0;

        public Trace(Path file, double rateScale, long[] offsetsNs, int[] promptTokens, int[] outputTokens) {
            this(file, rateScale, offsetsNs, promptTokens, outputTokens, 0);
        }

        /** A trace of lengths only. */
        public Trace(Path file, double rateScale, long[] offsetsNs, int[] promptTokens, int[] outputTokens,
                     int skippedRows) {
            this(file, rateScale, offsetsNs, promptTokens, outputTokens, skippedRows, null, 0);
        }
    }
}
