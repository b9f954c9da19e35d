package org.infersim.model.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The paged KV cache: block accounting, and vLLM V1's prefix caching over it. */
class KvCacheTest {
    private static final int BLOCK = 16;
    private long ids;

    private static PromptContent shared(long segment, int tokens) {
        return PromptContent.builder().add(PromptContent.identity(segment), tokens).build();
    }

    private Request request(PromptContent content) {
        return new Request(ids++, 0, 0, 0, content, 10);
    }

    /** Admits {@code r} as a replica would and computes its whole prompt; returns the blocks found cached, or -1 when it does not fit. */
    private static int start(KvCache kv, Request r) {
        int hits = kv.findCachedPrefix(r);
        long fresh = kv.blocksFor(r.promptTokens) - hits;
        if (!kv.canAdmit(r, hits, fresh)) {
            return -1;
        }
        kv.admit(r, hits, fresh);
        r.computed = r.promptTokens;
        kv.computed(r);
        return hits;
    }

    @Test
    void blocksAreCountedInWholeBlocksOfTokens() {
        KvCache kv = new KvCache(100, BLOCK);
        assertEquals(1, kv.blocksFor(1));
        assertEquals(1, kv.blocksFor(16));
        assertEquals(2, kv.blocksFor(17));
        assertEquals(0, kv.blocksFor(0));
    }

    @Test
    void neverHandsOutMoreBlocksThanItHas() {
        KvCache kv = new KvCache(10, BLOCK);
        Request a = new Request(1, 0, 0, 0, 100, 1);
        kv.allocate(a, 7);
        assertFalse(kv.canAllocate(4));
        assertThrows(IllegalStateException.class, () -> kv.allocate(a, 4));
        assertEquals(7, kv.usedBlocks(), "a refused allocation changes nothing");
        kv.allocate(a, 3);
        assertEquals(0, kv.freeBlocks());
        assertEquals(1.0, kv.occupancy());
        kv.release(a);
        assertEquals(10, kv.freeBlocks());
        assertEquals(10, kv.peakUsedBlocks());
    }

    @Test
    void withoutPrefixCachingNothingIsFoundAgain() {
        KvCache kv = new KvCache(100, BLOCK, false);
        Request first = request(shared(1, 40));
        start(kv, first);
        kv.release(first);
        assertEquals(0, start(kv, request(shared(1, 40))));
        assertEquals(0, kv.cachedFreeBlocks());
    }

    @Test
    void aPromptSeenBeforeIsServedFromCacheButForItsLastPartialBlock() {
        KvCache kv = new KvCache(100, BLOCK, true);
        Request first = request(shared(1, 40));
        assertEquals(0, start(kv, first));
        kv.release(first);
        assertEquals(2, kv.cachedFreeBlocks(), "its two full blocks stay cached; the partial third does not");

        Request again = request(shared(1, 40));
        assertEquals(32, kv.cachedPrefixTokens(again), "what a router sees");
        assertEquals(2, start(kv, again));
        assertEquals(32, again.cachedPromptTokens(), "only the last 8 tokens are prefilled");
        assertEquals(32 + 0, kv.promptTokensHit());
        assertEquals(80, kv.promptTokensLookedUp());
    }

    @Test
    void aPromptOfWholeBlocksStillComputesItsLastBlock() {
        KvCache kv = new KvCache(100, BLOCK, true);
        Request first = request(shared(1, 32));
        start(kv, first);
        kv.release(first);
        // vLLM needs the last token's logits, so at least one token is computed: the last block is recomputed.
        assertEquals(1, start(kv, request(shared(1, 32))));
    }

    @Test
    void sharingStopsAtTheFirstSegmentThatDiffersAndAtAnyPrivateToken() {
        KvCache kv = new KvCache(100, BLOCK, true);
        long system = PromptContent.identity(7);
        Request a = request(PromptContent.builder().add(system, 32).add(PromptContent.identity(8), 64).build());
        start(kv, a);
        Request otherDocument = request(PromptContent.builder().add(system, 32).add(PromptContent.identity(9), 64).build());
        assertEquals(2, start(kv, otherDocument), "the system prompt's two blocks, not the document's");

        Request privateFirst = request(PromptContent.builder().add(PromptContent.PRIVATE, 8).add(system, 32).build());
        start(kv, privateFirst);
        assertEquals(0, privateFirst.hashableBlocks, "a block chains over everything before it");
        Request straddling = request(PromptContent.builder().add(system, 20).add(PromptContent.PRIVATE, 40).build());
        start(kv, straddling);
        assertEquals(1, straddling.hashableBlocks, "the block holding the 21st token holds a private one too");
    }

    @Test
    void aPromptThatSharesOnlyTheStartOfACachedRunCutsItAndBothBranchesStayFound() {
        KvCache kv = new KvCache(100, BLOCK, true);
        long system = PromptContent.identity(7);
        PromptContent withA = PromptContent.builder().add(system, 32).add(PromptContent.identity(8), 64).build();
        PromptContent withB = PromptContent.builder().add(system, 32).add(PromptContent.identity(9), 64).build();
        Request a = request(withA);
        start(kv, a);
        kv.release(a);
        Request b = request(withB);
        assertEquals(2, start(kv, b), "the system prompt's blocks, cut from the front of a's run");
        kv.release(b);
        assertTrue(kv.consistent());
        assertEquals(5, start(kv, request(withA)), "a's documents are still there, after the cut");
        assertEquals(5, start(kv, request(withB)), "and b's, cached as a branch beside them");
        assertEquals(2 + 4 + 4, kv.usedBlocks(), "the system prompt once, each document once");
        assertTrue(kv.consistent());
    }

    @Test
    void theLeastRecentlyFreedBlocksAreEvictedFirstAndASequencesLastBlocksBeforeItsFirst() {
        KvCache kv = new KvCache(9, BLOCK, true);
        Request a = request(shared(1, 48));
        Request b = request(shared(2, 48));
        Request c = request(shared(3, 48));
        for (Request r : List.of(a, b, c)) {
            start(kv, r);
        }
        for (Request r : List.of(a, b, c)) {
            kv.release(r);
        }
        assertEquals(9, kv.cachedFreeBlocks());

        Request newcomer = new Request(99, 0, 0, 0, 16, 1);
        kv.allocate(newcomer, 1);
        assertEquals(1, kv.evictedBlocks());
        assertEquals(32, kv.cachedPrefixTokens(request(shared(1, 48))), "a's third block went first; its first two remain");

        // b is used again, so it is now more recent than c.
        Request bAgain = request(shared(2, 48));
        assertEquals(2, start(kv, bAgain));
        kv.release(bAgain);
        kv.allocate(newcomer, 2 + 3);
        assertEquals(0, kv.cachedPrefixTokens(request(shared(1, 48))), "a is gone");
        assertEquals(0, kv.cachedPrefixTokens(request(shared(3, 48))), "then c");
        assertEquals(32, kv.cachedPrefixTokens(request(shared(2, 48))), "b, freed last, is still there");
        assertEquals(6, kv.evictedBlocks());
        assertTrue(kv.consistent());
    }

    @Test
    void sharedBlocksAreNeverFreedWhileASequenceHoldsThem() {
        KvCache kv = new KvCache(4, BLOCK, true);
        Request a = request(shared(1, 48));
        Request b = request(shared(1, 48));
        start(kv, a);
        assertEquals(2, start(kv, b));
        assertEquals(3, kv.usedBlocks(), "b's third block, computed again, is the same as a's and merges into it");
        kv.release(a);
        assertEquals(3, kv.usedBlocks(), "b still holds all three");
        Request big = new Request(50, 0, 0, 0, 32, 1);
        assertEquals(-1, start(kv, big), "two blocks do not fit beside b's three");
        kv.release(b);
        assertEquals(4, kv.freeBlocks());
        assertEquals(3, kv.cachedFreeBlocks());
        assertTrue(kv.consistent());
    }

    @Test
    void underRandomSharingTheBooksBalanceAndNothingIsOverAllocated() {
        SplittableRandom random = new SplittableRandom(42);
        KvCache kv = new KvCache(200, BLOCK, true);
        List<Request> held = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            if (!held.isEmpty() && (random.nextInt(3) == 0 || kv.freeBlocks() < 20)) {
                kv.release(held.remove(random.nextInt(held.size())));
            } else if (!held.isEmpty() && random.nextBoolean()) {
                Request r = held.get(random.nextInt(held.size()));
                long more = kv.blocksFor(r.computed + 16L) - r.blocks;
                if (kv.canAllocate(more)) {
                    kv.allocate(r, more);
                    r.computed += 16;
                    kv.computed(r);
                }
            } else {
                PromptContent content = PromptContent.builder()
                        .add(PromptContent.identity(random.nextInt(5)), 16 + random.nextInt(64))
                        .add(PromptContent.identity(100 + random.nextInt(3)), 1 + random.nextInt(40))
                        .answer(random.nextBoolean() ? PromptContent.identity(1000 + step) : PromptContent.PRIVATE)
                        .build();
                Request r = new Request(step, 0, 0, 0, content, 64);
                if (start(kv, r) >= 0) {
                    held.add(r);
                }
            }
            assertTrue(kv.usedBlocks() <= kv.totalBlocks(), "step " + step);
            assertTrue(kv.consistent(), "step " + step);
        }
        held.forEach(kv::release);
        assertEquals(0, kv.usedBlocks());
        assertTrue(kv.promptTokensHit() > 0, "the random prompts did share");
        assertTrue(kv.evictedBlocks() > 0, "and the cache did fill");
    }
}
