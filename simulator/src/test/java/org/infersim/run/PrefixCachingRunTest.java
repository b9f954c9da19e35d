package org.infersim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.infersim.results.ReplicaSummary;
import org.infersim.results.RunSummary;
import org.infersim.results.StreamSummary;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;

/**
 * Prefix caching seen from the results: the hit rate a shared system prompt gives, what it does
 * to TTFT, and what a planner reads in summary.json when caching is off.
 */
class PrefixCachingRunTest {

    /** One Llama-3.1-8B replica on an H100; every prompt is the same 1,000-token system prompt and a 200-token question. */
    private static String scenario(boolean prefixCaching, double ratePerSec) {
        return """
                name: system-prompt
                seed: 5
                duration: 10m
                warmup: 1m
                cluster:
                  pools: [{name: h100, gpu: h100-sxm, count: 1}]
                deployments:
                  - name: chat
                    model: llama-3.1-8b
                    replicas: 1
                    engine: {prefixCaching: %s}
                workloads:
                  - name: assistant
                    arrival: {type: poisson, rate: %s/s}
                    systemPrompt: {prompts: 1, tokens: 1000}
                    promptTokens: 200
                    outputTokens: 100
                """.formatted(prefixCaching, ratePerSec);
    }

    @Test
    void aSharedSystemPromptIsServedFromCacheInWholeBlocks() throws Exception {
        RunSummary on = Scenarios.summary(scenario(true, 4));
        StreamSummary s = on.streams().get(0);
        // The 1,000-token prompt fills 62 blocks (992 tokens); the 63rd holds the question too.
        assertEquals(992.0 / 1200, s.prefixCacheHitRate(), 0.002);
        assertEquals(s.prefixCacheHitRate(), on.overall().prefixCacheHitRate());
        ReplicaSummary replica = on.replicas().get(0);
        assertEquals(992.0 / 1200, replica.prefixCacheHitRate(), 0.002);
        assertTrue(replica.prefillTokensSaved() >= s.prefillTokensSaved(), "the replica counts recomputations too");
        assertEquals(0, replica.cachedBlocksEvicted(), "one system prompt fits the cache for the whole run");
    }

    @Test
    void theCacheCutsTimeToFirstTokenByTheShareOfThePromptItServes() throws Exception {
        RunSummary on = Scenarios.summary(scenario(true, 4));
        RunSummary off = Scenarios.summary(scenario(false, 4));
        // The engine's front end takes its time either way; the cache cuts what the GPU does.
        double frontEnd = Scenarios.frontEndMs("h100-sxm");
        double ttftOn = on.overall().ttftMs().mean() - frontEnd;
        double ttftOff = off.overall().ttftMs().mean() - frontEnd;
        assertTrue(ttftOn < 0.5 * ttftOff, "prefilling 208 tokens instead of 1,200: " + ttftOn + " vs " + ttftOff + " ms");
        assertEquals(off.overall().arrived(), on.overall().arrived(), "the same requests (common random numbers)");
    }

    @Test
    void withCachingOffTheHitRateIsZeroNotMissing() throws Exception {
        StreamSummary off = Scenarios.summary(scenario(false, 4)).overall();
        assertNotNull(off.prefixCacheHitRate());
        assertEquals(0.0, off.prefixCacheHitRate());
        assertEquals(0, off.prefillTokensSaved());
    }
}
