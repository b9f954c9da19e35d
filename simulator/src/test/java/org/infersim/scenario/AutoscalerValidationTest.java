package org.infersim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.infersim.autoscale.ScalingMetric;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.plugin.PolicyChoice;
import org.infersim.plugin.Settings;
import org.infersim.run.BuiltInPolicies;
import org.infersim.scenario.bind.ScenarioLoader;
import org.junit.jupiter.api.Test;

class AutoscalerValidationTest {
    private static String scenario(String deployment) {
        return """
                name: t
                duration: 10m
                cluster:
                  pools: [{name: h100, gpu: h100-sxm, count: 8}]
                deployments:
                  - name: chat
                    model: llama-3.1-8b
                """ + deployment.indent(4) + """
                workloads:
                  - name: users
                    arrival: {type: poisson, rate: 1/s}
                    promptTokens: 100
                    outputTokens: 100
                """;
    }

    private static Deployment deployment(String yaml) throws Exception {
        return ScenarioLoader.parse(scenario(yaml), "x.yaml", Path.of("."), List.of(), BuiltInPolicies.load()).scenario().deployments().get(0);
    }

    private static List<String> problems(String yaml) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ScenarioLoader.parse(scenario(yaml), "x.yaml", Path.of("."), List.of(), BuiltInPolicies.load()));
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void aKpaWithUnitsAndPercentagesBindsToItsSettings() throws Exception {
        Deployment d = deployment("""
                replicas: 0
                autoscaler: {policy: kpa, metric: concurrency, target: 8, max: 6, stableWindow: 90s, panicThreshold: 150%}
                coldStart: {image: 12GB, registryBandwidth: 1GB/s, storage: local-nvme, firstIteration: 2s}
                drainTimeout: 2m
                """);
        AutoscalerConfig a = d.autoscaler();
        assertEquals(new AutoscalerConfig(new PolicyChoice("kpa",
                new Settings(Map.of("stableWindow", 90_000_000_000L, "panicThreshold", 1.5))),
                ScalingMetric.CONCURRENCY, 8, 0, 6), a);
        assertEquals(0, d.replicas());
        assertEquals(12e9, d.coldStart().imageBytes());
        assertEquals(1e9, d.coldStart().registryBytesPerSec());
        assertEquals(5e9, d.coldStart().weightsBytesPerSec());
        assertEquals(2_000_000_000L, d.coldStart().firstIterationPenaltyNs());
        assertEquals(120_000_000_000L, d.drainTimeoutNs());
    }

    @Test
    void aLatencyTargetIsADuration() throws Exception {
        AutoscalerConfig a = deployment("autoscaler: {policy: runai, metric: latency, target: 800ms, min: 1, max: 4}").autoscaler();
        assertEquals(800.0, a.target());
    }

    @Test
    void anUnknownPolicyGetsASuggestionAndTheList() {
        // queue-step is the researcher's policy registered on the tests' class path.
        assertEquals(List.of("x.yaml:8: deployments[0].autoscaler.policy: unknown autoscaling policy 'kap'; did you mean"
                        + " 'kpa'? Expected one of kpa, hpa, runai, predictive, scheduled, static, queue-step (or a policy"
                        + " registered on the class path; see the README)"),
                problems("autoscaler: {policy: kap, target: 8, max: 6}"));
    }

    @Test
    void settingsOfAnotherPolicyAreRejected() {
        assertEquals(List.of("x.yaml:8: deployments[0].autoscaler.stableWindow: 'stableWindow' is a setting of policy kpa,"
                + " not of hpa (whose settings are period, tolerance, scaleDownWindow, scaleUpPods, scaleUpPercent)"),
                problems("autoscaler: {policy: hpa, target: 8, max: 6, stableWindow: 60s}"));
    }

    @Test
    void theHpaCannotScaleToZeroAndAMaxIsRequired() {
        assertEquals(List.of("x.yaml:8: deployments[0].autoscaler.min: the Kubernetes HPA cannot scale to zero (KEDA adds"
                        + " that); use min: 1, or policy kpa or runai"),
                problems("autoscaler: {policy: hpa, target: 8, min: 0, max: 6}"));
        assertEquals(List.of("x.yaml:8: deployments[0].autoscaler: missing 'max'; expected the most replicas it may run"),
                problems("autoscaler: {policy: kpa, target: 8}"));
    }

    @Test
    void aPolicyThatCannotUseTheMetricSaysWhy() {
        assertEquals(List.of("x.yaml:8: deployments[0].autoscaler.metric: policy predictive cannot use metric concurrency:"
                + " it forecasts a rate: use metric rps or tokens"),
                problems("autoscaler: {policy: predictive, metric: concurrency, target: 8, max: 6}"));
    }

    @Test
    void zeroReplicasNeedAnAutoscalerAndStartingReplicasMustBeWithinItsBounds() {
        assertEquals(List.of("x.yaml:8: deployments[0].replicas: expected an integer at least 1, got 0"),
                problems("replicas: 0"));
        assertEquals(List.of("x.yaml:8: deployments[0].replicas: 9 replicas to start with is outside the autoscaler's 0..6"),
                problems("replicas: 9\nautoscaler: {policy: kpa, target: 8, max: 6}"));
    }

    @Test
    void badColdStartValuesNameTheirUnit() {
        assertEquals(List.of("x.yaml:8: deployments[0].coldStart.registryBandwidth: expected a bandwidth such as 2GB/s,"
                + " 250MB/s; got '250MB'"), problems("coldStart: {registryBandwidth: 250MB}"));
    }
}
