package org.infersim.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.infersim.metrics.RequestSink;
import org.infersim.results.RunSummary;
import org.infersim.run.BuiltInPolicies;
import org.infersim.run.ClusterRun;
import org.infersim.run.Progress;
import org.infersim.run.RunResult;
import org.infersim.run.ScenarioValidation;
import org.infersim.scenario.LoadedScenario;
import org.infersim.scenario.Scenario;

/** Builds and runs small scenarios written inline in tests, and the scenarios shipped in scenarios/. */
public final class Scenarios {
    /** Shipped scenarios longer than this are cut to it, so that the whole set runs in a test's time. */
    private static final long SHIPPED_MAX_NS = 3_600_000_000_000L;

    private Scenarios() {}

    /** Validation as the command line does it, with the built-in policies and those registered for the tests. */
    public static ScenarioValidation validation() {
        return new ScenarioValidation(BuiltInPolicies.load(), List.of());
    }

    public static LoadedScenario load(String yaml) throws Exception {
        return validation().parse(yaml, "<test>", Path.of("."));
    }

    public static RunResult run(String yaml) throws Exception {
        LoadedScenario loaded = load(yaml);
        return new ClusterRun(loaded, null).run(Progress.NONE);
    }

    public static RunSummary summary(String yaml) throws Exception {
        return run(yaml).summary();
    }

    /** The engine front end's time per request on a GPU type, in ms, from the built-in catalog. */
    public static double frontEndMs(String gpu) throws Exception {
        return org.infersim.catalog.Catalog.builtIn().gpu(gpu).orElseThrow().efficiency().requestOverheadNs() / 1e6;
    }

    /** One Llama-3.1-8B replica on one H100 with Poisson chat traffic at the given rate. */
    public static String singleReplica(double ratePerSec, String extraEngine, long seed) {
        return """
                name: single
                seed: %d
                duration: 4m
                warmup: 30s
                cluster:
                  pools: [{name: p, gpu: h100-sxm, count: 1}]
                deployments:
                  - name: d
                    model: llama-3.1-8b
                    engine: {%s}
                workloads:
                  - name: chat
                    arrival: {type: poisson, rate: %s/s}
                    promptTokens: {type: lognormal, mean: 1500, stddev: 800, max: 8000}
                    outputTokens: {type: lognormal, mean: 300, stddev: 200, max: 2000}
                    slo: {ttft: 2s, tpot: 100ms}
                """.formatted(seed, extraEngine, ratePerSec);
    }

    /** The scenario files in scenarios/, by name; batch and size files live beside them and are not scenarios. */
    public static List<Path> shipped() throws IOException {
        Path dir = Path.of(System.getProperty("infersim.root", ".."), "scenarios");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Scenarios::isScenario).sorted().toList();
        }
    }

    /** Batch and size files live beside the scenarios they vary; they are tested on their own. */
    public static boolean isScenario(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".yaml") && !name.endsWith(".batch.yaml") && !name.endsWith(".size.yaml");
    }

    /** Runs a shipped scenario, cut to its first hour if it is longer; {@code sink} (may be null) sees every request end. */
    public static RunResult runShipped(Path file, RequestSink sink) throws Exception {
        LoadedScenario loaded = validation().load(file);
        Scenario s = loaded.scenario();
        if (s.durationNs() > SHIPPED_MAX_NS) {
            s = new Scenario(s.name(), s.seed(), SHIPPED_MAX_NS, Math.min(s.warmupNs(), SHIPPED_MAX_NS / 10),
                    s.metricsIntervalNs(), s.pools(), s.placement(), s.deployments(), s.workloads(), s.jobs(),
                    s.catalogs(), s.file(), s.source(), s.hostedApi());
        }
        return new ClusterRun(loaded.with(s), sink).run(Progress.NONE);
    }
}
