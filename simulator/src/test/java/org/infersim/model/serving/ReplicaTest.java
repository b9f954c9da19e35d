package org.infersim.model.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.infersim.kernel.Simulation;
import org.infersim.model.serving.batching.FcfsScheduling;
import org.infersim.model.serving.batching.PriorityScheduling;
import org.infersim.model.serving.batching.RecomputePreemption;
import org.infersim.model.serving.batching.SwapPreemption;
import org.infersim.testing.FixedStepTime;
import org.infersim.testing.FixedStepTime.Step;
import org.infersim.testing.RecordingObserver;
import org.junit.jupiter.api.Test;

/**
 * One replica's continuous batching, iteration by iteration, on a step-time model whose
 * iterations all take 10 ms: what each iteration computes, and what becomes of the sequence that
 * is preempted when the KV cache runs out of blocks.
 */
class ReplicaTest {
    private static final int BLOCK = 16;

    private final Simulation sim = new Simulation();
    private final FixedStepTime stepTime = new FixedStepTime(10_000_000L);
    private final RecordingObserver observer = new RecordingObserver();

    private Replica replica(long kvBlocks, int maxNumSeqs, int maxNumBatchedTokens, boolean chunkedPrefill,
                            SchedulingPolicy scheduling, KvPreemption preemption, long swapBlocks) {
        ResolvedEngine engine = new ResolvedEngine(BLOCK, maxNumSeqs, maxNumBatchedTokens, chunkedPrefill, scheduling,
                preemption, swapBlocks, 100_000, false, 0);
        return new Replica(0, "r", sim, stepTime, null, new KvCache(kvBlocks, BLOCK), engine, observer, 1);
    }

    private Replica roomy(int maxNumSeqs, int maxNumBatchedTokens, boolean chunkedPrefill) {
        return replica(10_000, maxNumSeqs, maxNumBatchedTokens, chunkedPrefill, new FcfsScheduling(),
                new RecomputePreemption(), 0);
    }

    /** Ten blocks of 16 tokens: two 64-token prompts fit, and run out of room together at 80 tokens each. */
    private Replica cramped(SchedulingPolicy scheduling, KvPreemption preemption, long swapBlocks) {
        return replica(10, 8, 1000, true, scheduling, preemption, swapBlocks);
    }

    private static Request request(long id, int priority, int promptTokens, int outputTokens) {
        return new Request(id, 0, priority, 0, promptTokens, outputTokens);
    }

    @Test
    void runningSequencesGetTheirTokensFirstAndPromptsFillWhatIsLeftOfTheBudgetInChunks() {
        Replica r = roomy(8, 100, true);
        r.submit(request(1, 0, 30, 3));
        r.submit(request(2, 0, 150, 2));
        r.submit(request(3, 0, 40, 2));
        sim.run();
        assertEquals(List.of(
                new Step(100, 0, 0),   // 1's whole prompt, the first 70 tokens of 2's; 3 waits
                new Step(99, 1, 0),    // 1 decodes; the other 80 of 2's prompt, then 19 of 3's
                new Step(21, 2, 0),    // 1 and 2 decode; the rest of 3's prompt
                new Step(0, 1, 0)),    // 3 decodes
                stepTime.steps());
        assertEquals(List.of(1L, 2L, 3L), observer.completed);
    }

    @Test
    void aBatchHoldsAtMostMaxNumSeqsSequences() {
        Replica r = roomy(2, 1000, true);
        for (long id = 1; id <= 3; id++) {
            r.submit(request(id, 0, 10, 2));
        }
        sim.run();
        assertEquals(List.of(new Step(20, 0, 0), new Step(0, 2, 0), new Step(10, 0, 0), new Step(0, 1, 0)),
                stepTime.steps());
    }

    @Test
    void withoutChunkedPrefillAPromptWaitsForAnIterationWithRoomForAllOfIt() {
        Replica r = roomy(8, 100, false);
        r.submit(request(1, 0, 60, 2));
        r.submit(request(2, 0, 60, 2));
        sim.run();
        assertEquals(List.of(new Step(60, 0, 0), new Step(60, 1, 0), new Step(0, 1, 0)), stepTime.steps());
    }

    @Test
    void aReplicaThatRunsOutOfKvBlocksPreemptsTheNewestRequestAndLaterRecomputesIt() {
        Replica r = cramped(new FcfsScheduling(), new RecomputePreemption(), 0);
        Request first = request(1, 0, 64, 40);
        Request newest = request(2, 0, 64, 40);
        r.submit(first);
        r.submit(newest);
        sim.run();
        assertEquals(List.of(2L), observer.preempted);
        assertEquals(1, newest.preemptions());
        // At 80 tokens each the cache is full: the newest goes, with the 17 tokens it had generated.
        assertEquals(new Step(0, 1, 0), stepTime.steps().get(17));
        assertTrue(stepTime.steps().contains(new Step(64 + 17, 0, 0)), "its prompt and its tokens prefilled again");
        assertEquals(List.of(1L, 2L), observer.completed);
        assertEquals(0, r.kvCache().usedBlocks());
    }

    @Test
    void underFcfsTheVictimIsTheNewestWhateverItsPriority() {
        Replica r = cramped(new FcfsScheduling(), new RecomputePreemption(), 0);
        r.submit(request(1, 0, 64, 40));
        r.submit(request(2, 10, 64, 40));
        sim.run();
        assertEquals(List.of(2L), observer.preempted);
        assertEquals(List.of(1L, 2L), observer.completed);
    }

    @Test
    void underPriorityTheVictimIsTheLeastImportantAlthoughItCameFirst() {
        Replica r = cramped(new PriorityScheduling(), new RecomputePreemption(), 0);
        r.submit(request(1, 0, 64, 40));
        r.submit(request(2, 10, 64, 40));
        sim.run();
        assertEquals(List.of(1L), observer.preempted);
        assertEquals(List.of(2L, 1L), observer.completed);
    }

    @Test
    void aSwappedOutSequenceComesBackWithItsBlocksAndIsNotRecomputed() {
        Replica r = cramped(new FcfsScheduling(), new SwapPreemption(), 100);
        r.submit(request(1, 0, 64, 40));
        Request newest = request(2, 0, 64, 40);
        r.submit(newest);
        sim.run();
        assertEquals(List.of(2L), observer.preempted);
        List<Step> steps = stepTime.steps();
        assertEquals(new Step(0, 1, 5), steps.get(17), "its 5 blocks copied out while the other decodes");
        assertTrue(steps.contains(new Step(0, 0, 5)), "and copied back in once the other is done");
        assertTrue(steps.subList(1, steps.size()).stream().allMatch(s -> s.prefillTokens() == 0), "nothing prefilled again");
        assertEquals(List.of(1L, 2L), observer.completed);
        assertEquals(40, newest.generated());
    }

    @Test
    void whenTheSwapSpaceIsFullTheVictimIsRecomputedInstead() {
        Replica r = cramped(new FcfsScheduling(), new SwapPreemption(), 4);
        r.submit(request(1, 0, 64, 40));
        r.submit(request(2, 0, 64, 40));
        sim.run();
        assertEquals(List.of(2L), observer.preempted);
        assertTrue(stepTime.steps().stream().allMatch(s -> s.swappedBlocks() == 0), "its 5 blocks do not fit in 4");
        assertTrue(stepTime.steps().contains(new Step(64 + 17, 0, 0)));
    }
}
