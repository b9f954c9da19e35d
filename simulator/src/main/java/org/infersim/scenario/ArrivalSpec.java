package org.infersim.scenario;

import java.nio.file.Path;
import java.util.List;

/** When requests arrive. Rates are per second. */
public sealed interface ArrivalSpec {

    /** Exponential inter-arrival times. */
    record Poisson(double ratePerSec) implements ArrivalSpec {}

    /** Gamma inter-arrival times with the given mean rate and coefficient of variation (1 = Poisson). */
    record Gamma(double ratePerSec, double cv) implements ArrivalSpec {
        /**
         * The burstiest gamma process a run can hold. A gamma of shape 1/cv² sends its requests in
         * bursts of up to about cv² back to back (gaps far under a nanosecond), then falls silent for
         * about cv²/rate: at 1000 a burst is about a million requests, which a run holds; at 10,000 it
         * is a hundred million, which fills gigabytes, and at 1e30 every gap rounds to the clock's
         * nanosecond, a billion requests a second (and from 1e154 on the shape itself is 0).
         */
        public static final double MAX_CV = 1000;
    }

    /** A piecewise-constant rate: each step holds from its time until the next step's. */
    record Steps(List<Step> steps) implements ArrivalSpec {
        public Steps {
            steps = List.copyOf(steps);
        }
    }

    record Step(long atNs, double ratePerSec) {}

    /**
     * Deterministic arrivals (inference-perf's {@code constant} load): within each stage, one request
     * every 1/rate, the first one gap after the stage starts, as a Poisson stream's first arrival
     * comes one (random) gap after 0. A single rate is one stage at 0; a rate of 0 is silence.
     *
     * @param stages in strictly increasing time, the first at 0; each holds until the next one's time
     */
    record Constant(List<Step> stages) implements ArrivalSpec {
        public Constant {
            stages = List.copyOf(stages);
        }
    }

    /**
     * A closed loop of users (a benchmark's fixed concurrency): each user sends its next request a
     * think time after its previous one finished, completed or rejected. At a step's time the users
     * it adds all send at once, as vLLM's benchmark starts every request its {@code --max-concurrency}
     * lets through at once; when a step lowers the count, the users above it stop once their request
     * in flight has finished.
     *
     * @param users     the number of users from each step's time, the first step at 0
     * @param thinkTime from the end of one request to the next; with sessions, between two sessions
     */
    record Closed(List<UserStep> users, DurationSpec thinkTime) implements ArrivalSpec {
        /** The next request as soon as the answer is back, as a benchmark at fixed concurrency sends. */
        public static final DurationSpec DEFAULT_THINK_TIME = new DurationSpec.Fixed(0);
        /** Each user holds a generator and its samplers; a million is far beyond any benchmark's concurrency. */
        public static final int MAX_USERS = 1_000_000;

        public Closed {
            users = List.copyOf(users);
        }

        /** The most users at any time. */
        public int maxUsers() {
            return users.stream().mapToInt(UserStep::users).max().orElse(0);
        }
    }

    /** From {@code atNs} on, this many users (0 allowed). */
    record UserStep(long atNs, int users) {}

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
