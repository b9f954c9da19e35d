package org.infersim.results;

/** Percentiles of one latency in milliseconds; null figures when no request was measured. */
public record LatencySummary(Double p50, Double p90, Double p95, Double p99, Double mean, Double max, long count) {}
