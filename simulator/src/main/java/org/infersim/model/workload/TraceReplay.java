package org.infersim.model.workload;

import org.infersim.model.serving.PromptContent;
import org.infersim.scenario.ArrivalSpec;

/**
 * Replays a trace's arrival times (scaled) and hands out each row's lengths in order, and its
 * prompt's content where the trace says what prompts share (Mooncake's block hash ids).
 */
final class TraceReplay implements ArrivalProcess {
    /** Names the segments of traces' block hash ids, apart from every other kind of segment. */
    private static final long BLOCK_HASH_IDS = 0x6d6f6f6e63616b65L; // "mooncake"

    private final ArrivalSpec.Trace trace;
    /**
     * The trace's own namespace of ids: its file's name. Two traces number their blocks from 0
     * alike, and their block 0 is not the same text; two workloads replaying one file share it.
     */
    private final long salt;
    private int row = -1;

    TraceReplay(ArrivalSpec.Trace trace) {
        this.trace = trace;
        Object name = trace.file() == null ? "" : trace.file().getFileName();
        this.salt = PromptContent.identity(BLOCK_HASH_IDS, String.valueOf(name).hashCode());
    }

    @Override
    public long next(long now) {
        row++;
        if (row >= trace.offsetsNs().length) {
            return NEVER;
        }
        long at = Math.round(trace.offsetsNs()[row] / trace.rateScale());
        return Math.max(at, now);
    }

    int promptTokens() {
        return trace.promptTokens()[row];
    }

    int outputTokens() {
        return trace.outputTokens()[row];
    }

    /** Whether the trace says what its prompts share (Mooncake's block hash ids; not the CSV layouts). */
    boolean sharesPrompts() {
        return trace.blockHashIds() != null;
    }

    /**
     * The row's prompt as its blocks: one segment per hash id, the last one partial, then the
     * tokens no id covers as the row's own; null when the row shares nothing.
     */
    PromptContent promptContent() {
        long[] ids = trace.blockHashIds() == null ? null : trace.blockHashIds()[row];
        if (ids == null) {
            return null;
        }
        int tokens = trace.promptTokens()[row];
        int block = trace.blockTokens();
        PromptContent.Builder content = PromptContent.builder();
        for (int i = 0; i < ids.length; i++) {
            content.add(PromptContent.identity(salt, ids[i]), Math.min(block, tokens - i * block));
        }
        return content.add(PromptContent.PRIVATE, tokens - content.tokens()).build();
    }
}
