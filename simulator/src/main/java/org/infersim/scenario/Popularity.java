package org.infersim.scenario;

/** How often each of a set of shared prompt parts (system prompts, documents) is picked. */
public sealed interface Popularity {
    /** Every part equally often. */
    Popularity UNIFORM = new Uniform();

    record Uniform() implements Popularity {}

    /**
     * The part of rank k (1 the most popular) in proportion to 1/k^exponent: 1 is the classic Zipf
     * law; above 1 a few parts take most requests, towards 0 it flattens to uniform.
     */
    record Zipf(double exponent) implements Popularity {
        /** The classic law, when only {@code popularity: zipf} is written. */
        public static final double DEFAULT_EXPONENT = 1.0;
    }
}
