package org.infersim.model.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.infersim.catalog.Catalog;
import org.infersim.kernel.Simulation;
import org.infersim.model.cluster.placement.FirstFit;
import org.infersim.model.random.DurationSampler;
import org.infersim.model.random.RandomStreams;
import org.infersim.scenario.DurationSpec;
import org.infersim.scenario.GpuSharing;
import org.infersim.scenario.Job;
import org.infersim.scenario.JobType;
import org.infersim.scenario.Pool;
import org.infersim.scenario.PriorityClass;
import org.infersim.scenario.Provisioning;
import org.infersim.scenario.ProvisioningMode;
import org.infersim.testing.FakeWorkload;
import org.junit.jupiter.api.Test;

/** Dynamic and serverless pools: which nodes the node autoscaler requests, when they come, when they go. */
class NodeAutoscalerTest {
    private static final long S = 1_000_000_000L;
    private static final long MIN = 60 * S;
    private static final long SEED = 11;

    private final Simulation sim = new Simulation();
    private GpuPool pool;
    private Scheduler scheduler;
    private NodeAutoscaler autoscaler;

    private void cluster(int nodes, Provisioning provisioning) throws Exception {
        pool = new GpuPool(new Pool("burst", "h100-sxm", nodes * 8, 8, OptionalDouble.of(4.0), GpuSharing.DEFAULTS,
                provisioning), Catalog.builtIn().gpu("h100-sxm").orElseThrow(), sim, 0, 0);
        scheduler = new Scheduler(sim, new FirstFit());
        autoscaler = NodeAutoscaler.attach(List.of(pool), scheduler, sim, new RandomStreams(SEED), new FirstFit());
    }

    private static Provisioning dynamic(int min, int max, DurationSpec delay, long scaleDownNs) {
        return new Provisioning(ProvisioningMode.DYNAMIC, min, max, delay, scaleDownNs);
    }

    private NodeProvisioner provisioner() {
        return autoscaler.provisioner(pool);
    }

    private FakeWorkload submitAt(long t, String name, Demand demand) {
        FakeWorkload h = new FakeWorkload(name, demand, pool);
        sim.scheduleAt(t, () -> scheduler.submit(h));
        return h;
    }

    private FakeWorkload submitAt(long t, int gpus) {
        return submitAt(t, "w" + gpus + "@" + t / S, new Demand.WholeGpus(gpus));
    }

    private void releaseAt(long t, FakeWorkload h) {
        sim.scheduleAt(t, () -> scheduler.release(h.allocation()));
    }

    /** The delays the pool's own stream gives, drawn here independently of the run. */
    private static long[] draws(DurationSpec spec, int n) {
        DurationSampler s = DurationSampler.of(spec, new RandomStreams(SEED).stream("pool/burst/provisioning"));
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = s.sampleNs();
        }
        return out;
    }

    @Test
    void twoReplicasOnAnEmptyPoolWaitExactlyTheDrawnDelaysOnTheTwoNodesTheyNeed() throws Exception {
        cluster(0, dynamic(0, 4, Provisioning.DEFAULT_DELAY, 10 * MIN));
        FakeWorkload a = submitAt(0, 8);
        FakeWorkload b = submitAt(0, 8);
        sim.runUntil(MIN);
        assertEquals(2, pool.nodesProvisioning().size(), "one whole node per tensor-parallel group of 8");
        assertNull(a.allocation());
        sim.runUntil(20 * MIN);

        long[] delays = draws(Provisioning.DEFAULT_DELAY, 2);
        for (long d : delays) {
            assertTrue(d >= 2 * MIN && d <= 8 * MIN, "2-8 minutes: " + d);
        }
        Arrays.sort(delays);
        long[] waited = {a.allocation().waitedNs(), b.allocation().waitedNs()};
        Arrays.sort(waited);
        assertArrayEqualsNs(delays, waited);
        for (FakeWorkload h : List.of(a, b)) {
            assertEquals(h.allocation().waitedNs(), h.allocation().provisioningWaitNs(), "all of it waiting for a node");
            assertEquals(0, h.allocation().requestedAtNs());
        }
        assertEquals(2, provisioner().nodesAdded());
        assertEquals(2, pool.nodes().size());
        assertTrue(a.allocation().gpus().get(0).node() != b.allocation().gpus().get(0).node());
    }

    private static void assertArrayEqualsNs(long[] expected, long[] actual) {
        assertEquals(Arrays.toString(expected), Arrays.toString(actual));
    }

    @Test
    void twoSmallReplicasShareOneNewNode() throws Exception {
        cluster(0, dynamic(0, 4, new DurationSpec.Fixed(3 * MIN), 10 * MIN));
        FakeWorkload a = submitAt(0, 4);
        FakeWorkload b = submitAt(0, 4);
        sim.runUntil(10 * MIN);
        assertEquals(1, provisioner().nodesAdded(), "two groups of 4 fit on one node of 8");
        assertEquals(3 * MIN, a.allocation().provisioningWaitNs());
        assertEquals(3 * MIN, b.allocation().provisioningWaitNs());
        assertEquals(a.allocation().gpus().get(0).node(), b.allocation().gpus().get(0).node());
    }

    @Test
    void aWorkloadArrivingWhileANodeIsProvisioningForItCountsThatNodeInsteadOfRequestingAnother() throws Exception {
        cluster(0, dynamic(0, 4, new DurationSpec.Fixed(5 * MIN), 10 * MIN));
        FakeWorkload a = submitAt(0, 4);
        FakeWorkload b = submitAt(MIN, 4); // fits on the half of the node that A leaves: no second node
        FakeWorkload c = submitAt(2 * MIN, 1); // the node on its way is full with A and B: a second one
        FakeWorkload d = submitAt(3 * MIN, 8); // a whole node: one more
        // Passes with nothing to place must not add nodes either.
        for (long t = 10 * S; t < 5 * MIN; t += 20 * S) {
            sim.scheduleAt(t, scheduler::capacityChanged);
        }
        sim.runUntil(4 * MIN);
        assertEquals(3, provisioner().nodesAdded(), "A and B share one node, C needs a second, D a third");
        sim.runUntil(15 * MIN);
        assertEquals(3, provisioner().nodesAdded());
        assertEquals(5 * MIN, a.allocation().waitedNs());
        assertEquals(4 * MIN, b.allocation().waitedNs(), "from its request at 1 min to the node at 5 min");
        assertEquals(4 * MIN, b.allocation().provisioningWaitNs());
        assertEquals(a.allocation().gpus().get(0).node(), b.allocation().gpus().get(0).node());
        assertEquals(5 * MIN, c.allocation().waitedNs(), "its own node, requested at 2 min");
        assertEquals(5 * MIN, d.allocation().provisioningWaitNs());
    }

    @Test
    void theNodeAutoscalerStopsAtMaxNodesAndWhatDoesNotFitWaitsWithoutCountingAsProvisioning() throws Exception {
        cluster(0, dynamic(0, 1, new DurationSpec.Fixed(2 * MIN), 10 * MIN));
        FakeWorkload a = submitAt(0, 8);
        FakeWorkload b = submitAt(0, 8);
        sim.runUntil(5 * MIN);
        assertEquals(1, provisioner().nodesAdded());
        assertNotNull(a.allocation());
        assertNull(b.allocation());
        releaseAt(6 * MIN, a);
        sim.runUntil(7 * MIN);
        assertEquals(6 * MIN, b.allocation().waitedNs());
        assertEquals(0, b.allocation().provisioningWaitNs(), "no node was ever on its way for it");
    }

    @Test
    void aTwoNodeJobCountsTheEmptyReadyNodeRequestsOnlyOneMoreAndKeepsTheFirstFromScaleDown() throws Exception {
        cluster(1, dynamic(0, 3, new DurationSpec.Fixed(5 * MIN), MIN));
        FakeWorkload job = submitAt(0, 16);
        sim.runUntil(4 * MIN);
        assertEquals(1, provisioner().nodesAdded(), "the ready node is half of what it needs");
        assertEquals(1, pool.nodes().size(), "past its 1 min scale-down delay, but counted on");
        sim.runUntil(6 * MIN);
        assertEquals(5 * MIN, job.allocation().provisioningWaitNs());
        assertEquals(16, job.allocation().gpus().size());
        assertEquals(0, provisioner().nodesRemoved());
    }

    @Test
    void anEmptyNodeIsRemovedAfterTheScaleDownDelayAndStopsCosting() throws Exception {
        cluster(1, dynamic(0, 2, new DurationSpec.Fixed(2 * MIN), 10 * MIN));
        FakeWorkload a = submitAt(0, 8);
        releaseAt(30 * MIN, a);
        // Taken again within the delay, the second node stays; its removal waits for a full delay from its last release.
        FakeWorkload b = submitAt(31 * MIN, 8);
        sim.runUntil(5 * MIN);
        assertEquals(0, provisioner().nodesAdded(), "the initial node was free");
        sim.runUntil(39 * MIN);
        assertEquals(1, pool.nodes().size(), "B took the node back at 31 min");
        releaseAt(45 * MIN, b);
        sim.runUntil(54 * MIN);
        assertEquals(1, pool.nodes().size(), "empty since 45 min, not yet 10 min");
        sim.runUntil(56 * MIN);
        assertEquals(0, pool.nodes().size());
        Node node = pool.allNodes().get(0);
        assertEquals(55 * MIN, node.removedAtNs());
        assertEquals(1, provisioner().nodesRemoved());

        // Paid from 0 to 55 min: 8 GPUs × $4/h × 55/60 h, and nothing after.
        CostMeter meter = new CostMeter(List.of(pool));
        assertEquals(8 * 4.0 * 55 / 60, meter.poolCost(0, 0, 90 * MIN), 1e-9);
        assertEquals(0, meter.poolCost(0, 55 * MIN, 90 * MIN), 1e-12);
    }

    @Test
    void aNodeAtTheMinimumStaysAndTheInitialNodesAreRemovedWhenNeverUsed() throws Exception {
        cluster(3, dynamic(1, 3, new DurationSpec.Fixed(2 * MIN), 10 * MIN));
        sim.runUntil(9 * MIN);
        assertEquals(3, pool.nodes().size());
        sim.runUntil(11 * MIN);
        assertEquals(1, pool.nodes().size(), "two removed at 10 min, one kept as minNodes says");
        assertEquals(2, provisioner().nodesRemoved());
        sim.runUntil(60 * MIN);
        assertEquals(1, pool.nodes().size());
    }

    @Test
    void aWorkloadThatCanPreemptLowerPriorityWorkDoesNotProvisionButTheEvictedJobDoes() throws Exception {
        cluster(1, dynamic(0, 2, new DurationSpec.Fixed(3 * MIN), 10 * MIN));
        Job ft = new Job("ft", JobType.TRAINING, List.of(pool.name()), 8, 60 * MIN, PriorityClass.TRAIN, true, 0, 0,
                30 * S, 0, 1);
        GpuJob job = new GpuJob(ft, ft.name(), List.of(pool), sim, scheduler);
        sim.scheduleAt(0, job::submit);
        FakeWorkload r = submitAt(MIN, 8);
        sim.runUntil(MIN + 10 * S);
        assertEquals(0, provisioner().nodesAdded(), "preempting the job frees the node in 30 s, sooner than a new one");
        sim.runUntil(10 * MIN);
        assertEquals(MIN + 30 * S, r.allocation().placedAtNs());
        assertEquals(0, r.allocation().provisioningWaitNs());
        assertEquals(1, provisioner().nodesAdded(), "the evicted job waits for a node of its own");
        assertEquals(GpuJob.State.RUNNING, job.state());
        assertEquals(MIN + 30 * S + 3 * MIN, job.allocation().placedAtNs());
        assertEquals(3 * MIN, job.allocation().provisioningWaitNs());
    }

    @Test
    void serverlessCapacityAppearsAtOnceAndIsBilledForTheGpuSecondsHeldOnly() throws Exception {
        cluster(0, Provisioning.serverless(Provisioning.UNLIMITED));
        FakeWorkload whole = submitAt(0, 2); // 2 GPUs from 0 to 30 min
        FakeWorkload quarter = submitAt(10 * MIN, "quarter",
                new Demand.Fraction(SharingMode.TIME_SLICING, 0.25, 1.0)); // a quarter of one from 10 to 40 min
        releaseAt(30 * MIN, whole);
        releaseAt(40 * MIN, quarter);
        sim.runUntil(20 * MIN);
        assertEquals(0, whole.allocation().waitedNs(), "no node start-up seen");
        assertEquals(10 * MIN, quarter.allocation().placedAtNs());
        assertEquals(1, pool.nodes().size(), "the quarter shares the node the pair is on");
        sim.runUntil(60 * MIN);
        assertEquals(0, pool.nodes().size(), "nothing held, nothing kept");

        // 2 GPUs × 0.5 h × $4 + 0.25 × 0.5 h × $4 = $4.00 + $0.50
        CostMeter meter = new CostMeter(List.of(pool));
        assertEquals(4.5, meter.poolCost(0, 0, 60 * MIN), 1e-9);
        assertEquals(2 * 0.5 + 0.25 * 0.5, meter.gpuHours(0, 0, 60 * MIN), 1e-12);
        assertEquals(0.25 * 10.0 / 60 * 4, meter.poolCost(0, 30 * MIN, 60 * MIN), 1e-9, "only the quarter after 30 min");
    }

    @Test
    void aServerlessPoolWithMaxNodesMakesTheRestWait() throws Exception {
        cluster(0, Provisioning.serverless(1));
        FakeWorkload a = submitAt(0, 8);
        FakeWorkload b = submitAt(0, 8);
        releaseAt(5 * MIN, a);
        sim.runUntil(10 * MIN);
        assertEquals(0, a.allocation().waitedNs());
        assertEquals(5 * MIN, b.allocation().waitedNs());
        assertEquals(0, b.allocation().provisioningWaitNs());
    }

    @Test
    void aNewNodeHasNoImagesAndRemembersThoseItPulled() throws Exception {
        cluster(0, dynamic(0, 2, new DurationSpec.Fixed(MIN), 10 * MIN));
        FakeWorkload a = submitAt(0, 8);
        sim.runUntil(2 * MIN);
        Node node = a.allocation().gpus().get(0).node();
        assertFalse(node.hasImage("vllm/vllm-openai:v0.10"));
        node.addImage("vllm/vllm-openai:v0.10");
        assertTrue(node.hasImage("vllm/vllm-openai:v0.10"));
        assertFalse(node.hasImage("other"));
        assertEquals(0, node.provisionedAtNs());
        assertEquals(MIN, node.readyAtNs());
    }

    @Test
    void aStaticPoolHasNoNodeAutoscaler() throws Exception {
        cluster(1, Provisioning.STATIC);
        assertNull(autoscaler);
        List<FakeWorkload> held = new ArrayList<>();
        held.add(submitAt(0, 8));
        held.add(submitAt(0, 8));
        sim.runUntil(60 * MIN);
        assertNotNull(held.get(0).allocation());
        assertNull(held.get(1).allocation(), "a static pool never grows");
        assertEquals(1, pool.allNodes().size());
    }
}
