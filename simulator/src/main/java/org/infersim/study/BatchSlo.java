package org.infersim.study;

/**
 * The service level a batch judges its runs by. A run meets it when its p95 TTFT and p95 TPOT are
 * within the targets and, if an attainment is given, at least that fraction of its requests met
 * both targets. The batch makes these targets every workload's SLO, so that every run is judged
 * by the same yardstick.
 *
 * @param attainment a fraction in (0, 1], or null
 */
public record BatchSlo(long ttftNs, long tpotNs, Double attainment) {}
