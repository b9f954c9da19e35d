package org.infersim.model.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.infersim.catalog.Catalog;
import org.infersim.catalog.GpuSpec;
import org.infersim.scenario.NumericFormat;
import org.infersim.scenario.Precision;
import org.infersim.plugin.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasuredStepTimeTest {
    static Catalog catalog;
    static final String HEADER = "gpu,model,tp,precision,prefill_tokens,decode_seqs,decode_context,step_ms\n";
    /** A grid of round numbers, so that what lies between the points can be worked out by hand. */
    static final String GRID = HEADER + """
            h100-sxm,llama-2-7b,1,bf16,256,0,0,20
            h100-sxm,llama-2-7b,1,bf16,2048,0,0,60
            h100-sxm,llama-2-7b,1,bf16,0,1,1000,10
            h100-sxm,llama-2-7b,1,bf16,0,1,3000,14
            h100-sxm,llama-2-7b,1,bf16,0,33,1000,18
            h100-sxm,llama-2-7b,1,bf16,0,33,3000,30
            """;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadCatalog() throws Exception {
        catalog = Catalog.builtIn();
    }

    static ServedModel served(String gpu, String model, int tp, Precision precision) {
        return new ServedModel(catalog.gpu(gpu).orElseThrow(), new ModelFootprint(catalog.model(model).orElseThrow(),
                precision), tp, 1, 1, 16);
    }

    static ServedModel llama2OnH100() {
        return served("h100-sxm", "llama-2-7b", 1, Precision.BF16);
    }

    StepTimeModel table(String csv, ServedModel served) throws Exception {
        Path file = dir.resolve("steps.csv");
        Files.writeString(file, csv);
        return new MeasuredStepTime.Provider().create(new Settings(Map.of("file", file)), served);
    }

    static IterationShape prompt(long tokens) {
        IterationShape s = new IterationShape();
        s.prefillSequences = 1;
        s.prefillTokens = tokens;
        s.prefillAttentionPairs = tokens * (tokens / 2.0);
        return s;
    }

    static IterationShape decode(long seqs, long meanContext) {
        IterationShape s = new IterationShape();
        s.decodeTokens = seqs;
        s.decodeContextTokens = seqs * meanContext;
        return s;
    }

    static double ms(StepTimeModel m, IterationShape s) {
        return m.stepTimeNs(s) / 1e6;
    }

    @Test
    void measuredStepsAreReturnedAsMeasuredAndStraightLinesJoinThem() throws Exception {
        StepTimeModel m = table(GRID, llama2OnH100());
        assertEquals(20.0, ms(m, prompt(256)), 1e-5);
        assertEquals(60.0, ms(m, prompt(2048)), 1e-5);
        assertEquals(40.0, ms(m, prompt(1152)), 1e-5, "halfway between 256 and 2,048 tokens");
        assertEquals(18.0, ms(m, decode(33, 1000)), 1e-5);
        assertEquals(12.0, ms(m, decode(1, 2000)), 1e-5, "halfway between the contexts of one sequence");
        assertEquals(14.0, ms(m, decode(17, 1000)), 1e-5, "halfway between 1 and 33 sequences");
        // Halfway in both: (12 + 24) / 2, the mean of the two slices at the mean context.
        assertEquals(18.0, ms(m, decode(17, 2000)), 1e-5);
    }

    @Test
    void beyondTheLargestMeasuredPointTheRooflineSetsTheGrowthFromIt() throws Exception {
        ServedModel served = llama2OnH100();
        StepTimeModel m = table(GRID, served);
        StepTimeModel roofline = new RooflineStepTime.Provider().create(Settings.NONE, served);
        double ratio = (double) roofline.stepTimeNs(prompt(8192)) / roofline.stepTimeNs(prompt(2048));
        assertEquals(60.0 * ratio, ms(m, prompt(8192)), 1e-5);
        double decodeRatio = (double) roofline.stepTimeNs(decode(128, 1000)) / roofline.stepTimeNs(decode(33, 1000));
        assertEquals(18.0 * decodeRatio, ms(m, decode(128, 1000)), 1e-5);
        assertTrue(ms(m, prompt(8192)) > 4 * 60.0, "four times the tokens, and attention grows with their square");
    }

    @Test
    void aStepThatPrefillsAndDecodesSavesWhatTheRooflineSaysRunningThemTogetherSaves() throws Exception {
        ServedModel served = llama2OnH100();
        StepTimeModel m = table(GRID, served);
        StepTimeModel roofline = new RooflineStepTime.Provider().create(Settings.NONE, served);
        IterationShape mixed = prompt(1152);
        mixed.decodeTokens = 17;
        mixed.decodeContextTokens = 17 * 1000;
        double together = roofline.stepTimeNs(mixed);
        double apart = roofline.stepTimeNs(prompt(1152)) + roofline.stepTimeNs(decode(17, 1000));
        assertEquals((40.0 + 14.0) * together / apart, ms(m, mixed), 1e-5);
        assertTrue(ms(m, mixed) < 40.0 + 14.0, "the weights are read once");
    }

    @Test
    void rowsAreChosenByGpuModelTensorParallelismAndPrecision() throws Exception {
        String csv = HEADER + """
                h100-sxm,llama-2-7b,1,bf16,1024,0,0,30
                h100-sxm,meta-llama/Llama-2-7b-hf,2,bf16,1024,0,0,20
                h100-sxm,llama-2-7b,1,fp8,1024,0,0,18
                a100-80gb,llama-2-7b,1,bf16,1024,0,0,70
                h100-sxm,llama-3.1-8b,1,bf16,1024,0,0,35
                """;
        assertEquals(30.0, ms(table(csv, llama2OnH100()), prompt(1024)), 1e-5);
        assertEquals(30.0, ms(table(csv, served("h100-sxm", "llama-2-7b", 1,
                new Precision(NumericFormat.FP16, NumericFormat.FP16))), prompt(1024)), 1e-5, "FP16 runs as BF16");
        assertEquals(20.0, ms(table(csv, served("h100-sxm", "llama-2-7b", 2, Precision.BF16)), prompt(1024)), 1e-5,
                "named by its Hugging Face id");
        assertEquals(18.0, ms(table(csv, served("h100-sxm", "llama-2-7b", 1,
                new Precision(NumericFormat.FP8, NumericFormat.FP8))), prompt(1024)), 1e-5);
        assertEquals(70.0, ms(table(csv, served("a100-80gb", "llama-2-7b", 1, Precision.BF16)), prompt(1024)), 1e-5);
        assertEquals(35.0, ms(table(csv, served("h100-sxm", "llama-3.1-8b", 1, Precision.BF16)), prompt(1024)), 1e-5);
    }

    @Test
    void withoutRowsForTheDeploymentOrOnAShareOfAGpuTheRooflineAnswers() throws Exception {
        ServedModel other = served("h100-sxm", "llama-3.1-8b", 1, Precision.BF16);
        StepTimeModel roofline = new RooflineStepTime.Provider().create(Settings.NONE, other);
        assertEquals(roofline.stepTimeNs(prompt(1024)), table(GRID, other).stepTimeNs(prompt(1024)));

        ServedModel whole = llama2OnH100();
        ServedModel mig = new ServedModel(whole.gpu(), whole.footprint(), 1, 3 / 7.0, 4 / 8.0, 16);
        assertEquals(new RooflineStepTime.Provider().create(Settings.NONE, mig).stepTimeNs(decode(8, 1000)),
                table(GRID, mig).stepTimeNs(decode(8, 1000)), "a table measures whole GPUs");
    }

    @Test
    void aPartTheTableDoesNotMeasureIsTimedByTheRoofline() throws Exception {
        ServedModel served = llama2OnH100();
        StepTimeModel prefillOnly = table(HEADER + "h100-sxm,llama-2-7b,1,bf16,1024,0,0,30\n", served);
        StepTimeModel roofline = new RooflineStepTime.Provider().create(Settings.NONE, served);
        assertEquals(roofline.stepTimeNs(decode(16, 500)), prefillOnly.stepTimeNs(decode(16, 500)));
    }

    @Test
    void noStepIsFasterThanItsFlopsAtPeakOrItsBytesAtPeakBandwidth() throws Exception {
        ServedModel served = llama2OnH100();
        StepTimeModel m = table(HEADER + """
                h100-sxm,llama-2-7b,1,bf16,2048,0,0,0.001
                h100-sxm,llama-2-7b,1,bf16,0,8,1000,0.001
                """, served);
        GpuSpec gpu = served.gpu();
        for (IterationShape s : new IterationShape[] {prompt(2048), decode(8, 1000), prompt(300)}) {
            long ns = m.stepTimeNs(s);
            double floor = Math.max(s.flops / gpu.peakFlops(false), s.bytes / gpu.memoryBandwidth()) * 1e9;
            assertTrue(s.flops > 0 && s.bytes > 0, "the roofline filled the step's FLOPs and bytes");
            assertEquals(Math.ceil(floor), ns, 1.0, "a measured 1 us is below what the hardware can do");
        }
    }

    @Test
    void swapTrafficAddsTheRooflinesTimeForIt() throws Exception {
        ServedModel served = llama2OnH100();
        StepTimeModel m = table(GRID, served);
        StepTimeModel roofline = new RooflineStepTime.Provider().create(Settings.NONE, served);
        IterationShape swapping = decode(17, 1000);
        swapping.swappedBlocks = 500;
        long swapNs = roofline.stepTimeNs(swapping) - roofline.stepTimeNs(decode(17, 1000));
        assertTrue(swapNs > 1_000_000, "500 blocks of Llama-2-7B's KV over PCIe take milliseconds");
        assertEquals(14.0e6 + swapNs, m.stepTimeNs(swapping), 1.0);
    }

    @Test
    void stepsOfOneShapeTakeOneTime() throws Exception {
        StepTimeModel m = table(GRID, llama2OnH100());
        IterationShape s = decode(20, 1500);
        long first = m.stepTimeNs(s);
        for (int i = 0; i < 1000; i++) {
            assertEquals(first, m.stepTimeNs(s), "the model keeps nothing of one step for the next");
        }
    }

    @Test
    void aStepAllocatesNothing() throws Exception {
        StepTimeModel m = table(GRID, llama2OnH100());
        IterationShape mixed = prompt(700);
        mixed.decodeTokens = 40;
        mixed.decodeContextTokens = 40 * 3500;
        mixed.swappedBlocks = 3;
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long sum = 0;
        for (int i = 0; i < 1000; i++) {
            sum += m.stepTimeNs(mixed);
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++) {
            sum += m.stepTimeNs(mixed);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(sum > 0);
        assertTrue(allocated < 1024, allocated + " bytes over 100,000 steps; a step is on the hot path");
    }
}
