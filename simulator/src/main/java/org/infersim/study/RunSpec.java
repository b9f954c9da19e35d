package org.infersim.study;

/** One run of a batch: a variant at one replication, under its own seed. */
public record RunSpec(String id, Variant variant, int replication, long seed) {}
