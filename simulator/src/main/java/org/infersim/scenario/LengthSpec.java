package org.infersim.scenario;

import java.nio.file.Path;
import java.util.Arrays;

/** A distribution of token counts (prompt or output). Every sample is at least 1. */
public sealed interface LengthSpec {

    /** The largest count it can draw: what must fit in a deployment's max model length. */
    int max();

    /** Its mean (a lognormal's before its cap). */
    double mean();

    record Fixed(int value) implements LengthSpec {
        @Override
        public int max() {
            return value;
        }

        @Override
        public double mean() {
            return value;
        }
    }

    /** Uniform on the integers min..max inclusive. */
    record Uniform(int min, int max) implements LengthSpec {
        @Override
        public double mean() {
            return (min + (double) max) / 2;
        }
    }

    /** Lognormal with the given mean and standard deviation of the token count, capped at max. */
    record LogNormal(double mean, double stddev, int max) implements LengthSpec {}

    /** Draws uniformly from the values read from a file. */
    record Empirical(Path file, int[] values) implements LengthSpec {
        @Override
        public int max() {
            return Arrays.stream(values).max().orElse(1);
        }

        @Override
        public double mean() {
            return Arrays.stream(values).average().orElse(1);
        }
    }
}
