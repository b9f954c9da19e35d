package org.infersim.study.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.infersim.input.InvalidInputException;
import org.infersim.results.RunSummary;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own measurements, in the files vLLM's serving benchmark and inference-perf write (the
 * fixtures hold invented figures in those tools' exact layouts), read into runs replayed as they
 * were sent; and the files that cannot be, refused with what is wrong where.
 */
class MeasurementFileTest {
    private static final Path FIXTURES = Path.of("src/test/resources/measurements");
    private static final Conditions H100 = new Conditions("h100-sxm", 1, "bf16", null, EngineSettings.DEFAULTS);

    @TempDir
    Path tmp;

    private static List<MeasuredRun> runs(String fixture, Conditions c) throws Exception {
        return MeasurementFile.read(FIXTURES.resolve(fixture), c).runs();
    }

    @Test
    void aVllmBenchResultIsAPoissonRunOfItsMeanLengthsWithTheFiguresItMeasured() throws Exception {
        List<MeasuredRun> runs = runs("vllm-bench-poisson.json", H100);
        assertEquals(1, runs.size());
        MeasuredRun run = runs.get(0);
        assertEquals(MeasuredRun.Kind.SERVING_BENCHMARK, run.kind());
        assertEquals("meta-llama/Llama-3.1-8B-Instruct", run.model(), "the model_id, a Hugging Face id the catalog knows");
        assertEquals("h100-sxm", run.gpu());
        assertEquals(1024, run.promptTokens(), "51,200 input tokens over 50 completed requests");
        assertEquals(128, run.outputTokens());
        assertEquals(Replay.Arrival.POISSON, run.replay().arrival(), "burstiness 1");
        assertEquals(2.0, run.replay().ratePerSec());
        assertEquals(50, run.replay().requests());
        assertEquals(25.0, run.replay().durationS(), 1e-9, "its 50 requests sent at 2/s");
        assertEquals(List.of("ttft_mean", "ttft_p99", "tpot_mean", "e2e_mean", "e2e_p99", "request_throughput"),
                List.copyOf(run.measured().keySet()));
        assertEquals(34.8327023850911, run.measured().get("ttft_mean"), 1e-9);
        assertEquals(1047.4870068732762, run.measured().get("e2e_p99"), 1e-9);
        assertEquals(1.9189303357804581, run.measured().get("request_throughput"), 1e-12);
    }

    @Test
    void anAppendedSweepIsOneRunPerResultEachReplayedAsItsClientSentIt() throws Exception {
        List<MeasuredRun> runs = runs("vllm-bench-sweep.json", H100);
        assertEquals(List.of(Replay.Arrival.CLOSED, Replay.Arrival.GAMMA, Replay.Arrival.AT_ONCE, Replay.Arrival.CONSTANT),
                runs.stream().map(r -> r.replay().arrival()).toList(),
                "inf with --max-concurrency 8; 4/s at burstiness 0.5; inf alone; burstiness Infinity");
        assertEquals(8, runs.get(0).replay().users());
        assertEquals(15.957685789977244, runs.get(0).replay().durationS(), 1e-9, "a closed loop runs as long as measured");
        assertEquals(0.5, runs.get(1).replay().burstiness());
        assertEquals(40, runs.get(2).replay().requests());
        // Saved without e2el in --percentile-metrics: taken from the per-request latencies vLLM keeps.
        assertEquals(1994.71078125, runs.get(0).measured().get("e2e_mean"), 1e-6);
        assertEquals(2244.03913, runs.get(0).measured().get("e2e_p99"), 1e-6);
    }

    @Test
    void theGivenModelAndEngineSettingsAreTheOnesReplayed() throws Exception {
        Conditions c = new Conditions("a100-80gb", 2, "fp8", "llama-3.1-8b", new EngineSettings(64, 4096, null, 0.85, false));
        MeasuredRun run = runs("vllm-bench-poisson.json", c).get(0);
        String yaml = run.scenario(600);
        assertTrue(yaml.contains("model: llama-3.1-8b\n"), yaml);
        assertTrue(yaml.contains("gpu: a100-80gb, count: 2"), yaml);
        assertTrue(yaml.contains("precision: fp8\n") && yaml.contains("tensorParallel: 2\n"), yaml);
        assertTrue(yaml.contains("engine: {maxNumSeqs: 64, maxNumBatchedTokens: 4096, gpuMemoryUtilization: 0.85, "
                + "prefixCaching: false}"), yaml);
        assertTrue(yaml.contains("arrival: {type: poisson, rate: 2.0/s}") && yaml.contains("duration: 25.0s"), yaml);
    }

    @Test
    void anInferencePerfStageTakesItsLoadTypeModelAndSharedPrefixesFromTheConfigBesideIt() throws Exception {
        MeasuredRun run = runs("inference-perf/shared-prefix/stage_0_lifecycle_metrics.json", H100).get(0);
        assertEquals("meta-llama/Llama-2-7b-hf", run.model(), "config.yaml server.model_name");
        assertEquals(Replay.Arrival.CONSTANT, run.replay().arrival(), "config.yaml load.type");
        assertEquals(4.0, run.replay().ratePerSec());
        assertEquals(240, run.replay().requests());
        assertEquals(20, run.replay().distinctPrompts(), "4 groups x 5 prompts, sent in turn");
        assertEquals(431, run.promptTokens(), "successes.prompt_len.mean 430.5");
        assertEquals(179, run.outputTokens());
        assertEquals(25.023999380070485, run.measured().get("ttft_mean"), 1e-9, "seconds in the file, ms here");
        assertEquals(9.216965512528038, run.measured().get("tpot_mean"), 1e-9, "(e2e - ttft) / (output - 1)");
        assertEquals(3.877441604098638, run.measured().get("request_throughput"), 1e-12);
        assertTrue(run.scenario(600).contains("systemPrompt: {prompts: 20, tokens: 430}"), run.scenario(600));
    }

    @Test
    void aLaterInferencePerfLayoutIsReadWithTheServersOutputCount() throws Exception {
        MeasuredRun run = runs("inference-perf/poisson/stage_1_lifecycle_metrics.json", H100).get(0);
        assertEquals(Replay.Arrival.POISSON, run.replay().arrival());
        assertEquals(5.0, run.replay().ratePerSec());
        assertEquals(700, run.promptTokens(), "successes.prompt_tokens.mean");
        assertEquals(149, run.outputTokens(), "successes.output_tokens.mean (149.35), not the client's output_len");
        assertEquals(61.816299948258234, run.replay().measuredS(), 1e-9, "benchmark_time_seconds");
        assertEquals(10.517709273603664, run.measured().get("tpot_mean"), 1e-9);
    }

    @Test
    void theShippedCsvLayoutStillReads() throws Exception {
        Path csv = Path.of(getClass().getResource(CalibrationSet.SHIPPED).toURI());
        CalibrationSet set = MeasurementFile.read(List.of(csv), Conditions.NONE);
        assertEquals(7 + 6 + 24, set.runs().size(), "serving stages, latency batches, profiled linear layers");
        assertEquals(Map.of("request_throughput_saturated", 6), set.notReplayed());
    }

    @Test
    void everyFixtureReplaysWithEachFigureItMeasured() throws Exception {
        List<Path> files = List.of(FIXTURES.resolve("vllm-bench-poisson.json"), FIXTURES.resolve("vllm-bench-sweep.json"),
                FIXTURES.resolve("inference-perf/shared-prefix/stage_0_lifecycle_metrics.json"),
                FIXTURES.resolve("inference-perf/poisson/stage_1_lifecycle_metrics.json"));
        CalibrationSet set = MeasurementFile.read(files, H100);
        List<Fidelity.Figure> figures = Fidelity.replay(set, Scenarios.validation(), 600);
        assertEquals(set.runs().stream().mapToInt(r -> r.measured().size()).sum(), figures.size());
        assertTrue(figures.stream().allMatch(f -> f.simulated() > 0), "every figure simulated");
        Set<String> metrics = figures.stream().map(Fidelity.Figure::metric).collect(Collectors.toSet());
        assertEquals(Set.of("ttft_mean", "ttft_p99", "tpot_mean", "e2e_mean", "e2e_p99", "request_throughput"), metrics);
    }

    @Test
    void aBurstSendsEveryPromptAtOnceAndNoMore() throws Exception {
        MeasuredRun burst = runs("vllm-bench-sweep.json", H100).get(2);
        RunSummary s = Scenarios.summary(burst.scenario(600));
        assertEquals(40, s.requests().arrived());
        assertEquals(40, s.requests().completed(), "all answered well within the replayed time");
        double lastS = s.overall().e2eMs().max() / 1000;
        assertEquals(40 / lastS, burst.replay().throughputRps(s.overall()), 1e-9,
                "throughput over the time to the last answer, as vLLM's benchmark measures it");
    }

    @Test
    void aJsonResultWithoutTheGpuIsRefusedSayingHowToGiveIt() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> runs("vllm-bench-poisson.json", Conditions.NONE));
        String message = e.problems().get(0).toString();
        assertTrue(message.startsWith(FIXTURES.resolve("vllm-bench-poisson.json") + ":1: the GPU it ran on is not in "
                + "the file: give it with --gpu"), message);
    }

    @Test
    void aResultWithoutAFieldItNeedsNamesTheField() throws Exception {
        Path file = tmp.resolve("result.json");
        Files.writeString(file, Files.readString(FIXTURES.resolve("vllm-bench-poisson.json"))
                .replace("\"total_output_tokens\": 6400, ", ""));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MeasurementFile.read(file, H100));
        assertEquals(file + ":1: total_output_tokens: missing; expected a count of tokens", e.problems().get(0).toString());
    }

    @Test
    void anInferencePerfSummaryOverAllStagesIsRefusedForItsStages() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> runs("inference-perf/summary/summary_lifecycle_metrics.json", H100));
        assertTrue(e.problems().get(0).toString().contains(":1: load_summary.requested_rate: missing: a summary over "
                + "all stages cannot be replayed; give each stage's stage_N_lifecycle_metrics.json"), e.getMessage());
    }

    @Test
    void brokenJsonIsRefusedWithTheLineAndOtherJsonForWhatItIsNot() throws Exception {
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\"num_prompts\": 10,\n \"completed\": }\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MeasurementFile.read(broken, H100));
        assertTrue(e.problems().get(0).toString().startsWith(broken + ":2: not valid JSON: "), e.getMessage());

        Path other = tmp.resolve("config.json");
        Files.writeString(other, "{\"hidden_size\": 4096}");
        e = assertThrows(InvalidInputException.class, () -> MeasurementFile.read(other, H100));
        assertTrue(e.getMessage().contains("neither a vLLM benchmark result"), e.getMessage());
    }

    @Test
    void aRateTheClientCappedIsRefusedUnlessTheCapWasNeverReached() throws Exception {
        String result = Files.readString(FIXTURES.resolve("vllm-bench-poisson.json"));
        Path capped = tmp.resolve("capped.json");
        Files.writeString(capped, result.replace("\"max_concurrency\": null", "\"max_concurrency\": 6"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MeasurementFile.read(capped, H100));
        assertTrue(e.getMessage().contains("max_concurrency: 6 at a request_rate of 2.0/s"), e.getMessage());

        Files.writeString(capped, result.replace("\"max_concurrency\": null", "\"max_concurrency\": 16"));
        assertEquals(Replay.Arrival.POISSON, MeasurementFile.read(capped, H100).runs().get(0).replay().arrival(),
                "its peak of 6 in flight never reached 16");
    }
}
