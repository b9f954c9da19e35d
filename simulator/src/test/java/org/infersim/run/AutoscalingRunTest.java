package org.infersim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.infersim.results.DeploymentSummary;
import org.infersim.results.RunSummary;
import org.infersim.results.SummaryJson;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoscalingRunTest {
    @TempDir
    Path dir;

    /** Llama-3.1-8B on H100s behind the given autoscaler, fed by a trace of requests at the given seconds. */
    private String scenario(String autoscaler, int replicas, String duration, double... arrivalsS) throws Exception {
        StringBuilder trace = new StringBuilder("TIMESTAMP,ContextTokens,GeneratedTokens\n");
        for (double s : arrivalsS) {
            long ms = Math.round(s * 1000);
            trace.append(String.format("2024-01-01 00:%02d:%02d.%03d0000,1000,50%n", ms / 60000, ms / 1000 % 60, ms % 1000));
        }
        Path file = dir.resolve("trace.csv");
        Files.writeString(file, trace);
        return """
                name: autoscaled
                seed: 5
                duration: %s
                cluster:
                  pools: [{name: p, gpu: h100-sxm, count: 4}]
                deployments:
                  - name: d
                    model: llama-3.1-8b
                    replicas: %d
                    autoscaler: %s
                workloads:
                  - name: w
                    arrival: {type: trace, file: %s}
                """.formatted(duration, replicas, autoscaler, file);
    }

    /** {@code count} arrivals {@code gapS} seconds apart, from 0. */
    private static double[] evenly(int count, double gapS) {
        double[] at = new double[count];
        for (int i = 0; i < count; i++) {
            at[i] = i * gapS;
        }
        return at;
    }

    @Test
    void aRequestAtZeroReplicasWaitsForExactlyOneColdStartMadeOfItsPhases() throws Exception {
        RunSummary s = Scenarios.summary(scenario("{policy: kpa, target: 10, min: 0, max: 2}", 0, "5m", 0));
        DeploymentSummary d = s.deployments().get(0);
        assertEquals(1, d.coldStarts());
        var p = d.coldStartPhases();
        // Image 15 GB at 250 MB/s; 16.06 GB of BF16 weights from a network file system at 1.67 GB/s;
        // engine initialisation 14 s + 0.5 s x 32 layers.
        assertEquals(0, p.waitForGpuS(), 1e-9);
        assertEquals(60.0, p.imagePullS(), 1e-6);
        assertEquals(16.06e9 / (140e9 / 84), p.weightsS(), 0.1);
        assertEquals(30.0, p.engineInitS(), 1e-6);
        assertEquals(p.waitForGpuS() + p.imagePullS() + p.weightsS() + p.engineInitS(), p.meanTotalS(), 1e-3);
        // The request waited for all of it, plus the slower first iteration (5 s) and its prefill.
        double ttftS = s.overall().ttftMs().max() / 1000;
        assertTrue(ttftS >= p.meanTotalS() + 5 && ttftS < p.meanTotalS() + 5.5, "TTFT " + ttftS + " s");
        assertEquals(1, d.waitedForReplica());
        assertEquals(p.meanTotalS(), d.meanWaitForReplicaS(), 0.01);
    }

    @Test
    void afterScalingToZeroTheNextColdStartSkipsTheImagePullOnTheSameNode() throws Exception {
        RunSummary s = Scenarios.summary(scenario("{policy: kpa, target: 10, min: 0, max: 2}", 0, "20m", 0, 600));
        DeploymentSummary d = s.deployments().get(0);
        assertEquals(2, d.coldStarts(), "idle for minutes, it scaled to zero in between");
        assertEquals(30.0, d.coldStartPhases().imagePullS(), 1e-6, "60 s the first time, 0 the second (mean 30 s)");
        assertEquals(2, d.waitedForReplica());
        assertEquals(0, d.ready(), "back at zero at the end");
        assertEquals(2, s.requests().completed());
    }

    @Test
    void theHpaDoesNotKeepAddingReplicasWhileTheFirstOnesAreStillStarting() throws Exception {
        // 60 requests in flight from t = 0 against a target of 20 per replica: 3 replicas are enough.
        // Their cold start (~100 s) spans several 15 s periods in which 1 replica carries the load.
        double[] burst = evenly(600, 0.5);
        RunSummary s = Scenarios.summary(scenario("{policy: hpa, metric: rps, target: 0.6, min: 1, max: 16}", 1, "6m",
                burst));
        DeploymentSummary d = s.deployments().get(0);
        assertTrue(d.peakReplicas() <= 5, "2 requests/s at 0.6 per replica needs 4; peak " + d.peakReplicas());
        assertTrue(d.peakReplicas() >= 4, "peak " + d.peakReplicas());
    }

    @Test
    void scalingDownDrainsAndEveryRequestIsStillAccountedFor() throws Exception {
        double[] arrivals = evenly(400, 0.25); // 4/s for 100 s, then nothing
        String yaml = scenario("{policy: kpa, target: 2, min: 0, max: 4, stableWindow: 20s}", 2, "10m", arrivals);
        RunSummary s = Scenarios.summary(yaml);
        DeploymentSummary d = s.deployments().get(0);
        assertTrue(d.scaleDowns() > 0, "the load went away");
        assertEquals(0, d.ready() + d.starting() + d.draining(), "scaled to zero at the end");
        var r = s.requests();
        assertEquals(r.arrived(), r.completed() + r.rejected() + r.inFlight());
        assertEquals(400, r.completed());
    }

    @Test
    void aDrainThatTimesOutHandsItsRequestsBackAndTheyStillComplete() throws Exception {
        double[] arrivals = new double[200];
        for (int i = 0; i < arrivals.length; i++) {
            arrivals[i] = 30 + i * 0.05;
        }
        // Long outputs keep requests running when the fleet shrinks from 3 to the 1 that min allows.
        String yaml = scenario("{policy: hpa, metric: rps, target: 100, min: 1, max: 3, scaleDownWindow: 15s}", 3, "15m",
                arrivals).replace("model: llama-3.1-8b", "model: llama-3.1-8b\n    drainTimeout: 1s")
                .replace("ContextTokens", "ContextTokens");
        RunSummary s = Scenarios.summary(yaml);
        DeploymentSummary d = s.deployments().get(0);
        assertTrue(d.scaleDowns() > 0);
        var r = s.requests();
        assertEquals(r.arrived(), r.completed() + r.rejected() + r.inFlight());
        assertEquals(200, r.completed());
    }

    @Test
    void theSameScenarioAndSeedGiveTheSameSummaryWithAnAutoscaler() throws Exception {
        double[] arrivals = evenly(1000, 0.2); // 5/s for 200 s: about 1.8 in flight, against 0.7 per replica
        String yaml = scenario("{policy: kpa, target: 1, min: 0, max: 4}", 1, "10m", arrivals);
        assertEquals(SummaryJson.write(Scenarios.summary(yaml)), SummaryJson.write(Scenarios.summary(yaml)));
        RunSummary s = Scenarios.summary(yaml);
        assertNotNull(s.deployments().get(0).coldStartPhases(), s.deployments() + " " + s.overall());
    }

    @Test
    void aReplicaAddedWhenNoNodeIsFreeWaitsForANewNodeThenItsColdStart() throws Exception {
        // One node of one GPU, held by the warm replica; the replica autoscaler's second replica needs a new
        // node, ready after a fixed 3 minutes, then pulls the image (a new node has none).
        double[] arrivals = evenly(2000, 0.1);
        String yaml = scenario("{policy: kpa, target: 1, min: 1, max: 2}", 1, "10m", arrivals)
                .replace("pools: [{name: p, gpu: h100-sxm, count: 4}]", """
                        pools:
                            - {name: p, gpu: h100-sxm, provisioning: dynamic, nodes: 1, gpusPerNode: 1, maxNodes: 2,
                               provisioningDelay: 3m}""");
        RunSummary s = Scenarios.summary(yaml);
        DeploymentSummary d = s.deployments().get(0);
        assertEquals(1, d.coldStarts());
        var p = d.coldStartPhases();
        assertEquals(180.0, p.provisionNodeS(), 1e-6, "the node's provisioning delay");
        assertEquals(60.0, p.imagePullS(), 1e-6, "a new node has no image");
        assertEquals(p.provisionNodeS() + p.waitForGpuS() + p.imagePullS() + p.weightsS() + p.engineInitS(), p.meanTotalS(),
                1e-3);
    }

    @Test
    void aServerlessPoolCachesTheImageForItsNewNodesUnlessToldEachNodePullsItsOwn() throws Exception {
        String pooled = scenario("{policy: kpa, target: 10, min: 0, max: 2}", 0, "20m", 0, 600)
                .replace("pools: [{name: p, gpu: h100-sxm, count: 4}]",
                        "pools: [{name: p, gpu: h100-sxm, provisioning: serverless, gpusPerNode: 1}]");
        DeploymentSummary cached = Scenarios.summary(pooled).deployments().get(0);
        assertEquals(2, cached.coldStarts(), "each request found the deployment at zero");
        assertEquals(30.0, cached.coldStartPhases().imagePullS(), 1e-6, "60 s the first time, then cached: mean 30 s");
        DeploymentSummary perNode = Scenarios.summary(pooled.replace("gpusPerNode: 1}", "gpusPerNode: 1, imageCache: node}"))
                .deployments().get(0);
        assertEquals(60.0, perNode.coldStartPhases().imagePullS(), 1e-6, "every new serverless node pulls it again");
    }

    @Test
    void aReplicaCancelledWhilePendingWaitedOnlyUntilItWasCancelled() throws Exception {
        // One GPU, held by the warm replica: the replica the burst asks for can never be placed, and
        // is cancelled once the burst is over, long before the hour is up.
        double[] burst = evenly(400, 0.25);
        String yaml = scenario("{policy: kpa, target: 1, min: 1, max: 2, stableWindow: 20s}", 1, "1h", burst)
                .replace("count: 4}", "count: 1}");
        RunSummary s = Scenarios.summary(yaml);
        var cancelled = s.replicas().stream().filter(r -> r.state().equals("cancelled")).toList();
        assertTrue(!cancelled.isEmpty(), "the second replica was asked for and withdrawn: " + s.replicas());
        for (var r : cancelled) {
            assertTrue(r.waitedS() < 600, r.name() + " waited " + r.waitedS() + " s, counted to the end of the run");
        }
        assertEquals(cancelled.size(), s.deployments().get(0).cancelledWhilePending());
    }

    @Test
    void aColdStartOnTheNodeOfAWarmReplicaFindsTheServingImageThere() throws Exception {
        double[] arrivals = evenly(1000, 0.1);
        String fixed = scenario("{policy: kpa, target: 1, min: 1, max: 2}", 1, "5m", arrivals);
        String dynamic = fixed.replace("pools: [{name: p, gpu: h100-sxm, count: 4}]",
                "pools: [{name: p, gpu: h100-sxm, provisioning: dynamic, nodes: 1, gpusPerNode: 2, maxNodes: 2}]");
        for (String yaml : new String[] {fixed, dynamic}) {
            DeploymentSummary d = Scenarios.summary(yaml).deployments().get(0);
            assertEquals(1, d.coldStarts(), "the second replica");
            assertEquals(0, d.coldStartPhases().provisionNodeS(), 1e-9, "it fits beside the warm one");
            assertEquals(0, d.coldStartPhases().imagePullS(), 1e-9, "the warm replica's node already runs the image");
        }
    }
}
