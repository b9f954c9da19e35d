package org.infersim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.infersim.results.DeploymentSummary;
import org.infersim.results.ReplicaSummary;
import org.infersim.results.RunSummary;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;

/** Replicas placed on pools of nodes: where they land, and what happens to those that find no room. */
class PlacementTest {

    private static final String TRAFFIC = """
            workloads:
              - name: chat
                arrival: {type: poisson, rate: 6/s}
                promptTokens: {type: fixed, value: 800}
                outputTokens: {type: fixed, value: 150}
            """;

    @Test
    void aReplicaWaitingForAMigInstanceSaysWhichOneAndOnOneGpu() throws Exception {
        RunSummary s = Scenarios.summary("""
                name: pending-mig
                seed: 4
                duration: 1m
                cluster:
                  pools: [{name: h100, gpu: h100-sxm, count: 1}]
                deployments:
                  - {name: whole, model: llama-3.1-8b}
                  - {name: sliced, model: llama-3.2-1b, gpuShare: {mode: mig, profile: 1g.20gb}}
                workloads:
                  - name: chat
                    deployment: whole
                    arrival: {type: poisson, rate: 2/s}
                    promptTokens: 500
                    outputTokens: 50
                """);
        ReplicaSummary waiting = s.replicas().get(1);
        assertEquals("sliced/0", waiting.name());
        assertEquals("sliced", waiting.deployment());
        assertEquals("pending", waiting.state());
        assertNull(waiting.pool());
        assertEquals(1, waiting.gpus());
        assertEquals("mig", waiting.sharing());
        assertEquals("1g.20gb", waiting.migProfile());
        assertEquals(60.0, waiting.waitedS(), 1e-9, "from its start to the end of the run");
    }

    @Test
    void aReplicaThatDoesNotFitWaitsAndTheResultsSaySo() throws Exception {
        RunSummary s = Scenarios.summary("""
                name: pending
                seed: 4
                duration: 2m
                cluster:
                  pools: [{name: h100, gpu: h100-sxm, nodes: 1, gpusPerNode: 8}]
                deployments:
                  - name: d
                    model: llama-3.1-8b
                    tensorParallel: 4
                    replicas: 3
                """ + TRAFFIC);
        List<String> states = s.replicas().stream().map(ReplicaSummary::state).toList();
        assertEquals(List.of("ready", "ready", "pending"), states);
        ReplicaSummary waiting = s.replicas().get(2);
        assertNull(waiting.pool());
        assertNull(waiting.placedAtS());
        assertEquals(List.of(), waiting.gpuIds());
        assertEquals(0, waiting.iterations());
        assertEquals(4, waiting.gpus(), "what it waits for: a group of four GPUs");
        assertEquals("whole", waiting.sharing());
        assertEquals(DeploymentSummary.builder().name("d").priority(125).replicas(3).ready(2).pending(1)
                .gpuHours(0.266667).cost(1.144).peakReplicas(3).build(), s.deployments().get(0));
        assertEquals(List.of("h100/n0/g0", "h100/n0/g1", "h100/n0/g2", "h100/n0/g3"), s.replicas().get(0).gpuIds());
        assertEquals(8, s.pools().get(0).allocatedGpus());
        // The two ready replicas serve everything.
        var r = s.requests();
        assertEquals(r.arrived(), r.completed() + r.rejected() + r.inFlight());
        assertTrue(r.completed() > 0.9 * r.arrived());
    }

    @Test
    void withNoReplicaPlacedRequestsWaitForOneAndCountAsInFlight() throws Exception {
        RunSummary s = Scenarios.summary("""
                name: nothing-fits
                seed: 4
                duration: 1m
                cluster:
                  pools: [{name: h100, gpu: h100-sxm, count: 2}]
                deployments:
                  - {name: small, model: llama-3.1-8b}
                  - {name: large, model: llama-3.1-8b, tensorParallel: 2}
                workloads:
                  - name: to-small
                    deployment: small
                    arrival: {type: poisson, rate: 2/s}
                    promptTokens: 500
                    outputTokens: 50
                  - name: to-large
                    deployment: large
                    arrival: {type: poisson, rate: 2/s}
                    promptTokens: 500
                    outputTokens: 50
                """);
        // The small deployment took one of the two GPUs first; the pair the large one needs never frees up.
        assertEquals(List.of("ready", "pending"), s.replicas().stream().map(ReplicaSummary::state).toList());
        var large = s.streams().get(1);
        assertTrue(large.arrived() > 60);
        assertEquals(0, large.completed());
        assertEquals(large.arrived(), large.inFlight());
        assertTrue(s.streams().get(0).completed() > 60);
        var r = s.requests();
        assertEquals(r.arrived(), r.completed() + r.rejected() + r.inFlight());
    }

    @Test
    void aDeploymentFillsItsPreferredPoolFirstThenTheNext() throws Exception {
        RunSummary s = Scenarios.summary("""
                name: two-pools
                seed: 4
                duration: 2m
                cluster:
                  pools:
                    - {name: a100, gpu: a100-80gb, count: 1}
                    - {name: h100, gpu: h100-sxm, count: 2}
                deployments:
                  - name: d
                    model: llama-3.1-8b
                    pools: [a100, h100]
                    replicas: 3
                """ + TRAFFIC);
        List<String> pools = s.replicas().stream().map(ReplicaSummary::pool).toList();
        assertEquals(List.of("a100", "h100", "h100"), pools);
        assertEquals(List.of("a100-80gb", "h100-sxm", "h100-sxm"), s.replicas().stream().map(ReplicaSummary::gpu).toList());
        // The same model holds more KV on an H100 (same memory, vLLM's larger H100 batch settings aside) and
        // each replica was sized for the GPU it landed on.
        assertTrue(s.replicas().get(0).kvBlocks() != s.replicas().get(1).kvBlocks());
        assertEquals(s.replicas().get(1).kvBlocks(), s.replicas().get(2).kvBlocks());
    }
}
