package org.infersim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.infersim.catalog.Catalog;
import org.infersim.catalog.GpuSpec;
import org.infersim.results.ReplicaSummary;
import org.infersim.results.RunSummary;
import org.infersim.results.StreamSummary;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;

/** What the engine costs beyond the GPU's work: its front end per request, and weights kept in host memory. */
class EngineCostsRunTest {

    /** One Llama-3.1-8B replica on one H100 at 2 requests/s, with these engine settings. */
    private static String scenario(String engine) {
        return Scenarios.singleReplica(2, engine, 3);
    }

    @Test
    void theFrontEndAddsItsTimeToFirstTokenAndEndToEndButNotToTheTimePerToken() throws Exception {
        StreamSummary none = Scenarios.summary(scenario("requestOverhead: 0ms")).overall();
        StreamSummary twenty = Scenarios.summary(scenario("requestOverhead: 20ms")).overall();
        // The engines see the same arrivals 20 ms later: what they do is the same, shifted.
        assertEquals(none.ttftMs().mean() + 20, twenty.ttftMs().mean(), 0.05);
        assertEquals(none.e2eMs().mean() + 20, twenty.e2eMs().mean(), 0.05);
        assertEquals(none.tpotMs().mean(), twenty.tpotMs().mean(), 1e-6);
        assertEquals(none.completed(), twenty.completed(), "the clients' sends, counted in the same window");
        // Unless the scenario says otherwise, the GPU's catalog figure applies.
        StreamSummary catalog = Scenarios.summary(scenario("")).overall();
        double frontEnd = Scenarios.frontEndMs("h100-sxm");
        assertEquals(none.ttftMs().mean() + frontEnd, catalog.ttftMs().mean(), 0.05);
    }

    @Test
    void weightsOffloadedToHostMemoryLeaveMoreKvCacheAndSlowEveryStepByTheirTimeOverPcie() throws Exception {
        RunSummary onGpu = Scenarios.summary(scenario("requestOverhead: 0ms"));
        RunSummary offloaded = Scenarios.summary(scenario("requestOverhead: 0ms, cpuOffload: 4GiB"));
        ReplicaSummary a = onGpu.replicas().get(0);
        ReplicaSummary b = offloaded.replicas().get(0);
        // 4 GiB of weights are 4 GiB more for the KV cache.
        GpuSpec h100 = Catalog.builtIn().gpu("h100-sxm").orElseThrow();
        double blockBytes = (double) (4L << 30) / (b.kvBlocks() - a.kvBlocks());
        assertEquals(16 * 2.0 * 32 * 8 * 128 * 2, blockBytes, 0.01 * blockBytes, "16 tokens of Llama-3.1-8B's KV per block");
        // Each step reads those 4 GiB over PCIe instead of HBM, so TPOT grows by about that much
        // (a little more: slower steps gather larger batches).
        double slower = offloaded.overall().tpotMs().mean() - onGpu.overall().tpotMs().mean();
        double pcie = (4L << 30) / h100.pcieBandwidth() * 1e3;
        assertTrue(slower > 0.8 * pcie && slower < 1.2 * pcie, slower + " ms more per token; PCIe alone takes " + pcie);
    }
}
