package org.infersim.results;

/** Every request of the run, warm-up included: arrived = completed + rejected + inFlight. */
public record RequestCounts(long arrived, long completed, long rejected, long inFlight) {}
