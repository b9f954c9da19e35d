package org.infersim.results;

/**
 * Dollars: {@code total} over the whole run, {@code perHour} at the fleet's rate,
 * {@code measured} over the window after warm-up, and that window's cost per million output
 * tokens (null when nothing was generated). Of the total, {@code billed} is what the workloads
 * held (each billed for its fraction of a GPU while it held it) and {@code unbilled} what no one
 * held: the price of idle capacity.
 */
public record CostSummary(double total, double perHour, double measured, Double perMillionOutputTokens,
                          double billed, double unbilled) {}
