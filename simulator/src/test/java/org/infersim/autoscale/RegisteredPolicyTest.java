package org.infersim.autoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.infersim.input.InvalidInputException;
import org.infersim.plugin.PolicyFamily;
import org.infersim.results.RunSummary;
import org.infersim.run.ClusterRun;
import org.infersim.run.Progress;
import org.infersim.scenario.LoadedScenario;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;

/** A policy registered on the class path is named in a scenario, validated and run like a built-in one. */
class RegisteredPolicyTest {
    private static final String SCENARIO = """
            name: custom
            seed: 3
            duration: 20m
            cluster:
              pools: [{name: p, gpu: h100-sxm, count: 4}]
            deployments:
              - name: d
                model: llama-3.1-8b
                autoscaler: {policy: queue-step, metric: queue, target: 5, min: 1, max: 4, quiet: %s}
            workloads:
              - name: w
                arrival: {type: steps, steps: [{at: 0s, rate: 40/s}, {at: 8m, rate: 2/s}]}
                promptTokens: {type: lognormal, mean: 1500, stddev: 500, max: 6000}
                outputTokens: {type: lognormal, mean: 300, stddev: 100, max: 1000}
            """;

    @Test
    void aRegisteredPolicyScalesTheDeployment() throws Exception {
        LoadedScenario l = Scenarios.validation().parse(SCENARIO.formatted("1m"), "custom.yaml", Path.of("."));
        assertTrue(l.policies().names(PolicyFamily.AUTOSCALING).contains("queue-step"));
        RunSummary s = new ClusterRun(l, null).run(Progress.NONE).summary();
        var d = s.deployments().get(0);
        assertTrue(d.peakReplicas() >= 3, "40/s overloads one replica: it stepped up to " + d.peakReplicas());
        assertTrue(d.scaleDowns() > 0, "and back down once the load fell");
        assertEquals(d.scaleUps(), d.coldStarts(), "one cold start per step up");
    }

    @Test
    void itsSettingsAreValidatedLikeABuiltInPolicys() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Scenarios.validation().parse(SCENARIO.formatted("soon"), "custom.yaml", Path.of(".")));
        assertEquals("custom.yaml:9: deployments[0].autoscaler.quiet: expected a duration such as 250ms, 90s, 5m, 2h;"
                + " got 'soon'", e.problems().get(0).toString());
    }
}
