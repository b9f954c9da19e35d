package org.infersim.results;

/**
 * GPU time used by the workloads of one priority, over the whole run, billed by fraction.
 *
 * @param name the Run:ai class (train, build-preemptible, build, inference), or the number
 */
public record PriorityClassSummary(int priority, String name, double gpuHours, double cost) {}
