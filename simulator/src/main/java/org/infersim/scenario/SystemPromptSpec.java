package org.infersim.scenario;

/**
 * Shared system prompts: {@code prompts} groups (an application's prompt templates, its tenants),
 * each request of the workload starting with one group's prompt, picked by its popularity. Each
 * group's length is drawn once, when the run starts, from {@code tokens} (a fixed count gives every
 * group the same length).
 */
public record SystemPromptSpec(int prompts, LengthSpec tokens, Popularity popularity) {
    /** Enough groups for any application's templates, and few enough to keep each group's length in memory. */
    public static final int MAX_PROMPTS = 1_000_000;
}
