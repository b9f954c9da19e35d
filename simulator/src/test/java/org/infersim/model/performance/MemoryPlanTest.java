package org.infersim.model.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.infersim.catalog.Catalog;
import org.infersim.catalog.GpuSpec;
import org.infersim.scenario.Precision;
import org.junit.jupiter.api.Test;

class MemoryPlanTest {

    @Test
    void kvBytesPerTokenOfLlama3_8bIs128KiB() throws Exception {
        var llama = Catalog.builtIn().model("llama-3.1-8b").orElseThrow();
        assertEquals(128 * 1024, new ModelFootprint(llama, Precision.BF16).kvBytesPerToken(), 1e-9);
    }

    @Test
    void kvCapacityIsWhatTheWeightsRuntimeAndActivationsLeave() throws Exception {
        Catalog catalog = Catalog.builtIn();
        GpuSpec h100 = catalog.gpu("h100-sxm").orElseThrow();
        ModelFootprint f = new ModelFootprint(catalog.model("llama-3.1-8b").orElseThrow(), Precision.BF16);
        MemoryPlan plan = MemoryPlan.of(h100, h100.memoryBytes(), f, 1, 0.9, 16, 8192, 1024);

        double free = 0.9 * h100.memoryBytes() - f.weightBytes() - plan.activationBytesPerGpu()
                - h100.efficiency().reservedBytes();
        long expectedBlocks = (long) Math.floor(free / (128 * 1024 * 16));
        assertEquals(expectedBlocks, plan.kvBlocks());
        assertEquals(expectedBlocks * 16, plan.kvTokens());
        // About 16 GB of weights on 72 GB usable: roughly 400k tokens of KV cache.
        assertTrue(plan.kvTokens() > 350_000 && plan.kvTokens() < 460_000, "kv tokens " + plan.kvTokens());
    }

    @Test
    void tensorParallelSplitsWeightsAndPoolsTheCache() throws Exception {
        Catalog catalog = Catalog.builtIn();
        GpuSpec h100 = catalog.gpu("h100-sxm").orElseThrow();
        ModelFootprint f = new ModelFootprint(catalog.model("llama-3.1-70b").orElseThrow(), Precision.BF16);
        MemoryPlan one = MemoryPlan.of(h100, h100.memoryBytes(), f, 1, 0.9, 16, 8192, 1024);
        MemoryPlan four = MemoryPlan.of(h100, h100.memoryBytes(), f, 4, 0.9, 16, 8192, 1024);
        assertFalse(one.weightsFit(), "141 GB of weights do not fit on one 80 GB GPU");
        assertEquals(0, one.kvBlocks());
        assertTrue(four.weightsFit());
        assertEquals(f.weightBytes() / 4, four.weightBytesPerGpu(), 1);
        assertTrue(four.kvTokens() > 100_000, "kv tokens " + four.kvTokens());
    }
}
