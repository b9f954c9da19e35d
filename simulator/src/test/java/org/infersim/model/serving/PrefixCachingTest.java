package org.infersim.model.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.infersim.kernel.Simulation;
import org.infersim.model.performance.IterationShape;
import org.infersim.model.performance.StepTimeModel;
import org.infersim.model.serving.batching.FcfsScheduling;
import org.infersim.model.serving.batching.RecomputePreemption;
import org.infersim.model.serving.batching.SwapPreemption;
import org.infersim.testing.RecordingObserver;
import org.junit.jupiter.api.Test;

/**
 * A replica with vLLM V1's automatic prefix caching: what each iteration prefills and reads once
 * part of a prompt is cached, and that preemption works with blocks shared between sequences.
 */
class PrefixCachingTest {
    private static final int BLOCK = 16;
    private static final long SYSTEM = PromptContent.identity(1);

    /** What one iteration computed and read: prompt tokens prefilled, and tokens before them that attention reads. */
    record Prefill(long tokens, long pastTokens) {}

    private final Simulation sim = new Simulation();
    private final RecordingObserver observer = new RecordingObserver();
    private final List<Prefill> prefills = new ArrayList<>();
    private final StepTimeModel stepTime = shape -> {
        if (shape.prefillTokens > 0) {
            prefills.add(new Prefill(shape.prefillTokens, shape.prefillPastTokens));
        }
        return 10_000_000L;
    };

    private Replica replica(long kvBlocks, boolean prefixCaching, KvPreemption preemption, long swapBlocks) {
        ResolvedEngine engine = new ResolvedEngine(BLOCK, 8, 1000, true, new FcfsScheduling(), preemption, swapBlocks,
                100_000, prefixCaching, 0);
        return new Replica(0, "r", sim, stepTime, null, new KvCache(kvBlocks, BLOCK, prefixCaching), engine, observer, 1);
    }

    private static Request question(long id, int systemTokens, int ownTokens, int outputTokens) {
        PromptContent content = PromptContent.builder().add(SYSTEM, systemTokens).add(PromptContent.PRIVATE, ownTokens)
                .build();
        return new Request(id, 0, 0, 0, content, outputTokens);
    }

    @Test
    void aSecondRequestWithTheSameSystemPromptPrefillsOnlyWhatFollowsItsCachedBlocks() {
        Replica r = replica(1000, true, new RecomputePreemption(), 0);
        r.submit(question(1, 100, 20, 2));
        sim.run();
        Request second = question(2, 100, 20, 2);
        r.submit(second);
        sim.run();
        // 100 system tokens fill 6 blocks (96 tokens); the 7th mixes in the question, so it is computed again.
        assertEquals(List.of(new Prefill(120, 0), new Prefill(24, 96)), prefills,
                "the cached tokens cost no prefill, but attention still reads them");
        assertEquals(96, second.cachedPromptTokens());
        assertEquals(96.0 / 240, (double) r.kvCache().promptTokensHit() / r.kvCache().promptTokensLookedUp(), 1e-12);
    }

    @Test
    void withPrefixCachingOffEveryPromptIsPrefilledWhole() {
        Replica r = replica(1000, false, new RecomputePreemption(), 0);
        r.submit(question(1, 100, 20, 2));
        sim.run();
        r.submit(question(2, 100, 20, 2));
        sim.run();
        assertEquals(List.of(new Prefill(120, 0), new Prefill(120, 0)), prefills);
    }

    @Test
    void requestsArrivingTogetherDoNotFindWhatTheOthersAreStillComputing() {
        Replica r = replica(1000, true, new RecomputePreemption(), 0);
        r.submit(question(1, 100, 20, 2));
        r.submit(question(2, 100, 20, 2));
        sim.run();
        assertEquals(List.of(new Prefill(240, 0)), prefills, "both prefill in the first iteration, before anything is cached");
        assertEquals(0, r.kvCache().promptTokensHit());
        assertEquals(16, r.kvCache().peakUsedBlocks(), "each was admitted with 8 blocks of its own");
        assertEquals(6, r.kvCache().cachedFreeBlocks(), "but the second's full system blocks merged into the first's as "
                + "soon as they were computed, so the system prompt is cached once");
    }

    @Test
    void preemptedSequencesGiveBackTheirShareAndRecomputeFromWhatIsStillCached() {
        // 20 blocks: two sequences sharing a 64-token prompt (4 blocks) grow 8 blocks each until the cache runs out.
        Replica r = replica(20, true, new RecomputePreemption(), 0);
        PromptContent same = PromptContent.builder().add(SYSTEM, 64).build();
        Request first = new Request(1, 0, 0, 0, same, 200);
        Request second = new Request(2, 0, 0, 0, same, 200);
        r.submit(first);
        r.submit(second);
        sim.run();
        assertEquals(List.of(2L), observer.preempted);
        assertEquals(List.of(1L, 2L), observer.completed);
        assertEquals(64, r.kvCache().tokensReused(), "the recomputation started from the shared prompt, still held by the first");
        assertEquals(0, r.kvCache().usedBlocks());
        assertTrue(r.kvCache().consistent());
    }

    @Test
    void swappedOutSequencesComeBackToPrivateCopiesThatMergeWithTheCachedOnes() {
        Replica r = replica(12, true, new SwapPreemption(), 100);
        PromptContent same = PromptContent.builder().add(SYSTEM, 64).build();
        Request first = new Request(1, 0, 0, 0, same, 80);
        Request second = new Request(2, 0, 0, 0, same, 80);
        r.submit(first);
        r.submit(second);
        sim.run();
        assertTrue(observer.preempted.size() > 0, "the cache ran out");
        assertEquals(List.of(1L, 2L), observer.completed);
        assertEquals(0, r.kvCache().usedBlocks());
        assertTrue(r.kvCache().consistent());
    }
}
