package org.infersim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.infersim.results.RunSummary;
import org.infersim.results.StreamSummary;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;

/** Single runs: capacity, KV preemption, priorities, utilization and cost. Conservation and determinism are in InvariantsTest. */
class ClusterRunTest {

    @Test
    void belowCapacityTheBatchAbsorbsLoadAndPastItTheQueueExplodes() throws Exception {
        // Capacity is what a heavily overloaded replica completes per second (about 16/s here).
        double capacity = Scenarios.summary(Scenarios.singleReplica(40, "", 5)).overall().throughputRps();
        assertTrue(capacity > 8 && capacity < 30, "capacity " + capacity);
        StreamSummary light = Scenarios.summary(Scenarios.singleReplica(0.3 * capacity, "", 5)).overall();
        StreamSummary medium = Scenarios.summary(Scenarios.singleReplica(0.7 * capacity, "", 5)).overall();
        StreamSummary near = Scenarios.summary(Scenarios.singleReplica(0.97 * capacity, "", 5)).overall();
        StreamSummary over = Scenarios.summary(Scenarios.singleReplica(1.3 * capacity, "", 5)).overall();
        StreamSummary doubled = Scenarios.summary(Scenarios.singleReplica(2.6 * capacity, "", 5)).overall();

        // Continuous batching: more load means bigger batches, so every token waits longer...
        assertTrue(light.tpotMs().p95() < medium.tpotMs().p95() && medium.tpotMs().p95() < near.tpotMs().p95(),
                "p95 TPOT " + light.tpotMs() + " / " + medium.tpotMs() + " / " + near.tpotMs());
        assertTrue(near.tpotMs().p95() > 3 * light.tpotMs().p95());
        // ...while requests are still admitted at once as long as the KV cache has room.
        assertTrue(near.ttftMs().p95() < 1_000, "p95 TTFT near capacity " + near.ttftMs());
        // Past capacity the KV cache is full, requests queue, and the queue grows with time.
        assertTrue(over.ttftMs().p95() > 20 * near.ttftMs().p95(), "p95 TTFT " + near.ttftMs() + " -> " + over.ttftMs());
        assertTrue(over.ttftMs().p95() > 5_000);
        assertTrue(doubled.ttftMs().p95() > 1.5 * over.ttftMs().p95(),
                "doubling the load on a saturated replica: " + over.ttftMs() + " -> " + doubled.ttftMs());
        // Throughput saturates rather than collapsing.
        assertEquals(capacity, over.throughputRps(), 0.1 * capacity);
        assertEquals(capacity, doubled.throughputRps(), 0.1 * capacity);
    }

    @Test
    void aReplicaPreemptsWhenItsKvBlocksRunOutAndStillFinishesEverything() throws Exception {
        // 30% of 80 GB leaves a few GB of KV cache for 16 GB of weights: long outputs exhaust it.
        String yaml = """
                name: tight
                seed: 3
                duration: 3m
                cluster:
                  pools: [{name: p, gpu: h100-sxm, count: 1}]
                deployments:
                  - name: d
                    model: llama-3.1-8b
                    engine: {gpuMemoryUtilization: 0.3, preemption: %s, maxModelLen: 4096}
                workloads:
                  - name: long
                    arrival: {type: poisson, rate: 4/s}
                    promptTokens: {type: fixed, value: 1000}
                    outputTokens: {type: fixed, value: 1500}
                """;
        for (String mode : new String[] {"recompute", "swap"}) {
            RunSummary s = Scenarios.summary(yaml.formatted(mode));
            assertTrue(s.replicas().get(0).preemptions() > 0, mode + ": preemptions " + s.replicas().get(0).preemptions());
            assertTrue(s.replicas().get(0).kvPeakOccupancy() > 0.9, mode + ": the cache filled up");
            assertTrue(s.replicas().get(0).kvPeakOccupancy() <= 1.0, mode + ": never over-allocated");
            assertTrue(s.overall().completed() > 100, mode + ": work still completes");
            var r = s.requests();
            assertEquals(r.arrived(), r.completed() + r.rejected() + r.inFlight());
        }
    }

    @Test
    void highPriorityRequestsSeeLowerLatencyUnderOverloadAndOnlyBecauseOfPriorityScheduling() throws Exception {
        String yaml = """
                name: priorities
                seed: 8
                duration: 3m
                warmup: 20s
                cluster:
                  pools: [{name: p, gpu: h100-sxm, count: 1}]
                deployments:
                  - name: d
                    model: llama-3.1-8b
                    engine: {scheduling: %s}
                workloads:
                  - name: batch
                    arrival: {type: poisson, rate: 30/s}
                    promptTokens: {type: fixed, value: 1500}
                    outputTokens: {type: fixed, value: 300}
                    priority: 0
                  - name: interactive
                    arrival: {type: poisson, rate: 3/s}
                    promptTokens: {type: fixed, value: 1500}
                    outputTokens: {type: fixed, value: 300}
                    priority: 10
                """;
        RunSummary priority = Scenarios.summary(yaml.formatted("priority"));
        StreamSummary low = priority.streams().get(0);
        StreamSummary high = priority.streams().get(1);
        assertTrue(high.ttftMs().p95() * 5 < low.ttftMs().p95(),
                "p95 TTFT interactive " + high.ttftMs().p95() + " ms vs batch " + low.ttftMs().p95() + " ms");
        assertTrue(high.e2eMs().p95() < low.e2eMs().p95(), "end to end too: " + high.e2eMs() + " vs " + low.e2eMs());
        assertTrue(high.preemptions() * 10 < low.preemptions() + 10, "KV preemptions fall on the batch stream: "
                + high.preemptions() + " vs " + low.preemptions());

        // The same overload first come first served: both streams wait in the same queue.
        RunSummary fcfs = Scenarios.summary(yaml.formatted("fcfs"));
        double ratio = fcfs.streams().get(1).ttftMs().p95() / fcfs.streams().get(0).ttftMs().p95();
        assertTrue(ratio > 0.5 && ratio < 2, "without priority scheduling the streams are alike: " + ratio);
    }

    @Test
    void utilizationAndCostAreReported() throws Exception {
        RunSummary s = Scenarios.summary(Scenarios.singleReplica(8, "", 2));
        var replica = s.replicas().get(0);
        assertTrue(replica.busyFraction() > 0.1 && replica.busyFraction() <= 1.0, "busy " + replica.busyFraction());
        assertTrue(replica.bandwidthFraction() > 0 && replica.bandwidthFraction() < 1.0);
        assertTrue(replica.flopsFraction() > 0 && replica.flopsFraction() < 1.0);
        // One H100 at the catalog price for 4 minutes.
        assertEquals(s.cost().perHour() * 4 / 60, s.cost().total(), 1e-3);
        assertTrue(s.cost().perMillionOutputTokens() > 0);
    }
}
