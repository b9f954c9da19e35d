package org.infersim.testing;

import java.nio.file.Path;
import java.util.List;
import org.infersim.results.RunSummary;
import org.infersim.run.BuiltInPolicies;
import org.infersim.run.ClusterRun;
import org.infersim.run.Progress;
import org.infersim.run.RunResult;
import org.infersim.run.ScenarioValidation;
import org.infersim.scenario.LoadedScenario;

/** Builds and runs small scenarios written inline in tests. */
public final class Scenarios {
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
}
