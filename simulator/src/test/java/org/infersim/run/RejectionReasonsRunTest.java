package org.infersim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.infersim.results.RunSummary;
import org.infersim.results.StreamSummary;
import org.infersim.results.SummaryJson;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;

/** A rejected request is counted under the reason it was rejected for, in each stream's summary. */
class RejectionReasonsRunTest {
    @Test
    void promptsTheKvCacheCannotHoldAreCountedUnderTheirReason() throws Exception {
        // 16 GB of weights in a quarter of an H100's memory leave KV room for some 15,000 tokens: the max model
        // length the engine fits to it (auto) is below the 60000-token prompts, which only the run can know.
        RunSummary s = Scenarios.summary("""
                name: rejected
                seed: 3
                duration: 2m
                cluster:
                  pools: [{name: p, gpu: h100-sxm, count: 1}]
                deployments:
                  - name: d
                    model: llama-3.1-8b
                    engine: {gpuMemoryUtilization: 0.25, maxModelLen: auto}
                workloads:
                  - name: long
                    arrival: {type: poisson, rate: 1/s}
                    promptTokens: 60000
                    outputTokens: 10
                  - name: short
                    arrival: {type: poisson, rate: 1/s}
                    promptTokens: 100
                    outputTokens: 10
                """);
        StreamSummary longOnes = s.streams().get(0);
        assertTrue(longOnes.rejected() > 0, longOnes.toString());
        assertEquals(1, longOnes.rejectedByReason().size(), longOnes.rejectedByReason().toString());
        var reason = longOnes.rejectedByReason().entrySet().iterator().next();
        assertTrue(reason.getKey().startsWith("prompt longer than max model length "), reason.getKey());
        assertEquals(longOnes.rejected(), reason.getValue());
        assertEquals(Map.of(), s.streams().get(1).rejectedByReason(), "short prompts are all served");
        assertEquals(longOnes.rejectedByReason(), s.overall().rejectedByReason());
        assertTrue(SummaryJson.write(s).contains("\"rejectedByReason\" : {"), "published in summary.json");
    }
}
