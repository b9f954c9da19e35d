package org.infersim.model.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.infersim.catalog.Catalog;
import org.infersim.catalog.GpuSpec;
import org.infersim.catalog.ModelSpec;
import org.infersim.scenario.NumericFormat;
import org.infersim.scenario.Precision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RooflineStepTimeTest {
    static Catalog catalog;

    @BeforeAll
    static void loadCatalog() throws Exception {
        catalog = Catalog.builtIn();
    }

    static GpuSpec gpu(String id) {
        return catalog.gpu(id).orElseThrow();
    }

    static ModelSpec model(String id) {
        return catalog.model(id).orElseThrow();
    }

    static long decodeStepNs(RooflineStepTime m, int batch, int context) {
        IterationShape s = new IterationShape();
        s.decodeTokens = batch;
        s.decodeContextTokens = (long) batch * context;
        return m.stepTimeNs(s);
    }

    static long prefillNs(RooflineStepTime m, int tokens) {
        IterationShape s = new IterationShape();
        s.prefillTokens = tokens;
        s.prefillAttentionPairs = tokens * (tokens / 2.0);
        return m.stepTimeNs(s);
    }

    @Test
    void batchOneDecodeOf7bOnA100IsNearTheBandwidthRoofline() {
        GpuSpec a100 = gpu("a100-80gb");
        ModelFootprint llama2 = new ModelFootprint(model("llama-2-7b"), Precision.BF16);
        RooflineStepTime m = new RooflineStepTime(a100, llama2, 1, 1.0, 1.0, 16);

        long step = decodeStepNs(m, 1, 512);
        double rooflineNs = llama2.weightBytes() / a100.memoryBandwidth() * 1e9;

        // A published reference point: about 9–10 ms per token, about 70% of the HBM roofline.
        assertTrue(step > 8.5e6 && step < 11e6, "decode step " + step / 1e6 + " ms");
        double fractionOfRoofline = rooflineNs / step;
        assertTrue(fractionOfRoofline > 0.6 && fractionOfRoofline < 0.85, "fraction of roofline " + fractionOfRoofline);
    }

    @Test
    void longPrefillIsComputeBoundAndTakesAbout130ms() {
        GpuSpec a100 = gpu("a100-80gb");
        ModelFootprint llama2 = new ModelFootprint(model("llama-2-7b"), Precision.BF16);
        RooflineStepTime m = new RooflineStepTime(a100, llama2, 1, 1.0, 1.0, 16);

        IterationShape s = new IterationShape();
        s.prefillTokens = 2048;
        s.prefillAttentionPairs = 2048 * 1024.0;
        long step = m.stepTimeNs(s);
        double computeS = s.flops / (a100.bf16Flops() * a100.efficiency().mfu());
        double memoryS = s.bytes / (a100.memoryBandwidth() * a100.efficiency().mbu());

        assertTrue(computeS > 5 * memoryS, "compute " + computeS + " s vs memory " + memoryS + " s");
        assertTrue(step > 100e6 && step < 165e6, "2,048-token prefill " + step / 1e6 + " ms (published ≈130 ms)");
    }

    @Test
    void decodeIsFlatInBatchSizeUntilTheBatchIsLarge() {
        RooflineStepTime m = new RooflineStepTime(gpu("h100-sxm"),
                new ModelFootprint(model("llama-3.1-8b"), Precision.BF16), 1, 1.0, 1.0, 16);
        long one = decodeStepNs(m, 1, 256);
        long sixteen = decodeStepNs(m, 16, 256);
        long big = decodeStepNs(m, 512, 2048);
        assertTrue(sixteen < one * 1.15, one + " vs " + sixteen);
        assertTrue(big > one * 2, "a large batch with long contexts is no longer flat: " + one + " vs " + big);
    }

    @Test
    void attentionCostGrowsWithContext() {
        RooflineStepTime m = new RooflineStepTime(gpu("h100-sxm"),
                new ModelFootprint(model("llama-3.1-8b"), Precision.BF16), 1, 1.0, 1.0, 16);
        assertTrue(decodeStepNs(m, 64, 8192) > decodeStepNs(m, 64, 512) * 1.5);
    }

    @Test
    void tensorParallelSplitsTheWorkButPaysForAllReduces() {
        ModelFootprint llama70 = new ModelFootprint(model("llama-3.1-70b"), Precision.BF16);
        RooflineStepTime tp4 = new RooflineStepTime(gpu("h100-sxm"), llama70, 4, 1.0, 1.0, 16);
        RooflineStepTime tp8 = new RooflineStepTime(gpu("h100-sxm"), llama70, 8, 1.0, 1.0, 16);
        long d4 = decodeStepNs(tp4, 1, 1024);
        long d8 = decodeStepNs(tp8, 1, 1024);
        assertTrue(d8 < d4, "more GPUs, faster decode");
        assertTrue(d8 > d4 / 2, "but less than linear: all-reduce and overhead do not shrink");
        assertTrue(tp8.allReduceNs(1) > 0);
        assertEquals(0, new RooflineStepTime(gpu("h100-sxm"), llama70, 1, 1.0, 1.0, 16).allReduceNs(100));
    }

    @Test
    void fp8WeightsHalveTheBytesAndUseTheFp8Rate() {
        ModelSpec llama = model("llama-3.1-8b");
        ModelFootprint bf16 = new ModelFootprint(llama, Precision.BF16);
        ModelFootprint fp8 = new ModelFootprint(llama, new Precision(NumericFormat.FP8, NumericFormat.FP8));
        assertEquals(0.5, fp8.kvBytesPerToken() / bf16.kvBytesPerToken(), 1e-12);
        // Embeddings stay at 16 bits, so the ratio is a little above one half.
        double ratio = fp8.weightBytes() / bf16.weightBytes();
        assertTrue(ratio > 0.5 && ratio < 0.6, "weight ratio " + ratio);
        GpuSpec h100 = gpu("h100-sxm");
        long fp8Prefill = prefillNs(new RooflineStepTime(h100, fp8, 1, 1.0, 1.0, 16), 8192);
        long bf16Prefill = prefillNs(new RooflineStepTime(h100, bf16, 1, 1.0, 1.0, 16), 8192);
        assertTrue(fp8Prefill < bf16Prefill * 0.7, fp8Prefill + " vs " + bf16Prefill);
    }

    @Test
    void mixtureOfExpertsReadsOnlyTheExpertsItsTokensTouch() {
        ModelFootprint mixtral = new ModelFootprint(model("mixtral-8x7b"), Precision.BF16);
        assertEquals(2.0, mixtral.expertsTouched(1), 1e-9);
        assertTrue(mixtral.expertsTouched(64) > 7.9);
        assertTrue(mixtral.weightBytes(2) < mixtral.weightBytes() * 0.4);
        // About 12.9B active parameters of 46.7B (Mistral AI's announcement).
        assertEquals(12.9e9, mixtral.activeParams(), 0.5e9);
    }
}
