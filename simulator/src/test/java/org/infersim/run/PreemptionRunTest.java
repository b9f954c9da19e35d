package org.infersim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.infersim.results.JobSummary;
import org.infersim.results.PriorityClassSummary;
import org.infersim.results.ReplicaSummary;
import org.infersim.results.RunSummary;
import org.infersim.results.SummaryJson;
import org.infersim.scenario.LoadedScenario;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;

/** Inference that preempts training: the wait it causes, and where the GPU time goes. */
class PreemptionRunTest {

    /** One 8-GPU node busy with a training job; the deployment starts at 2 min and its traffic with it. */
    private static final String TRAINING_THEN_INFERENCE = """
            name: preempt
            seed: 5
            duration: 5m
            cluster:
              pools: [{name: h100, gpu: h100-sxm, nodes: 1, gpusPerNode: 8}]
            deployments:
              - name: chat
                model: llama-3.1-8b
                startAt: 2m
            jobs:
              - name: pretrain
                type: training
                gpus: 8
                duration: 2h
                checkpointInterval: 1m
                restartCost: 3m
            workloads:
              - name: users
                arrival: {type: steps, steps: [{at: 0s, rate: 0/s}, {at: 2m, rate: 2/s}]}
                promptTokens: 500
                outputTokens: 100
            """;

    @Test
    void aReplicaThatPreemptsTrainingServesAfterTheGracePeriodAndItsFirstRequestsWaitForIt() throws Exception {
        RunSummary s = Scenarios.summary(TRAINING_THEN_INFERENCE);
        ReplicaSummary replica = s.replicas().get(0);
        assertEquals(150.0, replica.placedAtS(), "asked at 2 min, placed when the 30 s grace period ends");
        assertEquals(30.0, replica.waitedS());
        var ttft = s.streams().get(0).ttftMs();
        assertTrue(ttft.max() > 29_000 && ttft.max() < 30_100, "the first request waited out the grace period: " + ttft);
        assertTrue(ttft.p50() < 1_000, "those after it did not: " + ttft);

        JobSummary job = s.jobs().get(0);
        assertEquals("pending", job.state(), "one GPU short of its 8 for the rest of the run");
        assertEquals(1, job.preemptions());
        assertEquals(150.0, job.runningS());
        assertEquals(30.0, job.workLostS(), "progress at eviction 150 s, last checkpoint at 120 s");
        assertEquals(120.0, job.workDoneS());
        assertEquals(150.0, job.preemptedS());
        assertEquals(job.runningS(), job.restartS() + job.workLostS() + job.workDoneS(), 1e-9);
        assertEquals("train", job.priorityClass());
        assertTrue(job.preemptible());
    }

    @Test
    void preemptionRunsGiveIdenticalSummariesForTheSameSeed() throws Exception {
        assertEquals(SummaryJson.write(Scenarios.summary(TRAINING_THEN_INFERENCE)),
                SummaryJson.write(Scenarios.summary(TRAINING_THEN_INFERENCE)));
    }

    @Test
    void gpuHoursAreReportedPerPriorityClassAndAddUpToWhatWasBilled() throws Exception {
        RunSummary s = Scenarios.summary(TRAINING_THEN_INFERENCE);
        List<PriorityClassSummary> classes = s.priorityClasses();
        assertEquals(List.of("inference", "train"), classes.stream().map(PriorityClassSummary::name).toList());
        assertEquals(150.0 / 3600, classes.get(0).gpuHours(), 1e-6, "one GPU from 150 s to 300 s");
        assertEquals(8 * 150.0 / 3600, classes.get(1).gpuHours(), 1e-6, "eight GPUs for 150 s");
        double dollars = classes.stream().mapToDouble(PriorityClassSummary::cost).sum();
        assertEquals(s.cost().billed(), dollars, 1e-6);
        assertEquals(s.jobs().get(0).gpuHours(), classes.get(1).gpuHours(), 1e-9);
    }

    @Test
    void whileAReplicaWaitsForGpusRequestsGoOnlyToReplicasThatAreReady() throws Exception {
        LoadedScenario loaded = Scenarios.load("""
                name: half-ready
                seed: 6
                duration: 2m
                cluster:
                  pools: [{name: h100, gpu: h100-sxm, nodes: 1, gpusPerNode: 8}]
                deployments:
                  - {name: chat, model: llama-3.1-8b, replicas: 2, startAt: 1s}
                jobs:
                  - {name: finetune, type: training, gpus: 7, duration: 1h}
                workloads:
                  - name: users
                    arrival: {type: poisson, rate: 4/s}
                    promptTokens: 500
                    outputTokens: 100
                """);
        List<long[]> served = new ArrayList<>(); // arrival ns, replica
        RunSummary s = new ClusterRun(loaded, (r, stream, outcome, end) -> served.add(new long[] {r.arrivalNs(), r.replica()}))
                .run(Progress.NONE).summary();
        // The job holds 7 of the 8 GPUs when the deployment starts: the first replica takes the free one,
        // the second preempts the job and waits out its grace period.
        assertEquals(1.0, s.replicas().get(0).placedAtS());
        assertEquals(31.0, s.replicas().get(1).placedAtS());
        long readyAt = 31_000_000_000L;
        assertTrue(served.stream().filter(a -> a[0] < readyAt).allMatch(a -> a[1] == 0), "before 31 s only replica 0");
        assertTrue(served.stream().filter(a -> a[0] < readyAt).count() > 80);
        assertTrue(served.stream().anyMatch(a -> a[1] == 1), "then both");
    }
}
