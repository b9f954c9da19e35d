package org.infersim.model.cluster;

import java.util.ArrayList;
import java.util.List;
import org.infersim.kernel.Simulation;

/**
 * A GPU shared by replicas that run their iterations on it at once, modelled as processor
 * sharing: every busy tenant progresses through its iteration's work at a rate that depends on
 * who else is busy at that moment, and whenever a tenant starts or finishes an iteration the
 * rates change and the completion of every iteration in flight is rescheduled for the work it
 * has left. Work is measured in nanoseconds of the tenant running alone.
 *
 * <p>Time-slicing (the NVIDIA default, and Run:ai fractions): the GPU runs one context at a time
 * and hands it round, so each of the n busy tenants progresses at 1/n whatever its fraction; an
 * idle tenant costs its neighbours nothing. Handing the GPU from one tenant to another costs a
 * context switch: an iteration pays one when it starts while another tenant is busy, or when
 * another tenant ran since its own last iteration. (Time slices are 2-30 ms, about an iteration,
 * so one switch per iteration is the right order.)
 *
 * <p>MPS: tenants' kernels run concurrently, each on its configured share of the SMs (already in
 * its standalone work), and slow each other through the memory system they share: a tenant runs
 * at 1 / (1 + interference × the SM shares of its busy neighbours). The linear form is an
 * assumption; its one coefficient is fitted on the measurement in {@link
 * org.infersim.scenario.GpuSharing#DEFAULTS}.
 */
public final class SharedGpu {
    private final Simulation sim;
    private final SharingMode mode;
    private final long contextSwitchNs;
    private final double interference;
    private final long measuredFromNs;
    private final List<Tenant> tenants = new ArrayList<>(4);
    private int busy;
    private Tenant lastStarted;
    private long updatedNs;
    private long busySinceNs;
    private long busyNs;

    /**
     * @param measuredFromNs busy time before this instant (the warm-up) is not counted
     */
    SharedGpu(Simulation sim, SharingMode mode, long contextSwitchNs, double interference, long measuredFromNs) {
        if (mode != SharingMode.TIME_SLICING && mode != SharingMode.MPS) {
            throw new IllegalArgumentException("processor sharing is for time-slicing and MPS, not " + mode);
        }
        this.sim = sim;
        this.mode = mode;
        this.contextSwitchNs = contextSwitchNs;
        this.interference = interference;
        this.measuredFromNs = measuredFromNs;
    }

    /** One workload running iterations on this GPU. */
    public final class Tenant {
        private final String name;
        private final double computeShare;
        private final Runnable finish = this::finish;
        private boolean running;
        private double remainingNs;
        private double rate;
        private long eventId = -1;
        private Runnable whenDone;
        private long runningSinceNs;
        private long runningNs;

        private Tenant(String name, double computeShare) {
            this.name = name;
            this.computeShare = computeShare;
        }

        /**
         * Starts an iteration of {@code workNs} (its duration on this GPU with no busy neighbour);
         * {@code whenDone} runs when it completes, however the neighbours stretched it.
         */
        public void begin(long workNs, Runnable whenDone) {
            if (running) {
                throw new IllegalStateException(name + " started an iteration while one is in flight");
            }
            long now = sim.now();
            advance(now);
            double work = workNs;
            if (mode == SharingMode.TIME_SLICING && (busy > 0 || (lastStarted != null && lastStarted != this))) {
                work += contextSwitchNs;
            }
            lastStarted = this;
            running = true;
            remainingNs = work;
            rate = 0;
            this.whenDone = whenDone;
            runningSinceNs = now;
            if (busy++ == 0) {
                busySinceNs = now;
            }
            reschedule();
        }

        private void finish() {
            eventId = -1;
            end();
            Runnable done = whenDone;
            whenDone = null;
            done.run();
        }

        /** Whether an iteration of its is in flight. */
        public boolean inIteration() {
            return running;
        }

        /** Its GPU is gone (a spot interruption): the iteration in flight stops unfinished, and nobody is told. */
        public void abort() {
            if (!running) {
                return;
            }
            if (eventId >= 0) {
                sim.cancel(eventId);
                eventId = -1;
            }
            whenDone = null;
            end();
        }

        /** The iteration in flight is over, finished or not: the others' rates change. */
        private void end() {
            long now = sim.now();
            advance(now);
            running = false;
            remainingNs = 0;
            runningNs += now - runningSinceNs;
            if (--busy == 0) {
                busyNs += measured(busySinceNs, now);
            }
            reschedule();
        }

        /** Its rate now, as a fraction of its standalone speed (0 when idle). */
        public double rate() {
            return running ? rate : 0;
        }

        /** Wall time it had an iteration in flight, up to now. */
        public long runningNs() {
            return runningNs + (running ? sim.now() - runningSinceNs : 0);
        }
    }

    /** A new tenant, idle until its first iteration. */
    public Tenant join(String name, double computeShare) {
        Tenant t = new Tenant(name, computeShare);
        tenants.add(t);
        return t;
    }

    /** A tenant lets its share go; it must be between iterations. */
    void leave(Tenant t) {
        if (t.running) {
            throw new IllegalStateException(t.name + " left a shared GPU in the middle of an iteration");
        }
        tenants.remove(t);
        if (lastStarted == t) {
            lastStarted = null;
        }
    }

    /** Takes away each running tenant's progress since the last change of rates. */
    private void advance(long now) {
        long dt = now - updatedNs;
        updatedNs = now;
        if (dt == 0) {
            return;
        }
        for (int i = 0, n = tenants.size(); i < n; i++) {
            Tenant t = tenants.get(i);
            if (t.running) {
                t.remainingNs = Math.max(0, t.remainingNs - t.rate * dt);
            }
        }
    }

    /** New rates for the tenants busy now; an iteration whose rate changed gets a new completion time. */
    private void reschedule() {
        for (int i = 0, n = tenants.size(); i < n; i++) {
            Tenant t = tenants.get(i);
            if (!t.running) {
                continue;
            }
            double r = rateOf(t);
            if (r == t.rate && t.eventId >= 0) {
                continue;
            }
            if (t.eventId >= 0) {
                sim.cancel(t.eventId);
            }
            t.rate = r;
            t.eventId = sim.schedule((long) Math.ceil(t.remainingNs / r), t.finish);
        }
    }

    private double rateOf(Tenant t) {
        if (mode == SharingMode.TIME_SLICING) {
            return 1.0 / busy;
        }
        double neighbours = 0;
        for (int i = 0, n = tenants.size(); i < n; i++) {
            Tenant o = tenants.get(i);
            if (o != t && o.running) {
                neighbours += o.computeShare;
            }
        }
        return 1.0 / (1.0 + interference * neighbours);
    }

    private long measured(long from, long to) {
        return Math.max(0, to - Math.max(from, measuredFromNs));
    }

    /** Time at least one tenant was busy, after the warm-up, up to now. */
    public long busyNs() {
        return busyNs + (busy > 0 ? measured(busySinceNs, sim.now()) : 0);
    }

}
