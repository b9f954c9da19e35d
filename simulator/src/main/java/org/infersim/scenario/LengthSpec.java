package org.infersim.scenario;

import java.nio.file.Path;

/** A distribution of token counts (prompt or output). Every sample is at least 1. */
public sealed interface LengthSpec {

    record Fixed(int value) implements LengthSpec {}

    /** Uniform on the integers min..max inclusive. */
    record Uniform(int min, int max) implements LengthSpec {}

    /** Lognormal with the given mean and standard deviation of the token count, capped at max. */
    record LogNormal(double mean, double stddev, int max) implements LengthSpec {}

    /** Draws uniformly from the values read from a file. */
    record Empirical(Path file, int[] values) implements LengthSpec {}
}
