package org.infersim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.run.BuiltInPolicies;
import org.infersim.scenario.bind.ScenarioLoader;
import org.junit.jupiter.api.Test;

/** The pool keys of the three provisioning modes: defaults, and a located problem for every misuse. */
class ProvisioningKeysTest {
    private static final long MIN = 60_000_000_000L;

    /** A scenario whose only pool has these lines after its name and GPU (line 7 onwards). */
    private static String withPool(String poolLines) {
        return """
                name: t
                duration: 10m
                cluster:
                  pools:
                    - name: burst
                      gpu: h100-sxm
                """ + poolLines.indent(6) + """
                deployments:
                  - name: chat
                    model: llama-3.1-8b
                workloads:
                  - name: users
                    arrival: {type: poisson, rate: 1/s}
                    promptTokens: 512
                    outputTokens: 128
                """;
    }

    private static Scenario parse(String yaml) throws InvalidInputException {
        return ScenarioLoader.parse(yaml, "scenarios/x.yaml", Path.of("."), List.of(), BuiltInPolicies.load()).scenario();
    }

    private static Pool pool(String poolLines) throws InvalidInputException {
        return parse(withPool(poolLines)).pools().get(0);
    }

    private static List<String> problems(String poolLines) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(withPool(poolLines)));
        return e.problems().stream().map(Problem::toString).collect(Collectors.toList());
    }

    @Test
    void aPoolIsStaticUnlessItSaysOtherwise() throws Exception {
        Pool implicit = pool("count: 8");
        assertEquals(Provisioning.STATIC, implicit.provisioning());
        assertEquals(implicit, pool("count: 8\nprovisioning: static"));
        assertEquals(new Pool("burst", "h100-sxm", 8, 8, OptionalDouble.empty(), GpuSharing.DEFAULTS), implicit);
    }

    @Test
    void aDynamicPoolStartsAtItsMinimumWithTheReferenceDelays() throws Exception {
        Pool p = pool("provisioning: dynamic\nmaxNodes: 4");
        assertEquals(new Provisioning(ProvisioningMode.DYNAMIC, 0, 4, new DurationSpec.Uniform(2 * MIN, 8 * MIN),
                10 * MIN), p.provisioning());
        assertEquals(0, p.count());
        assertEquals(8, p.gpusPerNode());
        assertEquals(32, p.maxGpus());

        Pool q = pool("""
                provisioning: dynamic
                nodes: 2
                gpusPerNode: 4
                minNodes: 1
                maxNodes: 6
                provisioningDelay: {type: lognormal, mean: 5m, stddev: 90s}
                scaleDownDelay: 2m""");
        assertEquals(new Provisioning(ProvisioningMode.DYNAMIC, 1, 6, new DurationSpec.LogNormal(5 * MIN, 90 * MIN / 60),
                2 * MIN), q.provisioning());
        assertEquals(8, q.count());
        assertEquals(2, q.nodes());
        assertEquals(new DurationSpec.Fixed(3 * MIN),
                pool("provisioning: dynamic\nmaxNodes: 1\nprovisioningDelay: 3m").provisioning().delay());
        assertEquals(new DurationSpec.Fixed(0),
                pool("provisioning: dynamic\nmaxNodes: 1\nprovisioningDelay: {type: fixed, value: 0}").provisioning().delay());
        assertEquals(1 * 8, pool("provisioning: dynamic\nminNodes: 1\nmaxNodes: 3").count(), "starts at minNodes");
    }

    @Test
    void aServerlessPoolHasNoNodesOfItsOwnAndNoCapUnlessGiven() throws Exception {
        Pool p = pool("provisioning: serverless");
        assertEquals(Provisioning.serverless(Provisioning.UNLIMITED), p.provisioning());
        assertEquals(0, p.count());
        assertEquals(Long.MAX_VALUE, p.maxGpus());
        assertEquals(Provisioning.serverless(3), pool("provisioning: serverless\nmaxNodes: 3").provisioning());
    }

    @Test
    void everyMisuseIsReportedWithItsFileLineAndPath() {
        assertEquals(List.of("scenarios/x.yaml:8: cluster.pools[0].provisioning: unknown provisioning mode 'dynamc';"
                + " did you mean 'dynamic'? Expected one of static, dynamic, serverless"),
                problems("count: 8\nprovisioning: dynamc"));
        assertEquals(List.of("scenarios/x.yaml:5: cluster.pools[0]: missing required key 'maxNodes' (the most nodes"
                + " the cluster autoscaler may run in this pool, as its node group's max size)"),
                problems("provisioning: dynamic"));
        assertEquals(List.of("scenarios/x.yaml:8: cluster.pools[0].minNodes: minNodes 3 is above maxNodes 2"),
                problems("provisioning: dynamic\nminNodes: 3\nmaxNodes: 2"));
        assertEquals(List.of("scenarios/x.yaml:7: cluster.pools[0].nodes: the pool starts with 5 nodes, outside"
                + " minNodes..maxNodes (0..4)"), problems("nodes: 5\nprovisioning: dynamic\nmaxNodes: 4"));
        assertEquals(List.of("scenarios/x.yaml:7: cluster.pools[0].count: expected an integer at least 1, got 0"),
                problems("count: 0"));
        assertEquals(List.of("scenarios/x.yaml:8: cluster.pools[0].maxNodes: 'maxNodes' applies to a pool that grows"
                + " and shrinks (provisioning: dynamic or serverless); this pool is static (a fixed count of nodes,"
                + " paid always)"), problems("count: 8\nmaxNodes: 2"));
        assertEquals(List.of("scenarios/x.yaml:8: cluster.pools[0].scaleDownDelay: 'scaleDownDelay' applies to a pool"
                + " that grows and shrinks (provisioning: dynamic); this pool is static (a fixed count of nodes, paid"
                + " always)"), problems("count: 8\nscaleDownDelay: 5m"));
        assertEquals(List.of("scenarios/x.yaml:7: cluster.pools[0].count: a serverless pool has no nodes of its own:"
                + " capacity appears when a workload asks for it, and only the GPU time held is billed; remove count"
                + " (maxNodes caps it)"), problems("count: 8\nprovisioning: serverless"));
        assertEquals(List.of("scenarios/x.yaml:8: cluster.pools[0].provisioningDelay: 'provisioningDelay' does not"
                + " apply to a serverless pool: the serverless provider hides node start-up (a replica's own cold"
                + " start still applies)"), problems("provisioning: serverless\nprovisioningDelay: 1m"));
        assertEquals(List.of("scenarios/x.yaml:10: cluster.pools[0].provisioningDelay.max: max 1m is below min 2m"),
                problems("provisioning: dynamic\nmaxNodes: 2\nprovisioningDelay: {type: uniform,\n  min: 2m, max: 1m}"));
        assertEquals(List.of("scenarios/x.yaml:9: cluster.pools[0].provisioningDelay.mean: 'mean' does not apply to a"
                + " uniform duration distribution (it belongs to lognormal, exponential); a uniform duration distribution"
                + " has keys type, min, max"),
                problems("provisioning: dynamic\nmaxNodes: 2\nprovisioningDelay: {type: uniform, mean: 2m}"));
        assertEquals(List.of("scenarios/x.yaml:9: cluster.pools[0].scaleDownDelay: '-1m' is negative; expected a"
                + " duration such as 250ms, 90s, 5m, 2h"),
                problems("provisioning: dynamic\nmaxNodes: 2\nscaleDownDelay: -1m"));
        assertEquals(List.of("scenarios/x.yaml:8: cluster.pools[0].maxNodes: expected an integer from 1 to 100000,"
                + " got 0"), problems("provisioning: dynamic\nmaxNodes: 0"));
    }

    @Test
    void aJobMustFitTheMostADynamicPoolMayEverHave() {
        String yaml = withPool("provisioning: dynamic\nmaxNodes: 2") + """
                jobs:
                  - name: pretrain
                    type: training
                    gpus: 24
                    duration: 1h
                """;
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(yaml));
        assertEquals(List.of("scenarios/x.yaml:20: jobs[0].gpus: 24 GPUs is more than pool 'burst' may ever have"
                + " (16, maxNodes × gpusPerNode)"), e.problems().stream().map(Problem::toString).toList());
    }
}
