package org.infersim.model.cluster;

import java.util.ArrayList;
import java.util.List;
import org.infersim.kernel.Simulation;
import org.infersim.scenario.Job;

/**
 * One copy of a training or build job: it holds whole GPUs until it has done its work.
 *
 * <p>Preempted, it gets a notice and keeps running for its grace period, then is evicted: its
 * progress falls back to its last checkpoint (checkpoints are taken every checkpoint interval of
 * progress, at no cost: an assumption), it gives its GPUs back and waits in the queue. Each time it
 * resumes it first spends its restart cost reloading before it makes progress again. A job whose
 * node a spot interruption takes is evicted the same way, at once.
 *
 * <p>Every nanosecond it holds GPUs is accounted once, as exactly one of: restart overhead, work
 * later lost to an eviction, or progress it kept: {@code runningNs = restartNs + lostNs + progressNs}.
 */
public final class GpuJob implements GpuWorkload {

    /** Where it stands. */
    public enum State { NOT_SUBMITTED, PENDING, RUNNING, TERMINATING, COMPLETED }

    private final Job job;
    private final String name;
    private final Demand demand;
    private final List<GpuPool> pools;
    private final Simulation sim;
    private final Scheduler scheduler;
    private final Runnable complete = this::complete;
    private final Runnable evict = this::evict;

    private State state = State.NOT_SUBMITTED;
    private Allocation allocation;
    private final List<Allocation> allocations = new ArrayList<>(1);
    /** Progress saved when the current run started (0, or a checkpoint). */
    private long savedNs;
    private long runStartNs;
    private long overheadNs;
    private long completionEvent = -1;
    private long evictionEvent = -1;
    private long queuedSinceNs;
    private boolean started;

    private long submittedAtNs = -1;
    private long firstStartNs = -1;
    private long completedAtNs = -1;
    private long runningNs;
    private long restartSpentNs;
    private long lostNs;
    private long waitingNs;
    private long preemptedNs;
    private int preemptions;

    /**
     * @param name  its name in the results: the job's, or {@code job/n} for each of its copies
     * @param pools the job's pools, in its order of preference
     */
    public GpuJob(Job job, String name, List<GpuPool> pools, Simulation sim, Scheduler scheduler) {
        this.job = job;
        this.name = name;
        this.demand = new Demand.WholeGpus(job.gpus());
        this.pools = List.copyOf(pools);
        this.sim = sim;
        this.scheduler = scheduler;
    }

    /** Asks the scheduler for its GPUs. */
    public void submit() {
        if (state != State.NOT_SUBMITTED) {
            throw new IllegalStateException(name + " submitted twice");
        }
        submittedAtNs = sim.now();
        queue();
    }

    private void queue() {
        state = State.PENDING;
        queuedSinceNs = sim.now();
        scheduler.submit(this);
    }

    @Override
    public void placed(Allocation a) {
        long now = sim.now();
        if (started) {
            preemptedNs += now - queuedSinceNs;
        } else {
            waitingNs += now - queuedSinceNs;
            firstStartNs = now;
        }
        overheadNs = started ? job.restartCostNs() : 0;
        started = true;
        allocation = a;
        allocations.add(a);
        state = State.RUNNING;
        runStartNs = now;
        completionEvent = sim.schedule(overheadNs + (job.workNs() - savedNs), complete);
    }

    /** The scheduler needs its GPUs: it stops after its grace period unless it finishes first. */
    void preempt() {
        if (state != State.RUNNING) {
            throw new IllegalStateException(name + " preempted while " + state);
        }
        state = State.TERMINATING;
        evictionEvent = sim.schedule(job.gracePeriodNs(), evict);
    }

    /**
     * Its node was taken back (a spot interruption): it is evicted now, grace period or not, and
     * loses its work since its last checkpoint, as a preemption's eviction does.
     */
    @Override
    public long reclaimed() {
        if (state != State.RUNNING && state != State.TERMINATING) {
            throw new IllegalStateException(name + " lost its node while " + state);
        }
        if (evictionEvent >= 0) {
            sim.cancel(evictionEvent);
        }
        evict();
        return 0;
    }

    private void complete() {
        long now = sim.now();
        if (evictionEvent >= 0) {
            sim.cancel(evictionEvent);
            evictionEvent = -1;
        }
        completionEvent = -1;
        endRun(now);
        savedNs = job.workNs();
        state = State.COMPLETED;
        completedAtNs = now;
        Allocation a = allocation;
        allocation = null;
        scheduler.finished(this, a);
    }

    private void evict() {
        long now = sim.now();
        evictionEvent = -1;
        sim.cancel(completionEvent);
        completionEvent = -1;
        long progress = progressAt(now);
        long every = job.checkpointIntervalNs();
        long checkpoint = every > 0 ? progress / every * every : 0;
        lostNs += progress - checkpoint;
        endRun(now);
        savedNs = checkpoint;
        preemptions++;
        Allocation a = allocation;
        allocation = null;
        scheduler.evicted(this, a);
        queue();
    }

    private void endRun(long now) {
        runningNs += now - runStartNs;
        restartSpentNs += Math.min(overheadNs, now - runStartNs);
    }

    /** Work it would lose if evicted at this instant: its progress since its last checkpoint. */
    long workAtRiskNs(long t) {
        long progress = progressAt(t);
        long every = job.checkpointIntervalNs();
        return every > 0 ? progress % every : progress;
    }

    /** Work done by an instant of the current run: what was saved plus what it has done since its restart. */
    private long progressAt(long t) {
        if (state != State.RUNNING && state != State.TERMINATING) {
            return savedNs;
        }
        long done = Math.max(0, t - runStartNs - overheadNs);
        return savedNs + Math.min(done, job.workNs() - savedNs);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return job.type().label();
    }

    @Override
    public int priority() {
        return job.priority();
    }

    public boolean preemptible() {
        return job.preemptible();
    }

    @Override
    public Demand demand(GpuPool pool) {
        return demand;
    }

    @Override
    public List<GpuPool> pools() {
        return pools;
    }

    public State state() {
        return state;
    }

    public int gpus() {
        return job.gpus();
    }

    public long workNs() {
        return job.workNs();
    }

    /** When it asks for GPUs (the run submits it then). */
    public long submitAtNs() {
        return job.submitAtNs();
    }

    /** Its GPUs now; null while it waits. */
    public Allocation allocation() {
        return allocation;
    }

    /** Every hold it had on GPUs, the current one last. */
    public List<Allocation> allocations() {
        return List.copyOf(allocations);
    }

    /** A snapshot of its accounting at an instant (the end of the run, say), the current run included. */
    public Accounting accountingAt(long nowNs) {
        boolean holding = state == State.RUNNING || state == State.TERMINATING;
        long running = runningNs + (holding ? nowNs - runStartNs : 0);
        long restart = restartSpentNs + (holding ? Math.min(overheadNs, nowNs - runStartNs) : 0);
        long queued = state == State.PENDING ? nowNs - queuedSinceNs : 0;
        return new Accounting(submittedAtNs, firstStartNs, completedAtNs, running, restart, lostNs, progressAt(nowNs),
                waitingNs + (started ? 0 : queued), preemptedNs + (started ? queued : 0), preemptions);
    }

    /**
     * Where its time went, in nanoseconds.
     *
     * @param runningNs   holding GPUs (restart overhead and grace periods included)
     * @param restartNs   reloading after a resume
     * @param lostNs      work thrown away by evictions (done after the last checkpoint)
     * @param progressNs  work kept
     * @param waitingNs   queued before its first start
     * @param preemptedNs queued after evictions, before it resumed
     */
    public record Accounting(long submittedAtNs, long firstStartNs, long completedAtNs, long runningNs,
                             long restartNs, long lostNs, long progressNs, long waitingNs, long preemptedNs,
                             int preemptions) {}
}
