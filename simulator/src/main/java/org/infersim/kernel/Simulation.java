package org.infersim.kernel;

/**
 * A single-threaded discrete-event simulation kernel.
 *
 * <p>Time is a primitive {@code long} in nanoseconds and starts at 0. Events are {@link Runnable}
 * actions scheduled at a point in simulated time; they run in order of time, and events scheduled
 * for the same time run in the order they were scheduled (FIFO). Every scheduled event gets an id,
 * unique for the life of the simulation, with which it can be cancelled while it is still pending.
 *
 * <p>Actions may schedule and cancel events and may call {@link #stop()}. An exception thrown by an
 * action propagates out of the {@code run*} method that ran it; the event that threw has already
 * been removed from the queue, and the simulation may be run again afterwards.
 *
 * <p>Not thread-safe: one simulation belongs to one thread. Parallelism comes from running many
 * simulations, never from inside one.
 */
public final class Simulation extends EventQueue {

    /*
     * The pending events live in the EventQueue this class extends (one object, for speed: see
     * EventQueue): a 4-ary heap over parallel primitive arrays, with ids that cancel() resolves
     * in two array reads and keys that order (time, scheduling order) as one long. Its layout
     * comment says why it is built that way. This class is the clock, the checks on what callers
     * pass in, and the run loop.
     */

    private long now;
    private long eventsProcessed;
    private boolean stopRequested;
    private boolean running;

    /** Creates an empty simulation whose clock reads 0. */
    public Simulation() {
        this(1); // generation 0 would make slot 0's first id 0, which is not > 0
    }

    /** For tests: slots start at {@code firstGeneration}, to reach their retirement quickly. */
    Simulation(int firstGeneration) {
        this(firstGeneration, Long.SIZE);
    }

    /** For tests: keys have at most {@code maxTickBits} tick bits, to reach rekeys and exact keys quickly. */
    Simulation(int firstGeneration, int maxTickBits) {
        super(firstGeneration, maxTickBits);
    }

    /** Returns the current simulated time in nanoseconds. */
    @Override
    public long now() {
        return now;
    }

    /**
     * Schedules {@code action} to run {@code delayNs} nanoseconds from now.
     *
     * @param delayNs delay in nanoseconds, at least 0; 0 runs after the events already pending for now
     * @param action what to do; not null
     * @return the event's id, positive and never reused, for {@link #cancel} and {@link #isPending}
     * @throws IllegalArgumentException if {@code delayNs} is negative or {@code now() + delayNs}
     *     overflows
     * @throws NullPointerException if {@code action} is null
     */
    public long schedule(long delayNs, Runnable action) {
        if (delayNs < 0) {
            throw new IllegalArgumentException("delay must be >= 0 ns, got " + delayNs);
        }
        long at = now + delayNs;
        if (at < 0) {
            throw new IllegalArgumentException(
                    "now (" + now + " ns) + delay (" + delayNs + " ns) overflows the clock");
        }
        return insert(at, action);
    }

    /**
     * Schedules {@code action} to run at absolute time {@code timeNs}.
     *
     * @param timeNs absolute time in nanoseconds, at least {@link #now()}
     * @param action what to do; not null
     * @return the event's id, positive and never reused
     * @throws IllegalArgumentException if {@code timeNs < now()}
     * @throws NullPointerException if {@code action} is null
     */
    public long scheduleAt(long timeNs, Runnable action) {
        if (timeNs < now) {
            throw new IllegalArgumentException(
                    "cannot schedule at " + timeNs + " ns, in the past of now = " + now + " ns");
        }
        return insert(timeNs, action);
    }

    /**
     * Cancels a pending event so that it never runs.
     *
     * @return true if the event was pending and is now cancelled; false if it has already run
     *     (or is running), was already cancelled, or the id is unknown
     */
    public boolean cancel(long eventId) {
        return remove(eventId);
    }

    /** Returns true if the event has been scheduled and has neither run nor been cancelled. */
    public boolean isPending(long eventId) {
        return contains(eventId);
    }

    /**
     * Runs events in time order until none are left or {@link #stop()} is called. The clock is left
     * at the time of the last event run.
     *
     * @throws IllegalStateException if called from inside an action of this simulation
     */
    public void run() {
        runLoop(Long.MAX_VALUE);
    }

    /**
     * Runs every event whose time is at most {@code timeNs}, then, unless {@link #stop()} was
     * called, advances the clock to {@code timeNs}. Later events stay pending.
     *
     * @throws IllegalArgumentException if {@code timeNs < now()}
     * @throws IllegalStateException if called from inside an action of this simulation
     */
    public void runUntil(long timeNs) {
        if (timeNs < now) {
            throw new IllegalArgumentException(
                    "cannot run until " + timeNs + " ns, in the past of now = " + now + " ns");
        }
        if (runLoop(timeNs)) {
            now = timeNs;
        }
    }

    /**
     * Equivalent to {@code runUntil(now() + durationNs)}; a horizon past the end of the clock's
     * range is clamped to {@link Long#MAX_VALUE}.
     *
     * @throws IllegalArgumentException if {@code durationNs} is negative
     */
    public void runFor(long durationNs) {
        if (durationNs < 0) {
            throw new IllegalArgumentException("duration must be >= 0 ns, got " + durationNs);
        }
        long horizon = now + durationNs;
        runUntil(horizon < 0 ? Long.MAX_VALUE : horizon);
    }

    /**
     * Makes the current {@code run}, {@code runUntil} or {@code runFor} return once the event now
     * running finishes. Outside a run it has no effect: each run starts afresh.
     */
    public void stop() {
        stopRequested = true;
    }

    /** Returns how many events have been run (cancelled events are not counted). */
    public long eventsProcessed() {
        return eventsProcessed;
    }

    /** Returns how many events are scheduled and not yet run or cancelled. */
    public int pendingEvents() {
        return size();
    }

    // ---------------------------------------------------------------------------------------
    // Event loop

    /** Returns true if the loop ended because no event at or before {@code horizon} remained. */
    private boolean runLoop(long horizon) {
        if (running) {
            // A nested run would pop events out from under the outer loop's feet.
            throw new IllegalStateException("run* called from inside an event action");
        }
        running = true;
        stopRequested = false;
        try {
            while (size() > 0) {
                long t = firstTime();
                if (t > horizon) {
                    return true;
                }
                if (t < now) {
                    // Unreachable unless the heap is corrupt; better to fail loudly than to let
                    // a model observe time flowing backwards.
                    throw new IllegalStateException(
                            "clock would go backwards: event at " + t + " ns, now = " + now + " ns");
                }
                // Take the event out completely before running it, so that the action sees a
                // consistent queue (the event is no longer pending and cannot cancel itself) and
                // so that an exception leaves nothing half-removed. Separate steps for the
                // JIT's sake: see EventQueue.removeFirst.
                int slot = firstSlot();
                Runnable action = action(slot);
                removeFirst();
                freeSlot(slot);
                now = t;
                eventsProcessed++;
                action.run();
                if (stopRequested) {
                    return false;
                }
            }
            return true;
        } finally {
            running = false;
        }
    }
}
