package org.infersim.model.serving.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.plugin.Policies;
import org.infersim.plugin.PolicyChoice;
import org.infersim.plugin.PolicyProvider;
import org.infersim.plugin.Settings;
import org.infersim.results.RunSummary;
import org.infersim.run.BuiltInPolicies;
import org.infersim.run.ClusterRun;
import org.infersim.run.Progress;
import org.infersim.run.ScenarioValidation;
import org.infersim.scenario.LoadedScenario;
import org.junit.jupiter.api.Test;

/** A router added beside the built-in ones is named with its settings, validated and run like them. */
class PluggedRouterTest {
    private static final String SCENARIO = """
            name: fill
            seed: 5
            duration: 2m
            cluster:
              pools: [{name: p, gpu: h100-sxm, count: 2}]
            deployments:
              - name: d
                model: llama-3.1-8b
                replicas: 2
                router: %s
            workloads:
              - name: w
                arrival: {type: poisson, rate: 40/s}
                promptTokens: {type: fixed, value: 500}
                outputTokens: {type: fixed, value: 100}
            """;

    private static ScenarioValidation validation() {
        List<PolicyProvider> providers = new ArrayList<>(BuiltInPolicies.all());
        providers.add(new FillFirst.Provider());
        return new ScenarioValidation(Policies.of(providers), List.of());
    }

    private static LoadedScenario load(String router) throws InvalidInputException {
        return validation().parse(SCENARIO.formatted(router), "fill.yaml", Path.of("."));
    }

    private static List<String> problems(String router) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> load(router));
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void aRouterWithASettingIsWrittenAsAMappingAndRuns() throws Exception {
        LoadedScenario deep = load("{policy: fill-first, depth: 1000}");
        assertEquals(new PolicyChoice("fill-first", new Settings(Map.of("depth", 1000.0))),
                deep.scenario().deployments().get(0).router());
        RunSummary s = new ClusterRun(deep, null).run(Progress.NONE).summary();
        assertTrue(s.replicas().get(0).iterations() > 0);
        assertEquals(0, s.replicas().get(1).iterations(), "no request went past a replica 1000 deep");

        RunSummary shallow = new ClusterRun(load("fill-first"), null).run(Progress.NONE).summary();
        assertTrue(shallow.replicas().get(1).iterations() > 0, "by name alone it takes its default depth, 8");
    }

    @Test
    void itsSettingsAreValidatedByKindAndBelongToIt() {
        assertEquals(List.of("fill.yaml:10: deployments[0].router.depth: expected a number above 0, got 0"),
                problems("{policy: fill-first, depth: 0}"));
        assertEquals(List.of("fill.yaml:10: deployments[0].router.depth: 'depth' is a setting of policy fill-first,"
                + " not of least-kv (whose settings are )"), problems("{policy: least-kv, depth: 4}"));
        assertEquals(List.of("fill.yaml:10: deployments[0].router.policy: unknown router 'fill-frist'; did you mean"
                + " 'fill-first'? Expected one of round-robin, least-outstanding, least-kv, prefix-affinity, fill-first"
                + " (or a policy registered on the class path; see the README)"), problems("{policy: fill-frist}"));
        assertEquals(List.of("fill.yaml:10: deployments[0].router: unknown router 'fil-first'; did you mean"
                + " 'fill-first'? Expected one of round-robin, least-outstanding, least-kv, prefix-affinity,"
                + " fill-first"), problems("fil-first"));
    }
}
