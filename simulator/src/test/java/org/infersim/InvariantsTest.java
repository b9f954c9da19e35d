package org.infersim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.infersim.metrics.RequestSink;
import org.infersim.model.serving.Request;
import org.infersim.results.GpuSummary;
import org.infersim.results.GpuTenantSummary;
import org.infersim.results.ReplicaSummary;
import org.infersim.results.RequestCounts;
import org.infersim.results.ResultsFolder;
import org.infersim.results.RunSummary;
import org.infersim.results.SummaryJson;
import org.infersim.run.ClusterRun;
import org.infersim.run.Progress;
import org.infersim.study.BatchListener;
import org.infersim.study.BatchPlan;
import org.infersim.study.BatchRow;
import org.infersim.study.BatchRunner;
import org.infersim.study.StudyRuns;
import org.infersim.study.BatchSpec;
import org.infersim.study.batch.BatchFile;
import org.infersim.testing.BatchFixture;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every run promises, whatever the scenario. Each promise is checked here on real runs (the
 * shipped scenarios, cut to their first hour, and small scenarios built to stress it); where the
 * model enforces it, a test of that part checks it too, with many random cases:
 *
 * <ol>
 *   <li><b>Conservation</b>: every request that arrived is completed, rejected or still in flight
 *       at the end: {@link #everyShippedScenarioKeepsItsPromises}, {@link
 *       #everyRequestThatArrivedIsCompletedRejectedOrInFlight}; while replicas scale down and drain,
 *       and when a drain times out and hands its requests back: {@code
 *       run.AutoscalingRunTest.scalingDownDrainsAndEveryRequestIsStillAccountedFor} and {@code
 *       aDrainThatTimesOutHandsItsRequestsBackAndTheyStillComplete}; under KV preemption: {@code
 *       run.ClusterRunTest.aReplicaPreemptsWhenItsKvBlocksRunOutAndStillFinishesEverything}; when spot
 *       nodes are taken back under load: {@link #everyRequestIsAccountedForWhenSpotNodesAreTakenBackUnderLoad}.
 *   <li><b>Causality</b>: the clock never goes back, and every request arrives, gets its first token
 *       and ends in that order: {@link #everyShippedScenarioKeepsItsPromises}; in the kernel,
 *       {@code kernel.SimulationTest.clockIsMonotonicOverARandomWorkloadWithCancels}.
 *   <li><b>KV cache</b>: a replica never holds more KV blocks than it has: {@link
 *       #everyShippedScenarioKeepsItsPromises}; filled to the brim and preempting: {@code
 *       run.ClusterRunTest.aReplicaPreemptsWhenItsKvBlocksRunOutAndStillFinishesEverything}; the
 *       cache itself: {@code model.serving.KvCacheTest.neverHandsOutMoreBlocksThanItHas}.
 *   <li><b>GPU sharing</b>: the fractions held on one GPU at any moment never sum over 1: {@link
 *       #everyShippedScenarioKeepsItsPromises}, {@link #fourQuartersAndFourMigInstancesFillTheirGpuAndNeverMore};
 *       any order of placements and releases: {@code
 *       model.cluster.SharingInvariantsTest.fractionsOnOneGpuNeverExceedOneAndMemoryIsNeverOverCommitted}.
 *   <li><b>Determinism</b>: the same scenario and seed give a byte-identical summary.json, run
 *       again or run in a batch: {@link #sameScenarioAndSeedGiveIdenticalSummaries}, {@link
 *       #aRunInABatchWritesTheSummaryTheSameScenarioGivesAlone}; with an autoscaler: {@code
 *       run.AutoscalingRunTest.theSameScenarioAndSeedGiveTheSameSummaryWithAnAutoscaler}; with closed
 *       loops, shared prompts and sessions: {@code
 *       run.ClientLoadRunTest.sessionsAreCountedInTheSummaryAndTheSameSeedGivesTheSameBytes}; with spot
 *       interruptions: {@code run.SpotInterruptionsRunTest.theSameSeedGivesTheSameSummaryWithSpotInterruptions}; whatever
 *       the number of threads: {@code study.BatchRunnerTest.resultsAreTheSameWhateverTheNumberOfThreads}.
 * </ol>
 */
class InvariantsTest {

    static List<Path> shipped() throws Exception {
        List<Path> files = Scenarios.shipped();
        assertFalse(files.isEmpty());
        return files;
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everyShippedScenarioKeepsItsPromises(Path file) throws Exception {
        Causality causality = new Causality();
        RunSummary s = Scenarios.runShipped(file, causality).summary();

        RequestCounts r = s.requests();
        assertTrue(r.arrived() > 0, file + ": no requests");
        assertTrue(s.overall().completed() > 0, file + ": nothing completed");
        assertEquals(r.arrived(), r.completed() + r.rejected() + r.inFlight(), file + ": requests conserved");
        assertEquals(r.completed() + r.rejected(), causality.ended, file + ": every request that ended was seen to end");

        for (ReplicaSummary replica : s.replicas()) {
            assertTrue(replica.kvPeakOccupancy() <= 1.0,
                    file + ": " + replica.name() + " held " + replica.kvPeakOccupancy() + " of its KV blocks");
        }
        for (GpuSummary gpu : s.gpus()) {
            assertTrue(mostHeldAtOnce(gpu) <= 1.0 + 1e-9, file + ": " + gpu.id() + " held " + mostHeldAtOnce(gpu));
        }
    }

    @Test
    void fourQuartersAndFourMigInstancesFillTheirGpuAndNeverMore() throws Exception {
        Path file = Scenarios.shipped().stream().filter(p -> p.endsWith("shared-gpus.yaml")).findFirst().orElseThrow();
        RunSummary s = Scenarios.runShipped(file, null).summary();
        GpuSummary quarters = s.gpus().stream().filter(g -> g.pool().equals("quarters")).findFirst().orElseThrow();
        GpuSummary mig = s.gpus().stream().filter(g -> g.pool().equals("mig")).findFirst().orElseThrow();
        assertEquals(4, quarters.tenants().size());
        assertEquals(1.0, mostHeldAtOnce(quarters), 1e-9, "four quarters of one H100");
        assertEquals(4, mig.tenants().size());
        assertEquals(1.0, mostHeldAtOnce(mig), 1e-9, "four 1g.20gb instances, 2/8 of the memory each");
    }

    @Test
    void everyRequestThatArrivedIsCompletedRejectedOrInFlight() throws Exception {
        for (long seed = 1; seed <= 4; seed++) {
            for (double rate : new double[] {2, 40}) {
                RunSummary s = Scenarios.summary(Scenarios.singleReplica(rate, "", seed));
                var r = s.requests();
                assertTrue(r.arrived() > 0);
                assertEquals(r.arrived(), r.completed() + r.rejected() + r.inFlight(), "seed " + seed + " rate " + rate);
            }
        }
    }

    /**
     * Spot nodes taken back with no notice, so that replicas die with requests in flight, on whole
     * GPUs and on time-sliced quarters (whose iterations in flight are cut short on a shared GPU).
     */
    @Test
    void everyRequestIsAccountedForWhenSpotNodesAreTakenBackUnderLoad() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            Causality causality = new Causality();
            RunSummary s = new ClusterRun(Scenarios.load("""
                    name: spot-invariants
                    seed: %d
                    duration: 1h
                    cluster:
                      pools:
                        - name: spot
                          gpu: h100-sxm
                          nodes: 3
                          gpusPerNode: 2
                          pricing: {model: spot, discount: 65%%, interruptions: 3/h, notice: 0s}
                    deployments:
                      - {name: whole, model: llama-3.2-3b, replicas: 2}
                      - name: quarters
                        model: llama-3.2-3b
                        replicas: 4
                        gpuShare: {mode: time-slicing, fraction: 0.25}
                        engine: {maxModelLen: 16384}
                    workloads:
                      - {name: a, deployment: whole, arrival: {type: poisson, rate: 20/s}, promptTokens: 1024, outputTokens: 128}
                      - {name: b, deployment: quarters, arrival: {type: poisson, rate: 8/s}, promptTokens: 1024, outputTokens: 128}
                    """.formatted(seed)), causality).run(Progress.NONE).summary();
            assertTrue(s.pools().get(0).spotInterruptions() > 0, "seed " + seed + ": nodes were taken back");
            assertTrue(s.pools().get(0).requestsRetried() > 0, "seed " + seed + ": requests were on them");
            RequestCounts r = s.requests();
            assertEquals(r.arrived(), r.completed() + r.rejected() + r.inFlight(), "seed " + seed + ": requests conserved");
            assertEquals(r.completed() + r.rejected(), causality.ended, "seed " + seed);
            for (GpuSummary gpu : s.gpus()) {
                assertTrue(mostHeldAtOnce(gpu) <= 1.0 + 1e-9, gpu.id() + " held " + mostHeldAtOnce(gpu));
            }
        }
    }

    @Test
    void sameScenarioAndSeedGiveIdenticalSummaries() throws Exception {
        String yaml = Scenarios.singleReplica(12, "", 99);
        String first = SummaryJson.write(Scenarios.summary(yaml));
        String second = SummaryJson.write(Scenarios.summary(yaml));
        assertEquals(first, second);
        String otherSeed = SummaryJson.write(Scenarios.summary(Scenarios.singleReplica(12, "", 100)));
        assertTrue(!first.equals(otherSeed), "a different seed gives different arrivals");
    }

    @Test
    void aRunInABatchWritesTheSummaryTheSameScenarioGivesAlone(@TempDir Path dir) throws Exception {
        // The first rate is the base's own, so v001-r1 is the base scenario: same values, same seed.
        Path batchFile = BatchFixture.write(dir, "b.batch.yaml", """
                base: small.yaml
                replications: 2
                parameters:
                  workloads[0].arrival.rate: [4/s, 9/s]
                """);
        BatchSpec spec = BatchFile.load(batchFile);
        Path out = dir.resolve("out");
        BatchRunner runner = new BatchRunner(new StudyRuns(Files.readString(spec.base()), spec.base(), spec.fixed(), spec.slo(), out), Scenarios.validation(), 2);
        long seed = Scenarios.load(BatchFixture.BASE).scenario().seed();
        List<BatchRow> rows = runner.run(BatchPlan.runs(BatchPlan.variants(spec), spec.replications(), seed), BatchListener.NONE);
        assertEquals(4, rows.size());

        String base = Files.readString(out.resolve("runs/v001-r1").resolve(ResultsFolder.SUMMARY));
        assertEquals(SummaryJson.write(Scenarios.summary(BatchFixture.BASE)), base, "the base alone");
        for (BatchRow row : rows) {
            assertTrue(row.ok(), row.message());
            Path run = out.resolve("runs").resolve(row.run().id());
            String alone = SummaryJson.write(Scenarios.summary(Files.readString(run.resolve(ResultsFolder.SCENARIO))));
            assertEquals(alone, Files.readString(run.resolve(ResultsFolder.SUMMARY)), row.run().id());
        }
        assertNotEquals(base, Files.readString(out.resolve("runs/v001-r2").resolve(ResultsFolder.SUMMARY)),
                "the second replication has a seed of its own");
    }

    /** The largest sum of the fractions its tenants held at one moment; it peaks when one is placed. */
    private static double mostHeldAtOnce(GpuSummary gpu) {
        double most = 0;
        for (GpuTenantSummary placed : gpu.tenants()) {
            double t = placed.placedAtS();
            double held = gpu.tenants().stream()
                    .filter(o -> o.placedAtS() <= t && (o.releasedAtS() == null || o.releasedAtS() > t))
                    .mapToDouble(GpuTenantSummary::fraction).sum();
            most = Math.max(most, held);
        }
        return most;
    }

    /** Sees every request end, in the order the run ends them, which is the order of the clock. */
    private static final class Causality implements RequestSink {
        long lastEndNs;
        long ended;

        @Override
        public void accept(Request r, String stream, String outcome, long endNs) {
            assertTrue(endNs >= lastEndNs, "request " + r.id() + " ended at " + endNs + " ns, after one at " + lastEndNs);
            assertTrue(r.arrivalNs() <= endNs, "request " + r.id() + " ended before it arrived");
            if (outcome.equals("completed")) {
                assertTrue(r.firstTokenNs() >= r.arrivalNs() && r.firstTokenNs() <= endNs,
                        "request " + r.id() + ": first token at " + r.firstTokenNs() + " ns, outside "
                                + r.arrivalNs() + " to " + endNs);
            }
            lastEndNs = endNs;
            ended++;
        }
    }
}
