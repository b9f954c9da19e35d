package org.infersim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import org.infersim.metrics.PoolSeries;
import org.infersim.model.random.DurationSampler;
import org.infersim.model.random.RandomStreams;
import org.infersim.results.PoolSummary;
import org.infersim.results.ProvisioningCost;
import org.infersim.results.RunSummary;
import org.infersim.results.SummaryJson;
import org.infersim.scenario.Provisioning;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;

/** Whole runs on dynamic and serverless pools: waits, nodes over time, and cost per provisioning mode. */
class ProvisioningRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Llama-3.1-8B replicas, one per single-GPU node, on the given pool lines, under light chat traffic. */
    private static String scenario(String poolLines, int replicas, String rate, String extra) {
        return """
                name: provisioning
                seed: 21
                duration: 30m
                metricsInterval: 1m
                cluster:
                  pools:
                    - name: burst
                      gpu: h100-sxm
                      gpusPerNode: 1
                      price: $3/h
                """ + poolLines.indent(6) + """
                deployments:
                  - name: chat
                    model: llama-3.1-8b
                    replicas: %d
                workloads:
                  - name: users
                    arrival: {type: poisson, rate: %s}
                    promptTokens: 512
                    outputTokens: 64
                """.formatted(replicas, rate) + extra;
    }

    @Test
    void replicasOnAnEmptyDynamicPoolWaitTheirDrawnDelaysAndTheFirstRequestsWaitWithThem() throws Exception {
        RunResult run = Scenarios.run(scenario("provisioning: dynamic\nnodes: 0\nmaxNodes: 4", 2, "2/s", ""));
        RunSummary s = run.summary();
        DurationSampler delays = DurationSampler.of(Provisioning.DEFAULT_DELAY,
                new RandomStreams(21).stream("pool/burst/provisioning"));
        double[] drawn = {delays.sampleNs() / 1e9, delays.sampleNs() / 1e9};
        Arrays.sort(drawn);
        double[] waited = s.replicas().stream().mapToDouble(r -> r.waitedS()).sorted().toArray();
        assertEquals(drawn[0], waited[0], 1e-3, "to the summary's six significant digits");
        assertEquals(drawn[1], waited[1], 1e-3);
        assertTrue(s.streams().get(0).ttftMs().max() > drawn[0] * 1000 - 1000,
                "the first requests waited for the first node: " + s.streams().get(0).ttftMs().max());

        PoolSummary p = s.pools().get(0);
        assertEquals("dynamic", p.provisioning());
        assertEquals(2, p.nodesAdded());
        assertEquals(2, p.peakNodes());
        assertEquals(0, p.nodesRemoved(), "both replicas hold their nodes");
        assertEquals(2, p.nodes());
        // Each node is paid from its request at 0 to the end, waiting included: 2 GPUs × 0.5 h × $3.
        assertEquals(1.0, p.nodeHours(), 1e-6);
        assertEquals((drawn[0] + drawn[1]) / 3600, p.provisioningNodeHours(), 1e-5);
        assertEquals(3.0, p.cost(), 1e-6);
        assertEquals(3.0, s.cost().total(), 1e-6);
        assertEquals(List.of(new ProvisioningCost("dynamic", 1, 1.0, 3.0)), s.cost().byProvisioning());
        assertEquals(s.cost().total() - s.cost().billed(), s.cost().unbilled(), 1e-5, "each rounded to six significant digits");
        assertEquals((drawn[0] + drawn[1]) / 3600 * 3, s.cost().unbilled(), 1e-4, "the provisioning time is paid, not held");

        // pools.csv: provisioning, then ready.
        List<PoolSeries.Row> rows = run.timeSeries().pools().rows();
        assertEquals(30, rows.size());
        PoolSeries.Row first = rows.get(0);
        assertEquals("dynamic", first.provisioning());
        assertEquals(0, first.nodes(), "no node ready after a minute");
        assertEquals(2, first.nodesProvisioning(), "two being provisioned");
        PoolSeries.Row last = rows.get(rows.size() - 1);
        assertEquals(2, last.nodes());
        assertEquals(0, last.nodesProvisioning());
        assertEquals(3.0, last.costSoFarUsd(), 1e-6);
    }

    @Test
    void aPoolsDelayDrawsDoNotDependOnAnythingElseInTheScenario() throws Exception {
        String pool = "provisioning: dynamic\nnodes: 0\nmaxNodes: 4";
        RunSummary a = Scenarios.summary(scenario(pool, 2, "2/s", ""));
        RunSummary b = Scenarios.summary(scenario(pool, 2, "7/s", """
                  - name: batch
                    arrival: {type: gamma, rate: 1/s, cv: 3}
                    promptTokens: 2000
                    outputTokens: 10
                """));
        assertNotEquals(a.overall().completed(), b.overall().completed());
        assertEquals(a.replicas().stream().map(r -> r.placedAtS()).toList(),
                b.replicas().stream().map(r -> r.placedAtS()).toList());
    }

    @Test
    void aDynamicPoolHeldAtItsSizeServesAndCostsExactlyAsAStaticOne() throws Exception {
        JsonNode fixed = JSON.readTree(SummaryJson.write(Scenarios.summary(scenario("count: 2", 2, "3/s", ""))));
        JsonNode explicit = JSON.readTree(SummaryJson.write(Scenarios.summary(
                scenario("count: 2\nprovisioning: static", 2, "3/s", ""))));
        assertEquals(fixed, explicit, "static is the default");
        JsonNode pinned = JSON.readTree(SummaryJson.write(Scenarios.summary(
                scenario("provisioning: dynamic\nnodes: 2\nminNodes: 2\nmaxNodes: 2", 2, "3/s", ""))));
        for (String field : List.of("requests", "overall", "streams", "replicas", "deployments", "gpus", "jobs",
                "priorityClasses")) {
            assertEquals(fixed.get(field), pinned.get(field), field);
        }
        for (String field : List.of("name", "gpus", "allocatedGpus", "busyFraction", "cost")) {
            assertEquals(fixed.get("pools").get(0).get(field), pinned.get("pools").get(0).get(field), field);
        }
        assertEquals(fixed.get("cost").get("total"), pinned.get("cost").get("total"));
        assertEquals(fixed.get("cost").get("perHour"), pinned.get("cost").get("perHour"));
        assertNull(fixed.get("pools").get(0).get("provisioning"), "a static pool's summary reads as it always has");
        assertNull(fixed.get("cost").get("byProvisioning"));
    }

    @Test
    void aServerlessPoolBillsOnlyWhatItsReplicasHoldAndTheCostIsSplitByMode() throws Exception {
        String yaml = """
                name: modes
                seed: 4
                duration: 30m
                cluster:
                  pools:
                    - {name: owned, gpu: h100-sxm, count: 1, price: $2/h}
                    - {name: elastic, gpu: h100-sxm, gpusPerNode: 1, provisioning: dynamic, maxNodes: 2,
                       provisioningDelay: 4m, price: $3/h}
                    - {name: lambda, gpu: h100-sxm, provisioning: serverless, price: $5/h}
                deployments:
                  - {name: base, model: llama-3.1-8b, pool: owned}
                  - {name: extra, model: llama-3.1-8b, pool: elastic, startAt: 6m}
                  - {name: spiky, model: llama-3.1-8b, pool: lambda, startAt: 10m}
                workloads:
                  - {name: a, deployment: base, arrival: {type: poisson, rate: 1/s}, promptTokens: 256, outputTokens: 32}
                  - {name: b, deployment: extra, arrival: {type: poisson, rate: 1/s}, promptTokens: 256, outputTokens: 32}
                  - {name: c, deployment: spiky, arrival: {type: poisson, rate: 1/s}, promptTokens: 256, outputTokens: 32}
                """;
        RunSummary s = Scenarios.summary(yaml);
        // owned: 1 GPU × 0.5 h × $2 = $1; elastic: a node from 6 min (ready at 10) to 30 min, 1 GPU × 24 min × $3
        // = $1.20; lambda: the replica holds 1 GPU from 10 to 30 min at $5/h = $1.6667, and nothing before.
        assertEquals(1.0, s.pools().get(0).cost(), 1e-6);
        assertEquals(1.2, s.pools().get(1).cost(), 1e-6);
        assertEquals(5.0 / 3, s.pools().get(2).cost(), 1e-4);
        assertEquals(240.0, s.replicas().get(1).waitedS(), 1e-9, "the 4 min node");
        assertEquals(0.0, s.replicas().get(2).waitedS(), "serverless: no node start-up seen");
        assertEquals(List.of("static", "dynamic", "serverless"),
                s.cost().byProvisioning().stream().map(ProvisioningCost::provisioning).toList());
        assertEquals(s.cost().total(), s.cost().byProvisioning().stream().mapToDouble(ProvisioningCost::cost).sum(), 1e-4);
        assertEquals(1.0 / 3, s.pools().get(2).gpuHours(), 1e-6);
        assertEquals("serverless", s.pools().get(2).provisioning());
        assertNull(s.pools().get(2).maxNodes(), "no cap");
        // Only the elastic pool's 4 min of provisioning is paid and not held.
        assertEquals(4.0 / 60 * 3, s.cost().unbilled(), 1e-4);
    }
}
