package org.infersim.scenario.bind;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.infersim.catalog.ModelSpec;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.input.SourceMap;
import org.infersim.plugin.PolicyChoice;
import org.infersim.run.BuiltInPolicies;
import org.infersim.scenario.ArrivalSpec;
import org.infersim.scenario.Deployment;
import org.infersim.scenario.EngineConfig;
import org.infersim.scenario.GpuShare;
import org.infersim.scenario.GpuSharing;
import org.infersim.scenario.Job;
import org.infersim.scenario.JobType;
import org.infersim.scenario.LengthSpec;
import org.infersim.scenario.LoadedScenario;
import org.infersim.scenario.NumericFormat;
import org.infersim.scenario.Pool;
import org.infersim.scenario.Precision;
import org.infersim.scenario.PriorityClass;
import org.infersim.scenario.Scenario;
import org.infersim.scenario.ScenarioCheck;
import org.infersim.scenario.Slo;
import org.infersim.scenario.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {
    private static final long S = 1_000_000_000L;

    private static Path fixtures() {
        try {
            return Path.of(ScenarioLoaderTest.class.getResource("/scenario").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Scenario parse(String yaml) throws InvalidInputException {
        return ScenarioLoader.parse(yaml, "scenarios/x.yaml", fixtures(), List.of(), BuiltInPolicies.load()).scenario();
    }

    private static List<String> problems(String yaml) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(yaml));
        return e.problems().stream().map(Problem::toString).collect(Collectors.toList());
    }

    /** A valid scenario whose deployment and workload are given by the test. */
    private static String scenario(String deployment, String workload) {
        return """
                name: t
                duration: 10m
                cluster:
                  pools:
                    - name: h100
                      gpu: h100-sxm
                      count: 8
                deployments:
                  - name: chat
                    model: llama-3.1-8b
                """ + deployment.indent(4) + """
                workloads:
                  - name: users
                """ + workload.indent(4);
    }

    private static final String LENGTHS = "promptTokens: 512\noutputTokens: 128\n";
    private static final String WORKLOAD = "arrival: {type: poisson, rate: 1/s}\n" + LENGTHS;

    private static Workload workload(String yaml) throws InvalidInputException {
        return parse(scenario("", yaml)).workloads().get(0);
    }

    // ------------------------------------------------------------------ valid files

    @Test
    void aFullScenarioBindsToTheExpectedRecords() throws Exception {
        LoadedScenario loaded = ScenarioLoader.load(fixtures().resolve("full.yaml"), List.of(), BuiltInPolicies.load());
        Scenario s = loaded.scenario();
        ModelSpec llama = loaded.catalog().model("llama-3.1-8b").orElseThrow();

        assertEquals("full-example", s.name());
        assertEquals(7, s.seed());
        assertEquals(5400 * S, s.durationNs());
        assertEquals(90 * S, s.warmupNs());
        assertEquals(30 * S, s.metricsIntervalNs());
        assertEquals(fixtures().resolve("full.yaml"), s.file());
        assertEquals(List.of(), s.catalogs());

        assertEquals(PolicyChoice.of("best-fit"), s.placement());
        assertEquals(List.of(
                new Pool("h100", "h100-sxm", 16, 8, OptionalDouble.of(2.99), GpuSharing.DEFAULTS),
                new Pool("a100", "a100-80gb", 4, 4, OptionalDouble.empty(), new GpuSharing(200_000, 0.3))), s.pools());

        EngineConfig engine = new EngineConfig(32, 0.85, OptionalInt.of(128), OptionalInt.of(16384), false,
                PolicyChoice.of("priority"), PolicyChoice.of("swap"), 8L << 30, OptionalInt.of(16384), false, 0,
                java.util.OptionalLong.empty());
        assertEquals(List.of(
                new Deployment("chat", "llama-3.1-8b", List.of("h100"), new Precision(NumericFormat.FP8, NumericFormat.FP8),
                        2, 3, engine, PolicyChoice.of("round-robin"), null, 130, 300 * S),
                new Deployment("batch", "llama-3.1-8b", List.of("a100", "h100"),
                        new Precision(NumericFormat.INT4, NumericFormat.FP8),
                        1, 1, EngineConfig.defaults(), PolicyChoice.of("least-outstanding"), new GpuShare.Mig("3g.40gb"), 125,
                        0)),
                s.deployments());

        assertEquals(List.of(
                new Job("pretrain", JobType.TRAINING, List.of("h100"), 16, 6 * 3600 * S, PriorityClass.TRAIN, true,
                        1800 * S, 300 * S, 60 * S, 0, 1),
                new Job("ci", JobType.BUILD, List.of("a100"), 1, 1200 * S, PriorityClass.BUILD, true, 0, 0,
                        Job.DEFAULT_GRACE_PERIOD_NS, 0, 3)), s.jobs());

        List<Workload> w = s.workloads();
        assertEquals(5, w.size());
        assertEquals(new Workload("users", "chat", new ArrivalSpec.Poisson(20.0),
                new LengthSpec.LogNormal(1000, 400, 8192), new LengthSpec.Fixed(256), 5,
                new Slo(OptionalLong.of(2 * S), OptionalLong.of(100_000_000L))), w.get(0));
        assertEquals(new Workload("bursts", "chat", new ArrivalSpec.Gamma(5.0, 4.0),
                new LengthSpec.Uniform(100, 2000), new LengthSpec.Fixed(64), 0, Slo.NONE), w.get(1));

        Workload ramp = w.get(2);
        assertEquals(new ArrivalSpec.Steps(List.of(new ArrivalSpec.Step(0, 5.0), new ArrivalSpec.Step(600 * S, 20.0))),
                ramp.arrival());
        LengthSpec.Empirical empirical = assertInstanceOf(LengthSpec.Empirical.class, ramp.promptTokens());
        assertEquals(fixtures().resolve("lengths/prompts.txt"), empirical.file());
        assertArrayEquals(new int[] {120, 840, 2048, 64}, empirical.values());
        // No cap written: the deployment's longest sequence (batch has no maxModelLen: the model's context).
        assertEquals(new LengthSpec.LogNormal(200, 100, llama.maxContext()), ramp.outputTokens());

        assertEquals(new Workload("daily", "batch", new ArrivalSpec.Diurnal(10.0, 0.6, 86_400 * S, 43_200 * S),
                new LengthSpec.Fixed(512), new LengthSpec.Fixed(128), 0,
                new Slo(OptionalLong.of(S), OptionalLong.empty())), w.get(3));

        Workload replay = w.get(4);
        ArrivalSpec.Trace trace = assertInstanceOf(ArrivalSpec.Trace.class, replay.arrival());
        assertEquals(fixtures().resolve("traces/azure-small.csv"), trace.file());
        assertEquals(2.0, trace.rateScale());
        assertEquals(4, trace.offsetsNs().length);
        assertEquals(1, trace.skippedRows());
        assertNull(replay.promptTokens());
        assertNull(replay.outputTokens());
    }

    @Test
    void defaultsFollowTheFormat() throws Exception {
        Scenario s = parse(scenario("", WORKLOAD));
        assertEquals(1, s.seed());
        assertEquals(0, s.warmupNs());
        assertEquals(10 * S, s.metricsIntervalNs());
        assertEquals(new Pool("h100", "h100-sxm", 8, 8, OptionalDouble.empty(), GpuSharing.DEFAULTS), s.pools().get(0));
        assertEquals(PolicyChoice.of("first-fit"), s.placement());
        assertEquals(new Deployment("chat", "llama-3.1-8b", List.of("h100"), Precision.BF16, 1, 1, EngineConfig.defaults(),
                PolicyChoice.of("least-outstanding"), null, PriorityClass.INFERENCE, 0), s.deployments().get(0));
        assertEquals(List.of(), s.jobs());
        Workload w = s.workloads().get(0);
        assertEquals("chat", w.deployment());
        assertEquals(0, w.priority());
        assertEquals(Slo.NONE, w.slo());
    }

    @Test
    void gpusPerNodeDefaultsToTheCountUpToEight() throws Exception {
        String yaml = scenario("", WORKLOAD).replace("count: 8", "count: 2");
        assertEquals(2, parse(yaml).pools().get(0).gpusPerNode());
        yaml = scenario("", WORKLOAD).replace("count: 8", "count: 32");
        assertEquals(8, parse(yaml).pools().get(0).gpusPerNode());
    }

    @Test
    void fp8WeightsDefaultToAnFp8KvCacheAndOthersToBf16() throws Exception {
        assertEquals(new Precision(NumericFormat.FP8, NumericFormat.FP8),
                parse(scenario("precision: fp8", WORKLOAD)).deployments().get(0).precision());
        assertEquals(new Precision(NumericFormat.INT4, NumericFormat.BF16),
                parse(scenario("precision: int4", WORKLOAD)).deployments().get(0).precision());
        assertEquals(new Precision(NumericFormat.INT8, NumericFormat.BF16),
                parse(scenario("precision: {weights: int8}", WORKLOAD)).deployments().get(0).precision());
    }

    @Test
    void theSourceMapKnowsTheLineOfEveryPath() throws Exception {
        SourceMap source = parse(scenario("tensorParallel: 2", WORKLOAD)).source();
        assertEquals("scenarios/x.yaml", source.file());
        assertEquals(1, source.lineOf(""));
        assertEquals(2, source.lineOf("duration"));
        assertEquals(5, source.lineOf("cluster.pools[0]"));
        assertEquals(6, source.lineOf("cluster.pools[0].gpu"));
        assertEquals(11, source.lineOf("deployments[0].tensorParallel"));
        assertEquals(11, source.lineOf("deployments[0].tensorParallel.nothing"));
        assertEquals(15, source.lineOf("workloads[0].promptTokens"));
        assertEquals(13, source.lineOf("workloads[0]"));
    }

    // ------------------------------------------------------------------ arrivals

    @Test
    void poissonRatesAcceptEveryUnit() throws Exception {
        assertEquals(new ArrivalSpec.Poisson(0.5), workload("arrival: {type: poisson, rate: 30/min}\n" + LENGTHS).arrival());
        assertEquals(new ArrivalSpec.Poisson(2.0), workload("arrival: {type: poisson, rate: 7200/h}\n" + LENGTHS).arrival());
    }

    @Test
    void gammaNeedsAPositiveCv() {
        List<String> p = problems(scenario("", "arrival: {type: gamma, rate: 5/s, cv: 0}\n" + LENGTHS));
        assertEquals(List.of("scenarios/x.yaml:13: workloads[0].arrival.cv: expected a coefficient of variation"
                + " above 0 (1 is Poisson), got 0"), p);
    }

    @Test
    void stepsMustStartAtZeroAndIncreaseStrictly() {
        List<String> p = problems(scenario("", """
                arrival:
                  type: steps
                  steps:
                    - {at: 1m, rate: 5/s}
                    - {at: 10m, rate: 20/s}
                    - {at: 10m, rate: 0/s}
                """ + LENGTHS));
        assertEquals(List.of(
                "scenarios/x.yaml:16: workloads[0].arrival.steps[0].at: the first step must start at 0s, got 1m",
                "scenarios/x.yaml:18: workloads[0].arrival.steps[2].at: steps must be in strictly increasing time:"
                        + " 10m is not after 10m"), p);
    }

    @Test
    void diurnalDefaultsToADailyPeriodPeakingAtNoon() throws Exception {
        assertEquals(new ArrivalSpec.Diurnal(10.0, 0.0, 86_400 * S, 43_200 * S),
                workload("arrival: {type: diurnal, mean: 10/s, amplitude: 0}\n" + LENGTHS).arrival());
        assertEquals(new ArrivalSpec.Diurnal(1.0, 1.0, 3600 * S, 900 * S),
                workload("arrival: {type: diurnal, mean: 60/min, amplitude: 1, period: 1h, peakAt: 15m}\n"
                        + LENGTHS).arrival());
    }

    @Test
    void diurnalAmplitudeMustBeAFraction() {
        assertEquals(List.of("scenarios/x.yaml:13: workloads[0].arrival.amplitude: expected an amplitude in [0, 1],"
                + " got 1.5"), problems(scenario("", "arrival: {type: diurnal, mean: 10/s, amplitude: 1.5}\n" + LENGTHS)));
    }

    @Test
    void aTraceReadsItsFileRelativeToTheScenario() throws Exception {
        ArrivalSpec.Trace t = assertInstanceOf(ArrivalSpec.Trace.class,
                workload("arrival: {type: trace, file: traces/seconds.csv}").arrival());
        assertEquals(1.0, t.rateScale());
        assertArrayEquals(new long[] {0, S / 2, 2_250_000_000L}, t.offsetsNs());
        assertArrayEquals(new int[] {100, 200, 300}, t.promptTokens());
        assertArrayEquals(new int[] {10, 20, 30}, t.outputTokens());
    }

    @Test
    void aMooncakeTraceIsToldByItsContentAndCarriesEachRowsBlockHashIds() throws Exception {
        ArrivalSpec.Trace t = assertInstanceOf(ArrivalSpec.Trace.class,
                workload("arrival: {type: trace, file: traces/mooncake.jsonl, rateScale: 2}").arrival());
        assertEquals(fixtures().resolve("traces/mooncake.jsonl"), t.file());
        assertEquals(2.0, t.rateScale());
        assertArrayEquals(new long[] {0, 1_500_500_000L, 3 * S, 4 * S, 5 * S}, t.offsetsNs());
        assertArrayEquals(new int[] {600, 1024, 1100, 1000, 1300}, t.promptTokens());
        assertEquals(1, t.skippedRows());
        assertEquals(512, t.blockTokens());
        assertArrayEquals(new long[][] {{0, 3}, {0, 1}, {0, 1, 2}, null, {0, 1}}, t.blockHashIds());
    }

    @Test
    void aBadMooncakeLineIsReportedAtTheTraceFilesLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("t.jsonl"), "{\"timestamp\": 0, \"input_length\": 600, \"output_length\": 2}\n"
                + "{\"timestamp\": 9, \"input_length\": 600, \"output_length\": 2, \"hash_ids\": [0, 1, 2]}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScenarioLoader.parse(
                scenario("", "arrival: {type: trace, file: t.jsonl}"), "x.yaml", dir, List.of(), BuiltInPolicies.load()));
        assertEquals(List.of(dir.resolve("t.jsonl") + ":2: workloads[0].arrival.file: hash_ids: 3 ids, but"
                + " input_length 600 is 2 blocks of 512 tokens (one id per block, the last one partial)"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void aTraceSuppliesTheLengths() {
        assertEquals(List.of("scenarios/x.yaml:14: workloads[0].promptTokens: the trace supplies lengths; remove"
                + " promptTokens"), problems(scenario("", "arrival: {type: trace, file: traces/seconds.csv}\n"
                + "promptTokens: 512\n")));
    }

    @Test
    void aBadTraceCellIsReportedAtTheTraceFilesLine() {
        List<String> p = problems(scenario("", "arrival: {type: trace, file: traces/bad-cell.csv}"));
        String trace = fixtures().resolve("traces/bad-cell.csv").toString();
        assertEquals(List.of(trace + ":3: workloads[0].arrival.file: column ContextTokens: expected a non-negative"
                + " integer token count, got 'abc'"), p);
    }

    @Test
    void aMissingTraceFileSaysWhereItWasLookedFor() {
        List<String> p = problems(scenario("", "arrival: {type: trace, file: traces/nope.csv}"));
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("scenarios/x.yaml:13: workloads[0].arrival.file: trace file 'traces/nope.csv'"
                + " not found (looked for "), p.get(0));
    }

    @Test
    void keysOfAnotherArrivalTypeAreNamedAsSuch() {
        assertEquals(List.of("scenarios/x.yaml:13: workloads[0].arrival.cv: 'cv' does not apply to a poisson arrival"
                + " (it belongs to gamma); a poisson arrival has keys type, rate"),
                problems(scenario("", "arrival: {type: poisson, rate: 5/s, cv: 2}\n" + LENGTHS)));
    }

    @Test
    void anUnknownArrivalTypeGetsASuggestion() {
        assertEquals(List.of("scenarios/x.yaml:13: workloads[0].arrival.type: unknown arrival type 'posson'; did you"
                + " mean 'poisson'? Expected one of poisson, gamma, steps, constant, closed, diurnal, trace"),
                problems(scenario("", "arrival: {type: posson, rate: 5/s}\n" + LENGTHS)));
    }

    // ------------------------------------------------------------------ lengths

    @Test
    void everyLengthTypeBinds() throws Exception {
        String arrival = "arrival: {type: poisson, rate: 1/s}\n";
        assertEquals(new LengthSpec.Fixed(512), workload(arrival + LENGTHS).promptTokens());
        assertEquals(new LengthSpec.Fixed(7),
                workload(arrival + "promptTokens: {type: fixed, value: 7}\noutputTokens: 1").promptTokens());
        assertEquals(new LengthSpec.Uniform(1, 9),
                workload(arrival + "promptTokens: {type: uniform, min: 1, max: 9}\noutputTokens: 1").promptTokens());
        assertEquals(new LengthSpec.LogNormal(1000, 400, 8192), workload(arrival
                + "promptTokens: {type: lognormal, mean: 1000, stddev: 400, max: 8192}\noutputTokens: 1").promptTokens());
        LengthSpec.Empirical e = assertInstanceOf(LengthSpec.Empirical.class, workload(arrival
                + "promptTokens: {type: empirical, file: lengths/prompts.txt}\noutputTokens: 1").promptTokens());
        assertArrayEquals(new int[] {120, 840, 2048, 64}, e.values());
    }

    @Test
    void theLognormalCapDefaultsToTheMaxModelLen() throws Exception {
        Scenario s = parse(scenario("engine: {maxModelLen: 4096}",
                "arrival: {type: poisson, rate: 1/s}\npromptTokens: {type: lognormal, mean: 100, stddev: 10}\n"
                + "outputTokens: 1"));
        assertEquals(new LengthSpec.LogNormal(100, 10, 4096), s.workloads().get(0).promptTokens());
    }

    @Test
    void lengthProblemsSayWhatWasExpected() {
        List<String> p = problems(scenario("", """
                arrival: {type: poisson, rate: 1/s}
                promptTokens: {type: uniform, min: 10, max: 5}
                outputTokens: 0
                """));
        assertEquals(List.of(
                "scenarios/x.yaml:14: workloads[0].promptTokens.max: max 5 is below min 10",
                "scenarios/x.yaml:15: workloads[0].outputTokens: expected an integer at least 1, got 0"), p);
    }

    @Test
    void aBadEmpiricalLineIsReportedAtTheLengthFilesLine() {
        List<String> p = problems(scenario("", "arrival: {type: poisson, rate: 1/s}\n"
                + "promptTokens: {type: empirical, file: lengths/bad.txt}\noutputTokens: 1"));
        assertEquals(List.of(fixtures().resolve("lengths/bad.txt") + ":3: workloads[0].promptTokens.file: expected a"
                + " positive integer token count, got 'twelve'"), p);
    }

    @Test
    void lengthsAreRequiredWithoutATrace() {
        assertEquals(List.of("scenarios/x.yaml:12: workloads[0]: missing required key 'outputTokens' (a token-length"
                + " distribution such as 512 or {type: lognormal, mean: 1000, stddev: 400, max: 8192})"),
                problems(scenario("", "arrival: {type: poisson, rate: 1/s}\npromptTokens: 5")));
    }

    // ------------------------------------------------------------------ deployment checks

    @Test
    void tensorParallelMustDivideTheAttentionHeads() {
        assertEquals(List.of("scenarios/x.yaml:11: deployments[0].tensorParallel: 3 does not divide the 32 attention"
                + " heads of llama-3.1-8b"), problems(scenario("tensorParallel: 3", WORKLOAD)));
    }

    @Test
    void tensorParallelMustFitInANode() {
        String yaml = scenario("tensorParallel: 8", WORKLOAD).replace("count: 8", "count: 8\n      gpusPerNode: 4");
        assertEquals(List.of("scenarios/x.yaml:12: deployments[0].tensorParallel: 8 exceeds the 4 GPUs per node of"
                + " pool 'h100' (a tensor-parallel group stays within one node)"), problems(yaml));
    }

    @Test
    void aPoolIsGivenInGpusOrInNodes() throws Exception {
        String nodes = scenario("", WORKLOAD).replace("count: 8", "nodes: 3\n      gpusPerNode: 4");
        assertEquals(new Pool("h100", "h100-sxm", 12, 4, OptionalDouble.empty(), GpuSharing.DEFAULTS), parse(nodes).pools().get(0));
        String defaultNode = scenario("", WORKLOAD).replace("count: 8", "nodes: 2");
        assertEquals(new Pool("h100", "h100-sxm", 16, 8, OptionalDouble.empty(), GpuSharing.DEFAULTS), parse(defaultNode).pools().get(0));
        String both = scenario("", WORKLOAD).replace("count: 8", "count: 8\n      nodes: 2\n      gpusPerNode: 8");
        assertEquals(List.of("scenarios/x.yaml:7: cluster.pools[0].count: 8 GPUs disagrees with nodes × gpusPerNode"
                + " = 2 × 8 = 16; give one of count and nodes"), problems(both));
        String neither = scenario("", WORKLOAD).replace("      count: 8\n", "");
        assertEquals(List.of("scenarios/x.yaml:5: cluster.pools[0]: missing required key 'count' (the number of GPUs,"
                + " or give nodes and gpusPerNode)"), problems(neither));
    }

    @Test
    void aDeploymentMayRunOnSeveralPoolsInOrderOfPreference() throws Exception {
        String twoPools = scenario("pools: [a100, h100]", WORKLOAD).replace("deployments:", """
                    - name: a100
                      gpu: a100-80gb
                      count: 4
                deployments:""");
        assertEquals(List.of("a100", "h100"), parse(twoPools).deployments().get(0).pools());
        assertEquals(List.of("scenarios/x.yaml:15: deployments[0].pools: give either pool (one) or pools (a list), not both"),
                problems(twoPools.replace("pools: [a100, h100]", "pool: h100\n    pools: [a100, h100]")));
        assertEquals(List.of("scenarios/x.yaml:14: deployments[0].pools[1]: unknown pool 'h10'; did you mean 'h100'?"
                        + " Defined: h100, a100"), problems(twoPools.replace("[a100, h100]", "[a100, h10]")));
        assertEquals(List.of("scenarios/x.yaml:14: deployments[0].pools[1]: pool 'a100' is listed twice"),
                problems(twoPools.replace("[a100, h100]", "[a100, a100]")));
    }

    @Test
    void tensorParallelMustFitInANodeOfEveryPoolItMayRunOn() {
        String yaml = scenario("tensorParallel: 8\npools: [h100, small]", WORKLOAD).replace("deployments:", """
                    - name: small
                      gpu: h100-sxm
                      nodes: 2
                      gpusPerNode: 4
                deployments:""");
        assertEquals(List.of("scenarios/x.yaml:15: deployments[0].tensorParallel: 8 exceeds the 4 GPUs per node of"
                + " pool 'small' (a tensor-parallel group stays within one node)"), problems(yaml));
    }

    @Test
    void thePlacementPolicyIsFirstFitOrBestFit() {
        String yaml = scenario("", WORKLOAD).replace("cluster:\n", "cluster:\n  placement: worst-fit\n");
        List<String> p = problems(yaml);
        assertEquals(1, p.size());
        assertEquals(List.of("scenarios/x.yaml:4: cluster.placement: unknown placement policy 'worst-fit'; did you mean"
                + " 'first-fit'? Expected one of first-fit, best-fit"), p);
    }

    @Test
    void aReplicaMayAskForAShareOfOneGpu() throws Exception {
        assertEquals(new GpuShare.TimeSlicing(0.25),
                parse(scenario("gpuShare: {mode: time-slicing, fraction: 0.25}", WORKLOAD)).deployments().get(0).gpuShare());
        assertEquals(new GpuShare.Mps(0.5, 0.5),
                parse(scenario("gpuShare: {mode: mps, fraction: 0.5}", WORKLOAD)).deployments().get(0).gpuShare());
        assertEquals(new GpuShare.Mps(0.5, 0.3),
                parse(scenario("gpuShare: {mode: mps, fraction: 0.5, compute: 0.3}", WORKLOAD)).deployments().get(0)
                        .gpuShare());
        assertEquals(new GpuShare.Mig("3g.40gb"),
                parse(scenario("gpuShare: {mode: mig, profile: 3g.40gb}", WORKLOAD)).deployments().get(0).gpuShare());
        assertNull(parse(scenario("", WORKLOAD)).deployments().get(0).gpuShare());
    }

    @Test
    void aGpuShareIsCheckedAgainstItsModeAndTheGpu() {
        assertEquals(List.of("scenarios/x.yaml:11: deployments[0].gpuShare.fraction: expected a fraction of the GPU's"
                + " memory in (0, 1], got 1.5"), problems(scenario("gpuShare: {mode: time-slicing, fraction: 1.5}", WORKLOAD)));
        assertEquals(List.of("scenarios/x.yaml:11: deployments[0].gpuShare: missing required key 'fraction' (a number)"),
                problems(scenario("gpuShare: {mode: time-slicing}", WORKLOAD)));
        assertEquals(List.of("scenarios/x.yaml:11: deployments[0].gpuShare.mode: unknown GPU share mode 'timeslicing';"
                + " did you mean 'time-slicing'? Expected one of time-slicing, mps, mig"),
                problems(scenario("gpuShare: {mode: timeslicing, fraction: 0.5}", WORKLOAD)));
        assertEquals(List.of("scenarios/x.yaml:11: deployments[0].gpuShare.profile: 'profile' does not apply to a"
                + " time-slicing GPU share (it belongs to mig); a time-slicing GPU share has keys mode, fraction"),
                problems(scenario("gpuShare: {mode: time-slicing, fraction: 0.5, profile: 1g.10gb}", WORKLOAD)));
        assertEquals(List.of("scenarios/x.yaml:11: deployments[0].gpuShare.profile: unknown MIG profile '2g.40gb' for"
                + " h100-sxm (pool 'h100'); did you mean '2g.20gb'? Its profiles: 1g.10gb, 1g.20gb, 2g.20gb, 3g.40gb,"
                + " 4g.40gb, 7g.80gb"), problems(scenario("gpuShare: {mode: mig, profile: 2g.40gb}", WORKLOAD)));
        assertEquals(List.of("scenarios/x.yaml:12: deployments[0].gpuShare: a replica with a GPU share runs on one GPU,"
                + " but tensorParallel is 2; remove one of them"),
                problems(scenario("tensorParallel: 2\ngpuShare: {mode: time-slicing, fraction: 0.5}", WORKLOAD)));
        String l40s = scenario("gpuShare: {mode: mig, profile: 1g.10gb}", WORKLOAD).replace("h100-sxm", "l40s");
        assertEquals(List.of("scenarios/x.yaml:11: deployments[0].gpuShare.profile: l40s (pool 'h100') does not support"
                + " MIG; use time-slicing or mps, or a pool of a MIG-capable GPU"), problems(l40s));
    }

    @Test
    void aPoolsSharingSettingsAreOptionalAndChecked() throws Exception {
        String yaml = scenario("", WORKLOAD).replace("count: 8", "count: 8\n      sharing: {contextSwitch: 250us}");
        assertEquals(new GpuSharing(250_000, GpuSharing.DEFAULTS.mpsInterference()), parse(yaml).pools().get(0).sharing());
        String bad = scenario("", WORKLOAD).replace("count: 8", "count: 8\n      sharing: {mpsInterference: -1}");
        assertEquals(List.of("scenarios/x.yaml:8: cluster.pools[0].sharing.mpsInterference: expected a slowdown of at"
                + " least 0 per unit of neighbour share, got -1"), problems(bad));
    }

    @Test
    void aDeploymentHasAPriorityClassAndAStartTime() throws Exception {
        Deployment d = parse(scenario("priority: build\nstartAt: 90s", WORKLOAD)).deployments().get(0);
        assertEquals(PriorityClass.BUILD, d.priority());
        assertEquals(90 * S, d.startAtNs());
        assertEquals(200, parse(scenario("priority: 200", WORKLOAD)).deployments().get(0).priority());
        assertEquals(List.of("scenarios/x.yaml:11: deployments[0].priority: unknown priority class 'inferense'; did you"
                + " mean 'inference'? Expected one of train (50), build-preemptible (75), build (100), inference (125),"
                + " or an integer"), problems(scenario("priority: inferense", WORKLOAD)));
        assertEquals(List.of("scenarios/x.yaml:11: deployments[0].startAt: 10m is not before the end of the run (10m)"),
                problems(scenario("startAt: 10m", WORKLOAD)));
    }

    private static String withJob(String job) {
        return scenario("", WORKLOAD) + "jobs:\n  - " + job.strip().replace("\n", "\n    ") + "\n";
    }

    @Test
    void aJobTakesItsDefaultsFromItsType() throws Exception {
        Job train = parse(withJob("{name: t, type: training, gpus: 8, duration: 2h}")).jobs().get(0);
        assertEquals(new Job("t", JobType.TRAINING, List.of("h100"), 8, 7200 * S, 50, true, 0, 0,
                Job.DEFAULT_GRACE_PERIOD_NS, 0, 1), train);
        Job build = parse(withJob("{name: b, type: build, gpus: 1, duration: 10m}")).jobs().get(0);
        assertEquals(100, build.priority());
        assertFalse(build.preemptible(), "build (100) is not preemptible in Run:ai");
        assertTrue(parse(withJob("{name: b, type: build, gpus: 1, duration: 10m, priority: build-preemptible}"))
                .jobs().get(0).preemptible());
    }

    @Test
    void aJobIsCheckedAgainstItsPools() {
        assertEquals(List.of("scenarios/x.yaml:17: jobs[0].gpus: 12 GPUs is more than pool 'h100' has (8)"),
                problems(withJob("{name: t, type: training, gpus: 12, duration: 1h}")));
        String twoNodes = withJob("{name: t, type: training, gpus: 6, duration: 1h}").replace("count: 8",
                "nodes: 2\n      gpusPerNode: 4");
        assertEquals(List.of("scenarios/x.yaml:18: jobs[0].gpus: 6 GPUs is more than a node of pool 'h100' (4) but not"
                + " whole nodes; a job takes up to one node, or whole nodes"), problems(twoNodes));
        assertEquals(List.of("scenarios/x.yaml:17: jobs[0]: missing required key 'type' (training | build)"),
                problems(withJob("{name: t, gpus: 1, duration: 1h}")));
        assertEquals(List.of("scenarios/x.yaml:17: jobs[0].duration: expected how long the job runs uninterrupted,"
                + " longer than 0"), problems(withJob("{name: t, type: training, gpus: 1, duration: 0s}")));
        assertEquals(List.of("scenarios/x.yaml:17: jobs[0].name: the name 'chat' is already used; names must be unique"),
                problems(withJob("{name: chat, type: training, gpus: 1, duration: 1h}")));
        assertEquals(List.of("scenarios/x.yaml:17: jobs[0].submitAt: 1h is not before the end of the run (10m)"),
                problems(withJob("{name: t, type: training, gpus: 1, duration: 1h, submitAt: 1h}")));
    }

    @Test
    void maxModelLenCannotExceedTheModelsContext() {
        List<String> p = problems(scenario("engine: {maxModelLen: 10000000}", WORKLOAD));
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("scenarios/x.yaml:11: deployments[0].engine.maxModelLen: 10000000 exceeds the "),
                p.get(0));
    }

    @Test
    void engineValuesAreChecked() {
        List<String> p = problems(scenario("""
                engine:
                  blockSize: 12
                  gpuMemoryUtilization: 1.2
                  swapSpace: 4 gigs
                  preemption: swapp
                """, WORKLOAD));
        assertEquals(List.of(
                "scenarios/x.yaml:12: deployments[0].engine.blockSize: expected 8, 16 or 32 tokens per KV block, got 12",
                "scenarios/x.yaml:13: deployments[0].engine.gpuMemoryUtilization: expected a fraction in (0, 1], got 1.2",
                "scenarios/x.yaml:14: deployments[0].engine.swapSpace: expected a size such as 512MiB, 4GiB, 80GB;"
                        + " got '4 gigs'",
                "scenarios/x.yaml:15: deployments[0].engine.preemption: unknown preemption mode 'swapp'; did you mean"
                        + " 'swap'? Expected one of recompute, swap"), p);
    }

    // ------------------------------------------------------------------ references and suggestions

    @Test
    void aMisspelledKeyGetsASuggestion() {
        assertEquals(List.of("scenarios/x.yaml:11: deployments[0].tensorParalel: unknown key 'tensorParalel'; did you"
                + " mean 'tensorParallel'?"), problems(scenario("tensorParalel: 2", WORKLOAD)));
    }

    @Test
    void anUnknownKeyWithNothingCloseListsTheAllowedKeys() {
        assertEquals(List.of("scenarios/x.yaml:11: deployments[0].colour: unknown key 'colour'; expected one of: name,"
                + " model, pool, pools, precision, tensorParallel, replicas, gpuShare, priority, startAt, engine, router,"
                + " autoscaler, coldStart, drainTimeout, stepTime"),
                problems(scenario("colour: blue", WORKLOAD)));
    }

    @Test
    void anUnknownGpuGetsTheClosestCatalogId() {
        List<String> p = problems(scenario("", WORKLOAD).replace("gpu: h100-sxm", "gpu: h100sxm"));
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("scenarios/x.yaml:6: cluster.pools[0].gpu: unknown GPU 'h100sxm'; did you mean"
                + " 'h100-sxm'? Known: "), p.get(0));
        assertTrue(p.get(0).contains("a100-80gb"), p.get(0));
    }

    @Test
    void anUnknownModelGetsTheClosestCatalogId() {
        List<String> p = problems(scenario("", WORKLOAD).replace("model: llama-3.1-8b", "model: llama-3.1-8B-instruct"));
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("scenarios/x.yaml:10: deployments[0].model: unknown model"
                + " 'llama-3.1-8B-instruct'"), p.get(0));
    }

    @Test
    void anUnknownEnumValueGetsASuggestion() {
        assertEquals(List.of("scenarios/x.yaml:11: deployments[0].router: unknown router 'round_robin'; did you mean"
                + " 'round-robin'? Expected one of round-robin, least-outstanding, least-kv, prefix-affinity"),
                problems(scenario("router: round_robin", WORKLOAD)));
    }

    @Test
    void aDeploymentNamesItsStepTimeModelLikeItsOtherPolicies() throws Exception {
        assertEquals(PolicyChoice.of("roofline"), parse(scenario("", WORKLOAD)).deployments().get(0).stepTime());
        assertEquals(List.of("scenarios/x.yaml:11: deployments[0].stepTime: unknown step-time model 'measured';"
                + " expected one of roofline, table"), problems(scenario("stepTime: measured", WORKLOAD)));
    }

    @Test
    void referencesMustNameADefinition() {
        assertEquals(List.of(
                "scenarios/x.yaml:11: deployments[0].pool: unknown pool 'h10'; did you mean 'h100'? Defined: h100",
                "scenarios/x.yaml:14: workloads[0].deployment: unknown deployment 'caht'; did you mean 'chat'?"
                        + " Defined: chat"),
                problems(scenario("pool: h10", "deployment: caht\narrival: {type: poisson, rate: 1/s}\n" + LENGTHS)));
    }

    @Test
    void aReferenceIsRequiredWhenThereAreSeveral() {
        String yaml = scenario("", WORKLOAD).replace("      count: 8\n", "      count: 8\n    - {name: spare, gpu: h100-sxm, count: 1}\n");
        List<String> p = problems(yaml);
        assertEquals(List.of("scenarios/x.yaml:10: deployments[0]: missing required key 'pool' (one of h100, spare;"
                + " it may be left out only when exactly one pool exists)"), p);
    }

    @Test
    void namesMustBeUnique() {
        String yaml = scenario("", WORKLOAD) + """
                  - name: users
                    arrival: {type: poisson, rate: 1/s}
                """ + LENGTHS.indent(4);
        assertEquals(List.of("scenarios/x.yaml:16: workloads[1].name: the name 'users' is already used; names must be"
                + " unique"), problems(yaml));
    }

    // ------------------------------------------------------------------ several problems, syntax

    @Test
    void severalProblemsAreReportedAtOnceWithTheirLines() {
        String yaml = """
                name: bad name
                duration: 600
                warmup: 1m
                metricsInterval: 0s
                cluster:
                  pools:
                    - name: h100
                      gpu: h100-sxm
                      count: 0
                deployments:
                  - name: chat
                    model: llama-3.1-8b
                    replicas: two
                workloads:
                  - name: users
                    arrival: {type: poisson, rate: 20}
                    promptTokens: 512
                    outputTokens: 128
                    slo: {ttft: -1s}
                """;
        assertEquals(List.of(
                "scenarios/x.yaml:1: name: 'bad name' is not a valid name; use letters, digits, '.', '_' and '-' only",
                "scenarios/x.yaml:2: duration: 600 has no unit; expected a duration such as 250ms, 90s, 5m, 2h",
                "scenarios/x.yaml:4: metricsInterval: the metrics interval must be longer than 0",
                "scenarios/x.yaml:9: cluster.pools[0].count: expected an integer at least 1, got 0",
                "scenarios/x.yaml:13: deployments[0].replicas: expected an integer, got the string 'two'",
                "scenarios/x.yaml:16: workloads[0].arrival.rate: 20 has no unit; expected a rate such as 20/s, 1200/min,"
                        + " 50/h",
                "scenarios/x.yaml:19: workloads[0].slo.ttft: '-1s' is negative; expected a duration such as 250ms, 90s,"
                        + " 5m, 2h"), problems(yaml));
    }

    @Test
    void missingRequiredKeysAreNamedAtTheEnclosingMapping() {
        List<String> p = problems("name: t\nseed: 3\n");
        assertEquals(List.of(
                "scenarios/x.yaml:1: missing required key 'duration' (a duration such as 250ms, 90s, 5m, 2h)",
                "scenarios/x.yaml:1: missing required key 'cluster' (a mapping with the GPU pools)",
                "scenarios/x.yaml:1: missing required key 'deployments' (a list of deployments, each a model served"
                        + " on a pool)",
                "scenarios/x.yaml:1: missing required key 'workloads' (a list of request streams)"), p);
    }

    @Test
    void warmupMustBeShorterThanTheDuration() {
        assertEquals(List.of("scenarios/x.yaml:3: warmup: the warm-up (10m) must be shorter than the duration (10m)"),
                problems(scenario("", WORKLOAD).replace("duration: 10m\n", "duration: 10m\nwarmup: 10m\n")));
    }

    @Test
    void aDuplicateKeyIsAProblem() {
        assertEquals(List.of("scenarios/x.yaml:3: duration: duplicate key 'duration' (first written at line 2); keep"
                + " only one"), problems(scenario("", WORKLOAD).replace("duration: 10m\n", "duration: 10m\nduration: 5m\n")));
    }

    @Test
    void aYamlSyntaxErrorIsOneProblemWithItsLine() {
        String yaml = "name: t\nduration: 10m\ncluster:\n  pools: [a, b\ndeployments: []\n";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(yaml));
        assertEquals(1, e.problems().size());
        Problem p = e.problems().get(0);
        assertEquals("scenarios/x.yaml", p.file());
        assertEquals(5, p.line());
        assertTrue(p.message().startsWith("YAML syntax error: "), p.message());
        assertFalse(p.message().contains("\n"), p.message());
        assertFalse(e.getMessage().contains("at com."), e.getMessage());
    }

    @Test
    void aBadIndentationIsASyntaxErrorAtItsLine() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> parse("name: t\nduration: 10m\n  seed: 3\n"));
        assertEquals(1, e.problems().size());
        assertEquals(3, e.problems().get(0).line());
    }

    @Test
    void anEmptyFileIsAProblem() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse("# nothing\n"));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).message().startsWith("the file is empty"));
    }

    @Test
    void aDocumentThatIsNotAMappingIsAProblem() {
        assertEquals(List.of("scenarios/x.yaml:1: expected a scenario (a mapping with keys name, seed, duration, warmup,"
                + " metricsInterval, catalogs, cluster, deployments, workloads, jobs, hostedApi), got a list"), problems("- a\n- b\n"));
    }

    // ------------------------------------------------------------------ files, catalogs, checks

    @Test
    void loadReadsAFileAndResolvesPathsAgainstItsFolder(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("traces"));
        Files.copy(fixtures().resolve("traces/seconds.csv"), dir.resolve("traces/t.csv"));
        Path file = Files.writeString(dir.resolve("s.yaml"),
                scenario("", "arrival: {type: trace, file: traces/t.csv}"));
        Scenario s = ScenarioLoader.load(file, List.of(), BuiltInPolicies.load()).scenario();
        assertEquals(file, s.file());
        assertEquals(dir.resolve("traces/t.csv"), ((ArrivalSpec.Trace) s.workloads().get(0).arrival()).file());
    }

    @Test
    void aMissingFileIsAProblemNotAStackTrace(@TempDir Path dir) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ScenarioLoader.load(dir.resolve("none.yaml"), List.of(), BuiltInPolicies.load()));
        assertEquals(List.of(new Problem(dir.resolve("none.yaml").toString(), 0, "", "file not found")), e.problems());
    }

    @Test
    void aMissingCatalogDirectoryIsAProblem() {
        List<String> p = problems(scenario("", WORKLOAD).replace("duration: 10m\n", "duration: 10m\ncatalogs: [nope]\n"));
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("scenarios/x.yaml:3: catalogs[0]: catalog directory 'nope' not found"), p.get(0));
    }

    @Test
    void registeredChecksRunOnlyOnAScenarioThatBound() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ScenarioCheck check = (scenario, catalog) -> {
            runs.incrementAndGet();
            return List.of(scenario.source().problem("deployments[0].replicas", "too big for memory"));
        };
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScenarioLoader.parse(
                scenario("replicas: 2", WORKLOAD), "x.yaml", fixtures(), List.of(), BuiltInPolicies.load(), List.of(check)));
        assertEquals(List.of("x.yaml:11: deployments[0].replicas: too big for memory"),
                e.problems().stream().map(Problem::toString).toList());
        assertEquals(1, runs.get());

        assertThrows(InvalidInputException.class, () -> ScenarioLoader.parse(
                scenario("replicas: 0", WORKLOAD), "x.yaml", fixtures(), List.of(), BuiltInPolicies.load(), List.of(check)));
        assertEquals(1, runs.get());
    }
}
