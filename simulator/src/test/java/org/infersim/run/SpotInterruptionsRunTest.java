package org.infersim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.infersim.metrics.TimeSeries;
import org.infersim.results.DeploymentSummary;
import org.infersim.results.JobSummary;
import org.infersim.results.PoolSummary;
import org.infersim.results.RunSummary;
import org.infersim.results.SummaryJson;
import org.infersim.scenario.Provisioning;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;

/** Spot pools whose nodes the provider takes back: the rate, the notice, the replacements and their cold starts. */
class SpotInterruptionsRunTest {

    /** Llama-3.1-8B on single-GPU nodes of a spot pool, under chat traffic. */
    private static String scenario(String duration, String poolLines, String pricing, int replicas, String rate,
                                   String extra) {
        return """
                name: spot
                seed: 8
                duration: %s
                metricsInterval: 30s
                cluster:
                  pools:
                    - name: spot
                      gpu: h100-sxm
                      gpusPerNode: 1
                      pricing: %s
                """.formatted(duration, pricing) + poolLines.indent(6) + """
                deployments:
                  - {name: chat, model: llama-3.1-8b, replicas: %d}
                workloads:
                  - {name: users, arrival: {type: poisson, rate: %s}, promptTokens: 512, outputTokens: 64}
                """.formatted(replicas, rate) + extra;
    }

    /** The spot pool, which lost at least one node, after checking that no request went missing meanwhile. */
    private static PoolSummary interrupted(RunSummary s) {
        var r = s.requests();
        assertEquals(r.arrived(), r.completed() + r.rejected() + r.inFlight(), "requests conserved");
        PoolSummary p = s.pools().get(0);
        assertTrue(p.spotInterruptions() >= 1, "this seed takes a node back at least once");
        return p;
    }

    @Test
    void nodesAreTakenBackAtTheConfiguredRate() throws Exception {
        double perHour = 0.5;
        RunSummary s = Scenarios.summary(scenario("24h", "nodes: 20",
                "{model: spot, discount: 60%, interruptions: " + perHour + "/h, notice: 30s}", 1, "0.05/s", ""));
        PoolSummary p = s.pools().get(0);
        int count = p.spotInterruptions();
        // Each interrupted slot is empty while its replacement is provisioned (uniform 2-8 min, 5 on average).
        double meanReplacementH = Provisioning.DEFAULT_DELAY.expectedNs() / 3.6e12;
        double readyNodeHours = 20 * 24 - count * meanReplacementH;
        double expected = perHour * readyNodeHours;
        assertTrue(Math.abs(count - expected) < 4 * Math.sqrt(expected),
                count + " interruptions, expected " + expected + " ± " + Math.sqrt(expected));
        assertTrue(p.gpus() >= 19, "every node taken back was replaced (but one perhaps still on its way): " + p.gpus());
        var r = s.requests();
        assertEquals(r.arrived(), r.completed() + r.rejected() + r.inFlight(), "requests conserved");
    }

    @Test
    void aReplicaWhoseNodeIsTakenBackColdStartsAgainOnTheReplacementAndNothingIsLost() throws Exception {
        RunResult run = Scenarios.run(scenario("3h", "nodes: 1", "{model: spot, discount: 65%, interruptions: 1/h}",
                1, "2/s", ""));
        RunSummary s = run.summary();
        PoolSummary p = interrupted(s);
        assertEquals(p.spotInterruptions(), p.replicasLost(), "one node, one replica: each interruption took it");
        DeploymentSummary d = s.deployments().get(0);
        assertEquals(p.replicasLost(), d.coldStarts(), "each replacement cold-started (the warm first one did not)");
        // The replacement node takes minutes, then the replica its cold start: a window with none ready.
        boolean noneReady = false;
        for (TimeSeries.Row row : run.timeSeries().rows()) {
            noneReady |= row.timeS() > 0 && row.replicas() == 0;
        }
        assertTrue(noneReady, "a window with no replica ready");
        assertEquals(0, s.requests().rejected(), "requests waited for the replacement rather than fail");
    }

    @Test
    void withoutNoticeTheRequestsInFlightAreServedAgainFromTheirPrompts() throws Exception {
        RunSummary s = Scenarios.summary(scenario("2h", "nodes: 2",
                "{model: spot, discount: 65%, interruptions: 2/h, notice: 0s}", 2, "20/s", ""));
        PoolSummary p = interrupted(s);
        assertTrue(p.requestsRetried() > 0, "at 20/s each replica holds requests when its node goes");
    }

    @Test
    void aDynamicPoolsNodeAutoscalerProvisionsForTheLostCapacity() throws Exception {
        RunSummary s = Scenarios.summary(scenario("3h", "provisioning: dynamic\nnodes: 1\nmaxNodes: 2",
                "{model: spot, discount: 65%, interruptions: 1/h}", 1, "1/s", ""));
        PoolSummary p = interrupted(s);
        assertTrue(p.nodesAdded() >= p.spotInterruptions(), p.nodesAdded() + " nodes added for "
                + p.spotInterruptions() + " taken back");
        assertEquals(p.replicasLost(), s.deployments().get(0).coldStarts());
    }

    @Test
    void aJobOnASpotNodeLosesItsWorkSinceItsLastCheckpoint() throws Exception {
        RunSummary s = Scenarios.summary("""
                name: spot-job
                seed: 8
                duration: 8h
                cluster:
                  pools:
                    - {name: serve, gpu: h100-sxm, nodes: 1, gpusPerNode: 1}
                    - name: train
                      gpu: h100-sxm
                      nodes: 1
                      gpusPerNode: 1
                      pricing: {model: spot, discount: 65%, interruptions: 1/h}
                deployments:
                  - {name: chat, model: llama-3.1-8b, replicas: 1, pools: [serve]}
                jobs:
                  - name: finetune
                    type: training
                    gpus: 1
                    duration: 3h
                    checkpointInterval: 20m
                    restartCost: 1m
                    pools: [train]
                workloads:
                  - {name: users, arrival: {type: poisson, rate: 0.1/s}, promptTokens: 512, outputTokens: 64}
                """);
        PoolSummary p = s.pools().get(1);
        JobSummary job = s.jobs().get(0);
        assertTrue(p.jobsEvicted() >= 1, "this seed interrupts the job at least once");
        assertEquals(p.jobsEvicted(), job.preemptions(), "each interruption evicted it, and nothing else did");
        assertTrue(job.workLostS() > 0, "work since the last checkpoint was lost");
        assertTrue(job.workLostS() <= job.preemptions() * 20 * 60 + 1e-6, "never more than a checkpoint interval each");
        assertEquals(0, p.replicasLost());
    }

    @Test
    void theSameSeedGivesTheSameSummaryWithSpotInterruptions() throws Exception {
        String yaml = scenario("2h", "nodes: 2", "{model: spot, discount: 65%, interruptions: 2/h, notice: 30s}", 2,
                "5/s", "");
        assertEquals(SummaryJson.write(Scenarios.summary(yaml)), SummaryJson.write(Scenarios.summary(yaml)));
    }

    @Test
    void aRateOfZeroTakesNothingBack() throws Exception {
        RunSummary s = Scenarios.summary(scenario("3h", "nodes: 2", "{model: spot, discount: 65%, interruptions: 0/h}",
                2, "2/s", ""));
        PoolSummary p = s.pools().get(0);
        assertNull(p.spotInterruptions(), "no interruption figures when nothing is ever taken back");
        assertEquals(0, s.deployments().get(0).coldStarts());
        assertEquals(2, p.gpus());
    }
}
