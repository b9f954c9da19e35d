package org.infersim.scenario;

/**
 * Multi-turn conversations: each arrival (or, in a closed loop, each user in turn) starts a session
 * of {@code turns} turns. A turn's prompt is the whole conversation so far (the earlier messages and
 * the answers actually generated) followed by a new message of the workload's {@code promptTokens};
 * it is sent {@code thinkTime} after the previous answer finished.
 */
public record SessionSpec(LengthSpec turns, DurationSpec thinkTime) {
    /** The next turn as soon as the answer is back. */
    public static final DurationSpec DEFAULT_THINK_TIME = new DurationSpec.Fixed(0);
}
