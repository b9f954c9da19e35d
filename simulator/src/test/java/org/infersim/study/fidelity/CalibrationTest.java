package org.infersim.study.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.infersim.catalog.Catalog;
import org.infersim.catalog.Efficiency;
import org.infersim.catalog.GpuSpec;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;

/**
 * Calibration recovers constants it did not start from: measurements are made by the simulator
 * itself with known constants, and the fit, started from the catalog's, must find them again.
 */
class CalibrationTest {
    private static final String HEADER =
            "id,gpu_id,model_id,precision,tp,workload,prompt_tokens,output_tokens,rate_or_concurrency,metric,value,unit\n";

    /** The runs of {@code csv}, each figure replaced by what the simulator gives with {@code truth}. */
    private static List<MeasuredRun> measuredWith(String csv, Map<String, Efficiency> truth, double durationS)
            throws Exception {
        CalibrationSet set = CalibrationSet.read(new ByteArrayInputStream((HEADER + csv).getBytes(StandardCharsets.UTF_8)),
                "test.csv");
        Fidelity.Replay replay = Fidelity.Replay.of(set.runs(), Scenarios.validation(), durationS);
        List<Fidelity.Figure> figures = replay.figures(Calibration.catalogWith(truth));
        List<MeasuredRun> out = new ArrayList<>();
        for (MeasuredRun r : set.runs()) {
            Map<String, Double> measured = new java.util.LinkedHashMap<>();
            figures.stream().filter(f -> f.run() == r).forEach(f -> measured.put(f.metric(), f.simulated()));
            out.add(new MeasuredRun(r.label(), r.kind(), r.gpu(), r.model(), r.precision(), r.tensorParallel(),
                    r.promptTokens(), r.outputTokens(), r.ratePerSec(), r.prompts(), r.batch(), 0, measured, null));
        }
        return out;
    }

    @Test
    void theEfficiencyCurveOfLinearLayersIsFoundAgainFromTheirTimes() throws Exception {
        GpuSpec h100 = Catalog.builtIn().gpu("h100-sxm").orElseThrow();
        Efficiency start = h100.efficiency();
        Efficiency truth = EfficiencyParameter.OVERLAP.with(EfficiencyParameter.MFU_HALF_TOKENS.with(
                EfficiencyParameter.MBU.with(EfficiencyParameter.MFU.with(start, 0.6), 0.7), 80), 0.2);
        StringBuilder csv = new StringBuilder();
        int id = 0;
        for (String model : List.of("llama-2-7b", "llama-2-70b")) {
            for (int tokens : List.of(1, 16, 64, 128, 256, 512, 2048)) {
                csv.append("L").append(id++).append(",h100-sxm,").append(model)
                        .append(",FP16,1,one layer,,,num_tokens=").append(tokens).append(",per_layer_linear_time,1,ms\n");
            }
        }
        List<MeasuredRun> runs = measuredWith(csv.toString(), Map.of("h100-sxm", truth), 60);
        Fidelity.Replay replay = Fidelity.Replay.of(runs, Scenarios.validation(), 60);
        Calibration.Result fit = new Calibration(replay, List.of(h100), List.of(EfficiencyParameter.MFU,
                EfficiencyParameter.MFU_HALF_TOKENS, EfficiencyParameter.MBU, EfficiencyParameter.OVERLAP), List.of())
                .fit(400);
        Efficiency found = fit.fitted().get("h100-sxm");
        assertTrue(Calibration.loss(fit.after()) < 1e-4, "the fit reproduces the times: loss " + Calibration.loss(fit.after()));
        assertTrue(Calibration.loss(fit.before()) > 100 * Calibration.loss(fit.after()));
        assertEquals(0.7, found.mbu(), 0.01);
        assertEquals(0.6, found.mfu(), 0.03);
    }

    @Test
    void theFrontEndsTimeIsFoundAgainFromTheTimeToFirstToken() throws Exception {
        GpuSpec h100 = Catalog.builtIn().gpu("h100-sxm").orElseThrow();
        Efficiency truth = EfficiencyParameter.REQUEST_OVERHEAD.with(h100.efficiency(), 5e6);
        String csv = """
                S1,h100-sxm,llama-2-7b,FP16,1,"11x4 system prompts x users",592,194,5 req/s (constant),ttft_mean,1,ms
                S1,h100-sxm,llama-2-7b,FP16,1,"11x4 system prompts x users",592,194,5 req/s (constant),tpot_mean,1,ms
                """;
        List<MeasuredRun> runs = measuredWith(csv, Map.of("h100-sxm", truth), 60);
        Calibration.Result fit = new Calibration(Fidelity.Replay.of(runs, Scenarios.validation(), 60), List.of(h100),
                List.of(), List.of(EfficiencyParameter.REQUEST_OVERHEAD)).fit(60);
        assertEquals(5e6, fit.fitted().get("h100-sxm").requestOverheadNs(), 0.2e6,
                "from the catalog's " + h100.efficiency().requestOverheadNs() / 1e6 + " ms");
    }

    @Test
    void aFitNeverEndsFurtherFromTheMeasurementsThanItStarted() throws Exception {
        // The shipped linear-layer profiles, fitted with a budget too small to get anywhere.
        List<MeasuredRun> layers = CalibrationSet.shipped().runs().stream()
                .filter(r -> r.kind() == MeasuredRun.Kind.LINEAR_LAYER && r.gpu().equals("h100-sxm")).toList();
        GpuSpec h100 = Catalog.builtIn().gpu("h100-sxm").orElseThrow();
        Calibration.Result fit = new Calibration(Fidelity.Replay.of(layers, Scenarios.validation(), 60), List.of(h100),
                List.of(EfficiencyParameter.values()).subList(0, 5), List.of()).fit(12);
        assertTrue(Calibration.loss(fit.after()) <= Calibration.loss(fit.before()),
                Calibration.loss(fit.after()) + " after, " + Calibration.loss(fit.before()) + " before");
    }

    @Test
    void whatMeasurementsInformIsWhatIsFittedByDefault() {
        MeasuredRun layer = new MeasuredRun("l", MeasuredRun.Kind.LINEAR_LAYER, "h100-sxm", "llama-2-7b", "fp16", 1, 0, 0,
                0, 0, 256, 0, Map.of("per_layer_linear_time", 1.0), null);
        MeasuredRun stage = new MeasuredRun("s", MeasuredRun.Kind.SERVING_STAGE, "h100-sxm", "llama-2-7b", "fp16", 2,
                500, 100, 5, 10, 0, 0, Map.of("ttft_mean", 1.0), null);
        List<List<EfficiencyParameter>> informed = Calibration.informedBy(List.of(layer, stage));
        assertEquals(List.of(EfficiencyParameter.MFU, EfficiencyParameter.MFU_HALF_TOKENS, EfficiencyParameter.MBU,
                EfficiencyParameter.OVERLAP), informed.get(0));
        assertEquals(List.of(EfficiencyParameter.ITERATION_OVERHEAD, EfficiencyParameter.REQUEST_OVERHEAD,
                EfficiencyParameter.ALL_REDUCE_LATENCY), informed.get(1), "one load: no cost per sequence");
    }

    @Test
    void constantsAreBoundedAndWrittenAsTheCatalogReadsThem() {
        Efficiency e = Efficiency.roofline(0.7, 0.8, 500_000, 10_000, 2L << 30);
        assertEquals(1.0, EfficiencyParameter.MBU.with(e, 1.7).mbu(), "no efficiency above 1");
        assertEquals(0, EfficiencyParameter.ITERATION_OVERHEAD.with(e, -5).iterationOverheadNs());
        assertEquals("2.35ms", EfficiencyParameter.ITERATION_OVERHEAD.format(2_345_678));
        assertEquals("18.2us", EfficiencyParameter.ALL_REDUCE_LATENCY.format(18_234));
        assertEquals("0.812", EfficiencyParameter.MFU.format(0.81234));
    }
}
