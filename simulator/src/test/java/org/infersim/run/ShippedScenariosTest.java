package org.infersim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.infersim.results.JobSummary;
import org.infersim.results.PoolSummary;
import org.infersim.results.RunSummary;
import org.infersim.results.StreamSummary;
import org.infersim.scenario.LoadedScenario;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;

/** What the shipped scenarios show; InvariantsTest runs every one of them and checks what every run promises. */
class ShippedScenariosTest {
    @Test
    void everyYamlFileInScenariosIsShippedAndRun() throws Exception {
        List<String> names = Scenarios.shipped().stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("quickstart.yaml", "shared-gpus.yaml", "training-preempted.yaml",
                "elastic-capacity.yaml")), names.toString());
    }

    private static RunSummary run(String file) throws Exception {
        Path path = Path.of(System.getProperty("infersim.root", ".."), "scenarios", file);
        LoadedScenario loaded = Scenarios.validation().load(path);
        return new ClusterRun(loaded, null).run(Progress.NONE).summary();
    }

    @Test
    void sharedGpusShowsThePlannerTheLatencyAndCostTradeOff() throws Exception {
        RunSummary s = run("shared-gpus.yaml");
        StreamSummary whole = s.streams().get(0);
        StreamSummary quarters = s.streams().get(1);
        StreamSummary mig = s.streams().get(2);
        // Four tenants take turns on the GPU; only their host parts (scheduling, sampling) overlap.
        assertTrue(whole.tpotMs().p95() * 2.5 < quarters.tpotMs().p95(), "time-slicing stretches the steps");
        assertTrue(whole.ttftMs().p95() < quarters.ttftMs().p95() && quarters.ttftMs().p95() < mig.ttftMs().p95(),
                "MIG's seventh of the SMs makes prefills slowest");
        assertTrue(whole.sloAttainment() >= quarters.sloAttainment() && quarters.sloAttainment() > mig.sloAttainment());
        assertEquals(4 * s.pools().get(1).cost(), s.pools().get(0).cost(), 1e-6, "at four times the price");
        assertEquals(s.pools().get(1).cost(), s.pools().get(2).cost(), 1e-6);
    }

    @Test
    void measuredStepTimesTimeOneReplicaByItsTableAndTheOtherByTheRoofline() throws Exception {
        RunSummary s = run("measured-step-times.yaml");
        StreamSummary table = s.streams().get(0);
        StreamSummary roofline = s.streams().get(1);
        // The example table was made so that ~9 sequences decoding at ~690 tokens take vLLM's
        // measured 9.26 ms mean TPOT at this load; chunks of prefill between decodes add a little.
        assertEquals(9.26, table.tpotMs().mean(), 9.26 * 0.15, "mean TPOT by the table");
        // The fitted roofline reproduces that measurement too (its host and per-layer costs were
        // fitted to it): the two replicas agree.
        assertEquals(table.tpotMs().mean(), roofline.tpotMs().mean(), 0.1 * table.tpotMs().mean(), "roofline TPOT");
        // A ~590-token prompt is prefilled in one step of ~590 tokens: between the 256- and the
        // 2,048-token rows (11.8 and 43.0 ms), nearer the first.
        assertTrue(table.ttftMs().p50() > 11.8 && table.ttftMs().p50() < 43.0, "TTFT " + table.ttftMs().p50());
    }

    @Test
    void trainingPreemptedShowsTheEvictionTheLossAndTheWait() throws Exception {
        RunSummary s = run("training-preempted.yaml");
        JobSummary a = s.jobs().get(0);
        assertEquals(1, a.preemptions());
        assertEquals(330.0, a.workLostS(), "from the 30 min checkpoint to the eviction at 35.5 min");
        assertEquals("completed", a.state(), "it resumed once the other job finished");
        assertEquals(0, s.jobs().get(1).preemptions(), "only one job was needed for both replicas");
        assertEquals(30.0, s.replicas().get(0).waitedS());
        assertTrue(s.streams().get(0).ttftMs().max() > 29_000, "the first requests waited out the grace period");
    }

    @Test
    void elasticCapacityGrowsForTheJobsAndTheSpilloverThenShrinksAndStopsPaying() throws Exception {
        RunSummary s = run("elastic-capacity.yaml");
        PoolSummary onDemand = s.pools().get(1);
        assertEquals("dynamic", onDemand.provisioning());
        assertEquals(3, onDemand.nodesAdded(), "two for the jobs, one for the evicted job");
        assertEquals(2, onDemand.nodesRemoved(), "the jobs' nodes, 10 min after they finished");
        assertEquals(onDemand.gpuHours() * onDemand.pricePerGpuHour(), onDemand.cost(), 1e-3);
        assertEquals(8 * onDemand.nodeHours(), onDemand.gpuHours(), 1e-3);
        assertTrue(onDemand.provisioningNodeHours() > 3 * 2 / 60.0 && onDemand.provisioningNodeHours() < 3 * 8 / 60.0,
                "three nodes of 2-8 min each: " + onDemand.provisioningNodeHours());
        assertEquals("on-demand", s.replicas().get(5).pool(), "the second RAG replica spills over");
        assertTrue(s.jobs().stream().allMatch(j -> j.state().equals("completed")));
        assertEquals(s.cost().total(), s.cost().byProvisioning().stream().mapToDouble(c -> c.cost()).sum(), 1e-3);
    }
}
