package org.infersim.scenario;

/** A distribution of durations, in nanoseconds (a node's provisioning delay, for one). Samples are at least 0. */
public sealed interface DurationSpec {

    record Fixed(long ns) implements DurationSpec {}

    /** Uniform between min and max, both included. */
    record Uniform(long minNs, long maxNs) implements DurationSpec {}

    /** Lognormal with this mean and standard deviation: a long right tail, as start-up times often have. */
    record LogNormal(long meanNs, long stddevNs) implements DurationSpec {}
}
