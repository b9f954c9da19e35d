package org.infersim.results;

/**
 * How the sessions of a workload went: those that started after warm-up, and how those that ended
 * did. The rest were still going at the end of the run (or were stopped by a closed loop lowering
 * its users).
 *
 * @param endedAtMaxLength ended early because the next turn would not have fit the deployment's
 *                         max model length (the user starts a new conversation)
 * @param endedByRejection ended because a turn was rejected
 */
public record SessionSummary(long started, long answeredAllTurns, long endedAtMaxLength, long endedByRejection) {}
