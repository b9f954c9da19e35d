package org.infersim.scenario;

/** A distribution of durations, in nanoseconds (a node's provisioning delay, a user's think time). Samples are at least 0. */
public sealed interface DurationSpec {

    /** The mean of the distribution, in nanoseconds. */
    double expectedNs();

    record Fixed(long ns) implements DurationSpec {
        @Override
        public double expectedNs() {
            return ns;
        }
    }

    /** Uniform between min and max, both included. */
    record Uniform(long minNs, long maxNs) implements DurationSpec {
        @Override
        public double expectedNs() {
            return (minNs + (double) maxNs) / 2;
        }
    }

    /** Lognormal with this mean and standard deviation: a long right tail, as start-up times often have. */
    record LogNormal(long meanNs, long stddevNs) implements DurationSpec {
        @Override
        public double expectedNs() {
            return meanNs;
        }
    }

    /** Exponential with this mean: memoryless, as think times are often modelled. */
    record Exponential(long meanNs) implements DurationSpec {
        @Override
        public double expectedNs() {
            return meanNs;
        }
    }
}
