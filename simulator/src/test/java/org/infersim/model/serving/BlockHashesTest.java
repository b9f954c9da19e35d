package org.infersim.model.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Block identities: equal content gives equal hashes, whatever way the prompt was built. */
class BlockHashesTest {
    private static final long SYSTEM = PromptContent.identity(1);
    private static final long FIRST = PromptContent.identity(2);
    private static final long ANSWER = PromptContent.identity(3);
    private static final long SECOND = PromptContent.identity(4);

    private static long[] hashes(PromptContent content, int outputTokens) {
        Request r = new Request(0, 0, 0, 0, content, outputTokens);
        BlockHashes.compute(r, 16);
        return java.util.Arrays.copyOf(r.blockHashes, r.hashableBlocks);
    }

    @Test
    void aTurnThatContinuesTheLastOneTakesItsHashesAndGetsTheSameAsIfHashedAfresh() {
        PromptContent turn1 = PromptContent.builder().add(SYSTEM, 100).add(FIRST, 37).answer(ANSWER).build();
        long[] first = hashes(turn1, 90);
        // The answer came out 61 tokens long (not the 90 asked for); then the user's next message.
        PromptContent turn2 = PromptContent.builder().addAll(turn1).add(ANSWER, 61).add(SECOND, 50)
                .answer(PromptContent.identity(5)).build();
        PromptContent sameWithoutHistory = PromptContent.builder().add(SYSTEM, 100).add(FIRST, 37).add(ANSWER, 61)
                .add(SECOND, 50).answer(PromptContent.identity(5)).build();
        long[] continued = hashes(turn2, 20);
        assertArrayEquals(hashes(sameWithoutHistory, 20), continued);
        // 100 + 37 + 61 = 198 tokens in common: the first 12 blocks are the same as turn 1's.
        for (int b = 0; b < 12; b++) {
            assertEquals(first[b], continued[b], "block " + b);
        }
        assertNotEquals(first[12], continued[12], "block 12 holds the end of the answer and the new message");
    }

    @Test
    void segmentsAreKnownByIdentityAndPlaceNotByHowTheyWereAdded() {
        long[] one = hashes(PromptContent.builder().add(SYSTEM, 64).build(), 1);
        long[] other = hashes(PromptContent.builder().add(SYSTEM, 64).build(), 1);
        assertArrayEquals(one, other);
        long[] shifted = hashes(PromptContent.builder().add(FIRST, 16).add(SYSTEM, 48).build(), 1);
        assertNotEquals(one[1], shifted[1], "a block's hash covers everything before it");
    }
}
