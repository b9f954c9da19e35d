package org.infersim.results;

/**
 * Dollars: {@code total} over the whole run, {@code perHour} at the fleet's rate,
 * {@code measured} over the window after warm-up, and that window's cost per million output
 * tokens (null when nothing was generated).
 */
public record CostSummary(double total, double perHour, double measured, Double perMillionOutputTokens) {}
