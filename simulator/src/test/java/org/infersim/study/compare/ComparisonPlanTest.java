package org.infersim.study.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.run.BuiltInPolicies;
import org.infersim.study.BatchOutput;
import org.infersim.study.BatchPlan;
import org.infersim.study.RunSpec;
import org.infersim.study.ScenarioPatch;
import org.junit.jupiter.api.Test;

class ComparisonPlanTest {
    /** Scenario trees as the plan sees them: only their shape matters here, not their validity. */
    private static final String TWO_AUTOSCALED = """
            seed: 9
            deployments:
              - {name: a, autoscaler: {policy: kpa, target: 10}}
              - {name: b, replicas: 2}
              - {name: c, autoscaler: {metric: concurrency}}
            """;

    private static ComparisonPlan plan(String base, List<String> policies, List<String> paths, int replications)
            throws InvalidInputException {
        return ComparisonPlan.of("x", Path.of("x.yaml"), base, Map.of(), null, policies, paths, replications, 9, BuiltInPolicies.load(),
                (input, message) -> new Problem("cli", 0, "--" + input, message));
    }

    private static List<String> problems(String base, List<String> policies, List<String> paths, int replications) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> plan(base, policies, paths, replications));
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void theDefaultPathIsThePolicyOfEveryDeploymentWithAnAutoscaler() throws Exception {
        ComparisonPlan p = plan(TWO_AUTOSCALED, List.of("kpa", "hpa"), List.of(), 3);
        assertEquals(List.of("deployments[0].autoscaler.policy", "deployments[2].autoscaler.policy"), p.paths());
        assertEquals("hpa", p.policies().get(1).values().get("deployments[2].autoscaler.policy").asText());
    }

    @Test
    void replicationRofEveryPolicySharesOneSeedAndRunsAreNamedByPolicy() throws Exception {
        ComparisonPlan p = plan(TWO_AUTOSCALED, List.of("kpa", "hpa", "predictive"), List.of(), 4);
        List<RunSpec> runs = p.runs();
        assertEquals(12, runs.size());
        assertEquals(List.of("kpa-r1", "kpa-r2", "kpa-r3", "kpa-r4"), runs.subList(0, 4).stream().map(RunSpec::id).toList());
        assertEquals("predictive-r4", runs.get(11).id());
        assertEquals(9, runs.get(0).seed(), "replication 1 reproduces the scenario's own seed");
        for (int r = 0; r < 4; r++) {
            assertEquals(BatchPlan.seed(9, r), runs.get(r).seed());
            assertEquals(runs.get(r).seed(), runs.get(4 + r).seed());
            assertEquals(runs.get(r).seed(), runs.get(8 + r).seed());
        }
        assertTrue(runs.get(1).seed() != runs.get(2).seed(), "replications are independent");
    }

    @Test
    void aWildcardOrAnExplicitPathSelectsOtherPolicies() throws Exception {
        assertEquals(List.of("deployments[0].router", "deployments[1].router", "deployments[2].router"),
                plan(TWO_AUTOSCALED, List.of("round-robin", "least-kv"), List.of("deployments[*].router"), 2).paths());
        assertEquals(List.of("deployments[1].router"),
                plan(TWO_AUTOSCALED, List.of("round-robin", "least-kv"), List.of("deployments[1].router"), 2).paths());
    }

    @Test
    void withoutAnAutoscalerThePathMustBeGiven() {
        List<String> p = problems("deployments:\n  - {name: a}\n", List.of("kpa", "hpa"), List.of(), 5);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("cli: --path: no deployment of the scenario has an autoscaler"), p.get(0));
        assertTrue(p.get(0).contains("deployments[0].router"), "the message says what to write instead");
    }

    @Test
    void badPoliciesPathsAndReplicationsAreAllReportedAtOnce() {
        List<String> p = problems(TWO_AUTOSCALED, List.of("kpa", "../etc", "kpa"), List.of("deployments[7].router", "not a path"), 1);
        assertEquals(List.of(
                "cli: --path: deployments[7].router: deployments has 3 entries, so [7] does not exist in the base scenario",
                "cli: --path: 'not a path': expected a scenario path such as deployments[0].tensorParallel "
                        + "(or deployments[*].router for every deployment)",
                "cli: --policies: '../etc' is not a policy name; use letters, digits, '.', '_' and '-' (it also names the runs' folders)",
                "cli: --policies: 'kpa' is listed twice",
                "cli: --replications: expected a whole number from 2 to 1000 (a confidence interval needs at least two "
                        + "replications), got 1"), p);
        assertEquals(List.of("cli: --policies: expected at least two policies to compare, such as kpa,hpa; got kpa"),
                problems(TWO_AUTOSCALED, List.of("kpa"), List.of(), 5));
    }

    @Test
    void settingsOfTheBasesPolicyAreLeftOutForAPolicyThatDoesNotTakeThem() throws Exception {
        ComparisonPlan p = plan("""
                seed: 9
                deployments:
                  - {name: a, autoscaler: {policy: predictive, metric: rps, target: 8, max: 4, lead: 10m, alpha: 0.3}}
                """, List.of("predictive", "hpa"), List.of(), 2);
        var predictive = p.policies().get(0).values();
        var hpa = p.policies().get(1).values();
        assertEquals(1, predictive.size(), "predictive keeps its lead and alpha");
        assertTrue(hpa.get("deployments[0].autoscaler.lead").isMissingNode());
        assertTrue(hpa.get("deployments[0].autoscaler.alpha").isMissingNode());
        String hpaScenario = ScenarioPatch.of("""
                seed: 9
                deployments:
                  - {name: a, autoscaler: {policy: predictive, metric: rps, target: 8, max: 4, lead: 10m, alpha: 0.3}}
                """).apply(hpa);
        assertTrue(hpaScenario.contains("policy: hpa") && !hpaScenario.contains("lead") && !hpaScenario.contains("alpha"),
                hpaScenario);
        assertEquals(List.of("deployments[0].autoscaler.policy"), BatchOutput.columns(p.variants()),
                "a left-out setting is not a varied column");
    }
}
