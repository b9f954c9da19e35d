package org.infersim.study.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.study.BatchPlan;
import org.infersim.study.BatchSpec;
import org.infersim.study.RunSpec;
import org.infersim.study.Variant;
import org.infersim.testing.BatchFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchFileTest {
    @TempDir
    Path dir;

    private List<String> problems(String text) throws Exception {
        Path f = BatchFixture.write(dir, "b.batch.yaml", text);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> BatchFile.load(f));
        return e.problems().stream().map(Problem::toString).map(s -> s.replace(dir + "/", "")).toList();
    }

    @Test
    void parametersExpandAsACartesianProductWithZippedPathsVariedTogether() throws Exception {
        Path f = BatchFixture.write(dir, "b.batch.yaml", """
                base: small.yaml
                replications: 2
                parameters:
                  cluster.pools[0].gpu: [h100-sxm, h200]
                  deployments[0].tensorParallel, cluster.pools[0].count: [[1, 2], [2, 4]]
                  workloads[0].arrival.rate: [2/s, 4/s, 8/s]
                """);
        BatchSpec spec = BatchFile.load(f);
        assertEquals("b", spec.name());
        assertEquals("workloads[0].arrival.rate", spec.loadPath(), "the arrival rate is the load axis by itself");
        List<Variant> variants = BatchPlan.variants(spec);
        assertEquals(2 * 2 * 3, variants.size());
        assertEquals("gpu=h100-sxm, tensorParallel=2, count=4, rate=4/s", variants.get(4).label());
        List<RunSpec> runs = BatchPlan.runs(variants, spec.replications(), 17);
        assertEquals(24, runs.size());
        assertEquals("v001-r1", runs.get(0).id());
        assertEquals(17, runs.get(0).seed(), "the first replication reproduces the base scenario");
        assertTrue(runs.get(1).seed() != 17, "the second replication has a seed of its own");
        assertEquals(runs.get(1).seed(), runs.get(3).seed(), "replication r of every variant shares its seed");
    }

    @Test
    void aPathTheBaseScenarioDoesNotHaveIsReportedAtItsLine() throws Exception {
        assertEquals(List.of(
                "b.batch.yaml:4: deployments[2].replicas: deployments has 1 entry, so [2] does not exist in the base scenario (small.yaml)",
                "b.batch.yaml:5: cluster.nodes[0].gpu: cluster has no key 'nodes' in the base scenario (only the last part"
                        + " of a path may be a setting the base leaves out) (small.yaml)"),
                problems("""
                        base: small.yaml
                        parameters:
                          workloads[0].arrival.rate: [1/s]
                          deployments[2].replicas: [1, 2]
                          cluster.nodes[0].gpu: [h200]
                        """));
    }

    @Test
    void misspeltKeysBadValuesAndMissingPartsAreAllReportedAtOnce() throws Exception {
        assertEquals(List.of(
                "b.batch.yaml:1: base: cannot read the base scenario nothere.yaml: file not found",
                "b.batch.yaml:2: replication: unknown key 'replication'; did you mean 'replications'?",
                "b.batch.yaml:4: parameters[\"deployments[0].tensorParallel, deployments[0].replicas\"][0]: expected a list"
                        + " of 2 values, one for each of deployments[0].tensorParallel, deployments[0].replicas; got the number 2",
                "b.batch.yaml:5: slo.attainment: expected a fraction such as 99% or 0.99 (above 0, at most 1), got the string '120%'"),
                problems("""
                        base: nothere.yaml
                        replication: 3
                        parameters:
                          deployments[0].tensorParallel, deployments[0].replicas: [2, [4, 1]]
                        slo: {ttft: 2s, attainment: 120%}
                        """));
    }

    @Test
    void varyingAGpuWhoseBaseFixesAPriceIsRefused() throws Exception {
        Path f = dir.resolve("b.batch.yaml");
        java.nio.file.Files.writeString(dir.resolve("priced.yaml"),
                BatchFixture.BASE.replace("count: 2", "count: 2\n      price: $2.50/h"));
        java.nio.file.Files.writeString(f, """
                base: priced.yaml
                parameters:
                  cluster.pools[0].gpu: [h100-sxm, h200]
                """);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> BatchFile.load(f));
        assertTrue(e.getMessage().contains("b.batch.yaml:3: cluster.pools[0].gpu: varies, but priced.yaml fixes"
                + " cluster.pools[0].price at $2.50/h"), e.getMessage());
    }
}
