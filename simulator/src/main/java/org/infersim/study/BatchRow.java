package org.infersim.study;

/**
 * One line of {@code batch.csv}: a run's identity, whether it ran, and its figures (null when it
 * failed, with {@code message} saying why).
 */
public record BatchRow(RunSpec run, boolean ok, String message, RunFigures figures, boolean resumed) {}
