package org.infersim.model.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.infersim.catalog.Catalog;
import org.infersim.kernel.Simulation;
import org.infersim.model.cluster.placement.BestFit;
import org.infersim.model.cluster.placement.FirstFit;
import org.infersim.scenario.GpuSharing;
import org.infersim.scenario.Job;
import org.infersim.scenario.JobType;
import org.infersim.scenario.Pool;
import org.infersim.scenario.PriorityClass;
import org.infersim.testing.FakeWorkload;
import org.junit.jupiter.api.Test;

/** Jobs preempted by more important work: who is chosen, when they go, and what they lose. */
class PreemptionTest {
    private static final long S = 1_000_000_000L;
    private static final long MIN = 60 * S;

    private final Simulation sim = new Simulation();
    private GpuPool pool;
    private Scheduler scheduler;

    private void cluster(int nodes, int perNode) throws Exception {
        pool = new GpuPool(new Pool("p", "h100-sxm", nodes * perNode, perNode, OptionalDouble.of(4.0),
                GpuSharing.DEFAULTS), Catalog.builtIn().gpu("h100-sxm").orElseThrow(), sim, 0, 0);
        scheduler = new Scheduler(sim, new FirstFit());
    }

    private GpuJob job(String name, int priority, int gpus, long work, long checkpoint, long restart, long grace) {
        Job j = new Job(name, JobType.TRAINING, List.of(pool.name()), gpus, work, priority,
                PriorityClass.preemptibleByDefault(priority), checkpoint, restart, grace, 0, 1);
        return new GpuJob(j, name, List.of(pool), sim, scheduler);
    }

    private FakeWorkload replicaAt(long t, int gpus) {
        FakeWorkload r = new FakeWorkload("replica@" + t, new Demand.WholeGpus(gpus), pool);
        sim.scheduleAt(t, () -> scheduler.submit(r));
        return r;
    }

    private static void assertAccountedOnce(GpuJob job, GpuJob.Accounting a, long endNs) {
        assertEquals(a.runningNs(), a.restartNs() + a.lostNs() + a.progressNs(),
                job.name() + ": every second it held GPUs is restart, lost work or kept work, once");
        long held = 0;
        for (Allocation alloc : job.allocations()) {
            held += alloc.heldNs(0, endNs);
        }
        assertEquals(a.runningNs(), held, job.name() + ": running time is the time its allocations held GPUs");
        assertTrue(a.progressNs() <= job.workNs());
        if (job.state() == GpuJob.State.COMPLETED) {
            assertEquals(job.workNs(), a.progressNs(), job.name() + ": a completed job did all its work, once");
        }
        if (a.submittedAtNs() >= 0) {
            long until = a.completedAtNs() >= 0 ? a.completedAtNs() : endNs;
            assertEquals(until - a.submittedAtNs(), a.waitingNs() + a.runningNs() + a.preemptedNs(),
                    job.name() + ": from submission on it was waiting, running or preempted");
        }
    }

    @Test
    void anEvictedJobLosesTheWorkSinceItsLastCheckpointAndRedoesItExactlyOnce() throws Exception {
        cluster(1, 8);
        GpuJob train = job("train", PriorityClass.TRAIN, 8, 60 * MIN, 20 * MIN, 5 * MIN, 30 * S);
        train.submit();
        FakeWorkload replica = replicaAt(50 * MIN, 1);
        sim.scheduleAt(70 * MIN, () -> scheduler.release(replica.allocation()));
        sim.run();

        // Noticed at 50 min, evicted 30 s later; the replica takes a GPU the moment it is free.
        assertEquals(50 * MIN + 30 * S, replica.allocation().placedAtNs());
        // Back at 70 min: 5 min of restart, then the 20 min lost since the 40-min checkpoint.
        assertEquals(GpuJob.State.COMPLETED, train.state());
        GpuJob.Accounting a = train.accountingAt(sim.now());
        assertEquals(95 * MIN, a.completedAtNs());
        assertEquals(50 * MIN + 30 * S + 25 * MIN, a.runningNs());
        assertEquals(5 * MIN, a.restartNs());
        assertEquals(10 * MIN + 30 * S, a.lostNs(), "from the 40-min checkpoint to the eviction at 50.5 min");
        assertEquals(60 * MIN, a.progressNs());
        assertEquals(19 * MIN + 30 * S, a.preemptedNs());
        assertEquals(0, a.waitingNs());
        assertEquals(1, a.preemptions());
        assertAccountedOnce(train, a, sim.now());
    }

    @Test
    void theLowestPriorityGoesFirstAndOnlyAsMuchAsNeeded() throws Exception {
        cluster(1, 8);
        GpuJob train = job("train", PriorityClass.TRAIN, 4, 10 * 60 * MIN, 0, 0, 30 * S);
        GpuJob build = job("build", PriorityClass.BUILD_PREEMPTIBLE, 4, 10 * 60 * MIN, 0, 0, 30 * S);
        train.submit();
        build.submit();
        FakeWorkload replica = replicaAt(MIN, 4);
        sim.runUntil(2 * MIN);
        assertEquals(GpuJob.State.PENDING, train.state());
        assertEquals(GpuJob.State.RUNNING, build.state());
        assertEquals(MIN + 30 * S, replica.allocation().placedAtNs());
    }

    @Test
    void amongEqualPrioritiesTheJobThatLosesLeastGoes() throws Exception {
        cluster(1, 8);
        GpuJob checkpointed = job("checkpointed", PriorityClass.TRAIN, 4, 10 * 60 * MIN, 10 * MIN, 0, 0);
        GpuJob never = job("never-checkpoints", PriorityClass.TRAIN, 4, 10 * 60 * MIN, 0, 0, 0);
        never.submit();
        checkpointed.submit();
        FakeWorkload replica = replicaAt(21 * MIN, 2);
        sim.runUntil(30 * MIN);
        assertEquals(GpuJob.State.PENDING, checkpointed.state(), "1 min at risk against 21");
        assertEquals(GpuJob.State.RUNNING, never.state());
        assertEquals(MIN, checkpointed.accountingAt(sim.now()).lostNs());
        assertEquals(21 * MIN, replica.allocation().placedAtNs());
    }

    @Test
    void nonPreemptibleAndEqualPriorityWorkIsNeverEvicted() throws Exception {
        cluster(1, 8);
        GpuJob build = job("build", PriorityClass.BUILD, 8, 60 * MIN, 0, 0, 30 * S);
        build.submit();
        FakeWorkload replica = replicaAt(MIN, 1);
        GpuJob otherBuild = job("late-build", PriorityClass.BUILD, 8, 60 * MIN, 0, 0, 30 * S);
        sim.scheduleAt(MIN, otherBuild::submit);
        sim.runUntil(30 * MIN);
        assertEquals(GpuJob.State.RUNNING, build.state());
        assertEquals(0, build.accountingAt(sim.now()).preemptions());
        assertNull(replica.allocation(), "a build job (100) is not preemptible: the replica waits");
        sim.runUntil(61 * MIN);
        assertEquals(60 * MIN, replica.allocation().placedAtNs(), "placed when the build job is done");
        assertEquals(GpuJob.State.PENDING, otherBuild.state(), "behind the replica, then no room for 8 GPUs");
    }

    @Test
    void aJobThatFinishesInItsGracePeriodLosesNothing() throws Exception {
        cluster(1, 1);
        GpuJob train = job("train", PriorityClass.TRAIN, 1, 10 * MIN, 0, 0, 30 * S);
        train.submit();
        FakeWorkload replica = replicaAt(10 * MIN - 10 * S, 1);
        sim.run();
        GpuJob.Accounting a = train.accountingAt(sim.now());
        assertEquals(GpuJob.State.COMPLETED, train.state());
        assertEquals(10 * MIN, a.completedAtNs());
        assertEquals(0, a.lostNs());
        assertEquals(0, a.preemptions());
        assertEquals(10 * MIN, replica.allocation().placedAtNs());
    }

    @Test
    void aMultiNodeJobGivesBackAllItsNodes() throws Exception {
        cluster(2, 4);
        GpuJob big = job("big", PriorityClass.TRAIN, 8, 60 * MIN, 0, 0, 0);
        big.submit();
        FakeWorkload replica = replicaAt(MIN, 2);
        sim.runUntil(2 * MIN);
        assertEquals(MIN, replica.allocation().placedAtNs());
        assertEquals(GpuJob.State.PENDING, big.state());
        assertEquals(2, pool.allocatedGpus());
    }

    @Test
    void twoReplicasArrivingTogetherEvictOneJobWhenItsGpusAreEnoughForBoth() throws Exception {
        cluster(2, 8);
        GpuJob a = job("a", PriorityClass.TRAIN, 8, 10 * 60 * MIN, 0, 0, 30 * S);
        GpuJob b = job("b", PriorityClass.TRAIN, 8, 10 * 60 * MIN, 0, 0, 30 * S);
        a.submit();
        b.submit();
        FakeWorkload first = replicaAt(MIN, 1);
        FakeWorkload second = replicaAt(MIN, 1);
        sim.runUntil(5 * MIN);
        // The second replica waits for the GPUs the first one's victim is already giving back.
        assertEquals(GpuJob.State.PENDING, a.state());
        assertEquals(GpuJob.State.RUNNING, b.state());
        assertEquals(MIN + 30 * S, first.allocation().placedAtNs());
        assertEquals(MIN + 30 * S, second.allocation().placedAtNs());
    }

    @Test
    void gpusFreedForAPreemptorAreNotTakenByWorkBackfilledMeanwhile() throws Exception {
        cluster(1, 4);
        GpuJob train = job("train", PriorityClass.TRAIN, 2, 10 * 60 * MIN, 0, 0, 30 * S);
        GpuJob other = job("other", PriorityClass.TRAIN, 1, 10 * 60 * MIN, 0, 0, 30 * S);
        train.submit();
        other.submit();
        // One GPU free; the replica needs two: it reserves the free one and evicts the smaller job,
        // whose one GPU makes two.
        FakeWorkload replica = replicaAt(MIN, 2);
        GpuJob late = job("late", PriorityClass.TRAIN, 1, 60 * MIN, 0, 0, 30 * S);
        sim.scheduleAt(MIN + 10 * S, late::submit);
        sim.runUntil(5 * MIN);
        assertEquals(MIN + 30 * S, replica.allocation().placedAtNs());
        assertEquals(GpuJob.State.PENDING, other.state(), "the cheapest victim: one GPU with the free one makes two");
        assertEquals(GpuJob.State.RUNNING, train.state());
        assertEquals(GpuJob.State.PENDING, late.state(), "the free GPU was reserved for the replica");
    }

    @Test
    void aPreemptedJobsWorkIsAccountedExactlyOnceWhateverHappens() throws Exception {
        int preemptions = 0;
        long lost = 0;
        int completedAfterPreemption = 0;
        for (long seed = 1; seed <= 60; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            Simulation s = new Simulation();
            GpuPool p = new GpuPool(new Pool("p", "h100-sxm", 8, 4, OptionalDouble.of(4.0), GpuSharing.DEFAULTS),
                    Catalog.builtIn().gpu("h100-sxm").orElseThrow(), s, 0, 0);
            Scheduler sched = new Scheduler(s, random.nextBoolean() ? new FirstFit()
                    : new BestFit());
            List<GpuJob> jobs = new ArrayList<>();
            int[] sizes = {1, 2, 4, 8};
            for (int i = 0; i < 6; i++) {
                int priority = random.nextBoolean() ? PriorityClass.TRAIN : PriorityClass.BUILD_PREEMPTIBLE;
                long checkpoint = random.nextBoolean() ? 0 : (1 + random.nextInt(30)) * MIN;
                Job spec = new Job("job" + i, JobType.TRAINING, List.of(p.name()), sizes[random.nextInt(4)],
                        (10 + random.nextInt(110)) * MIN, priority, true, checkpoint, random.nextInt(6) * MIN,
                        random.nextInt(61) * S, 0, 1);
                GpuJob j = new GpuJob(spec, spec.name(), List.of(p), s, sched);
                jobs.add(j);
                s.scheduleAt(random.nextInt(60) * MIN + random.nextInt(1000), j::submit);
            }
            for (int i = 0; i < 8; i++) {
                long at = random.nextInt(300) * MIN + random.nextInt(1000);
                long hold = (1 + random.nextInt(90)) * MIN;
                int gpus = sizes[random.nextInt(3)];
                FakeWorkload replica = new FakeWorkload("replica", new Demand.WholeGpus(gpus), p,
                        a -> s.schedule(hold, () -> sched.release(a)));
                s.scheduleAt(at, () -> sched.submit(replica));
            }
            long end = 10 * 60 * MIN;
            s.runUntil(end);
            for (GpuJob j : jobs) {
                GpuJob.Accounting a = j.accountingAt(end);
                assertAccountedOnce(j, a, end);
                preemptions += a.preemptions();
                lost += a.lostNs();
                if (a.preemptions() > 0 && j.state() == GpuJob.State.COMPLETED) {
                    completedAfterPreemption++;
                }
            }
        }
        // The property was exercised: jobs were evicted, lost work, and came back to finish.
        assertTrue(preemptions > 30, preemptions + " preemptions");
        assertTrue(lost > 0);
        assertTrue(completedAfterPreemption > 10, completedAfterPreemption + " jobs completed after a preemption");
    }
}
