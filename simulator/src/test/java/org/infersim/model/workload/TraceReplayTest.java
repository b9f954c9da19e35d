package org.infersim.model.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.infersim.model.serving.PromptContent;
import org.infersim.scenario.ArrivalSpec;
import org.junit.jupiter.api.Test;

/** A trace with Mooncake's block hash ids gives each request its prompt as 512-token blocks. */
class TraceReplayTest {
    private static ArrivalSpec.Trace trace(String file, long[][] ids) {
        return new ArrivalSpec.Trace(Path.of("traces", file), 1.0, new long[] {0, 1_000, 2_000, 3_000},
                new int[] {1100, 600, 1300, 50}, new int[] {10, 10, 10, 10}, 0, ids, 512);
    }

    private static final long[][] IDS = {{0, 1, 2}, {0, 3}, {0, 1}, null};

    @Test
    void eachHashIdIsABlockOf512TokensTheLastPartialAndTokensNoIdCoversAreTheRequestsOwn() {
        TraceReplay replay = new TraceReplay(trace("a.jsonl", IDS));
        replay.next(0);
        PromptContent first = replay.promptContent();
        assertEquals(3, first.segments());
        assertEquals(512, first.length(0));
        assertEquals(512, first.length(1));
        assertEquals(76, first.length(2));
        assertEquals(1100, first.tokens());

        replay.next(0);
        PromptContent second = replay.promptContent();
        assertEquals(2, second.segments());
        assertEquals(88, second.length(1));
        assertEquals(first.id(0), second.id(0), "hash id 0 is the same block in every row");
        assertNotEquals(first.id(1), second.id(1));

        replay.next(0);
        PromptContent third = replay.promptContent();
        assertEquals(3, third.segments(), "two ids cover 1024 of its 1300 tokens");
        assertEquals(first.id(1), third.id(1));
        assertEquals(276, third.length(2));
        assertEquals(PromptContent.PRIVATE, third.id(2));

        replay.next(0);
        assertNull(replay.promptContent(), "a row without ids shares nothing");
    }

    @Test
    void twoTraceFilesNumberTheirBlocksApart() {
        TraceReplay a = new TraceReplay(trace("a.jsonl", IDS));
        TraceReplay b = new TraceReplay(trace("b.jsonl", IDS));
        a.next(0);
        b.next(0);
        assertNotEquals(a.promptContent().id(0), b.promptContent().id(0));
    }

    @Test
    void aTraceOfLengthsOnlySaysNothingOfWhatPromptsShare() {
        TraceReplay replay = new TraceReplay(new ArrivalSpec.Trace(Path.of("t.csv"), 1.0, new long[] {0},
                new int[] {100}, new int[] {10}));
        assertFalse(replay.sharesPrompts());
        replay.next(0);
        assertNull(replay.promptContent());
    }
}
