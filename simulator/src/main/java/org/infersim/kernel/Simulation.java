package org.infersim.kernel;

import java.util.Arrays;
import java.util.Objects;

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
public final class Simulation {

    /*
     * Layout. Everything lives in parallel primitive arrays, so that the hot path allocates
     * nothing and the garbage collector sees a handful of arrays rather than an object per event.
     *
     * Slots. Each pending event occupies a slot: an index into arrays holding its action, its
     * scheduling sequence number and its current heap position. Freed slots are reused (LIFO, so
     * the hottest slots stay in cache). The event id packs the slot with that slot's generation,
     * id = generation << 32 | slot, so cancel() finds the event with two array reads and no
     * hashing. The generation is bumped whenever the slot is freed, which makes every id
     * unique: when a slot's generation is about to overflow, the slot is retired for good
     * instead of being recycled, so an id can never come back, however long a caller keeps it.
     * Retiring costs one slot per 2^31 events that used it, which is nothing.
     *
     * Heap. A 4-ary min-heap of (time, slot), ordered by (time, sequence). Times live in the heap
     * array itself so that sifting compares contiguous longs; a 4-ary heap is half as deep as a
     * binary one, and a node's four children share one or two cache lines. Sequence numbers are
     * one indirection away, in the slot: they are only needed when times are equal. Every move
     * of a heap entry updates its slot's heap position, which is what lets cancel() remove an
     * event from the middle of the heap in O(log n) rather than leave a tombstone behind.
     */

    private static final int INITIAL_CAPACITY = 256;
    /**
     * The heap's time array is longer than its capacity by this much, and every unused element
     * holds {@link Long#MAX_VALUE}, so that sift-down can always read four children without a
     * bounds test on the last, partly filled, group.
     */
    private static final int PADDING = 3;
    private static final int FREE = -1;
    private static final int LAST_GENERATION = Integer.MAX_VALUE;

    // Heap, indexed by heap position 0 .. size-1.
    private long[] heapTime;
    private int[] heapSlot;
    private int heapCapacity;
    private int size;

    // Slots, indexed by slot number.
    private Runnable[] slotAction;
    private long[] slotSeq;
    /** Heap position of the slot's event, or {@link #FREE}. */
    private int[] slotPos;
    /** Generation of the slot's current event, or of its next one while the slot is free. */
    private int[] slotGen;
    /** Stack of free slot numbers. */
    private int[] freeSlots;
    private int freeCount;
    /** Slots numbered from here up have never been used. */
    private int freshSlot;

    /** Generation of a slot's first event; only tests start it elsewhere, to reach retirement. */
    private final int firstGeneration;

    private long nextSeq;
    private long now;
    private long eventsProcessed;
    private boolean stopRequested;
    private boolean running;

    /** Creates an empty simulation whose clock reads 0. */
    public Simulation() {
        this(1); // generation 0 would make slot 0's first id 0, which is not > 0
    }

    Simulation(int firstGeneration) {
        if (firstGeneration < 1) {
            throw new IllegalArgumentException("first generation must be >= 1");
        }
        this.firstGeneration = firstGeneration;
        allocateHeap(INITIAL_CAPACITY);
        allocateSlots(INITIAL_CAPACITY);
    }

    /** Returns the current simulated time in nanoseconds. */
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
        int slot = pendingSlot(eventId);
        if (slot < 0) {
            return false;
        }
        removeHeapAt(slotPos[slot]);
        freeSlot(slot);
        return true;
    }

    /** Returns true if the event has been scheduled and has neither run nor been cancelled. */
    public boolean isPending(long eventId) {
        return pendingSlot(eventId) >= 0;
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
        return size;
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
            while (size > 0) {
                long t = heapTime[0];
                if (t > horizon) {
                    return true;
                }
                if (t < now) {
                    // Unreachable unless the heap is corrupt; better to fail loudly than to let
                    // a model observe time flowing backwards.
                    throw new IllegalStateException(
                            "clock would go backwards: event at " + t + " ns, now = " + now + " ns");
                }
                int slot = heapSlot[0];
                Runnable action = slotAction[slot];
                // Take the event out completely before running it, so that the action sees a
                // consistent queue (the event is no longer pending and cannot cancel itself) and
                // so that an exception leaves nothing half-removed.
                removeHeapAt(0);
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

    private long insert(long time, Runnable action) {
        Objects.requireNonNull(action, "action");
        if (size == heapCapacity) {
            growHeap();
        }
        int slot = allocateSlot();
        slotAction[slot] = action;
        slotSeq[slot] = nextSeq++;
        siftUpNewest(size++, time, slot);
        return ((long) slotGen[slot] << 32) | slot;
    }

    // ---------------------------------------------------------------------------------------
    // Slots

    /** Returns the slot of {@code eventId} if that event is pending, else -1. */
    private int pendingSlot(long eventId) {
        long slot = eventId & 0xFFFF_FFFFL;
        if (eventId <= 0 || slot >= freshSlot) {
            return -1;
        }
        int s = (int) slot;
        if (slotGen[s] != (int) (eventId >>> 32) || slotPos[s] == FREE) {
            return -1;
        }
        return s;
    }

    private int allocateSlot() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (freshSlot == slotAction.length) {
            // Only retired slots can make the slot arrays outgrow the heap.
            allocateSlots(slotAction.length * 2);
        }
        int slot = freshSlot++;
        slotGen[slot] = firstGeneration;
        return slot;
    }

    private void freeSlot(int slot) {
        slotAction[slot] = null; // let the action be collected
        slotPos[slot] = FREE;
        int gen = slotGen[slot];
        if (gen == LAST_GENERATION) {
            return; // retired: leaving it off the free list keeps its ids from ever recurring
        }
        slotGen[slot] = gen + 1;
        freeSlots[freeCount++] = slot;
    }

    private void allocateSlots(int capacity) {
        if (capacity < 0) {
            throw new IllegalStateException("too many event slots");
        }
        slotAction = slotAction == null ? new Runnable[capacity] : Arrays.copyOf(slotAction, capacity);
        slotSeq = slotSeq == null ? new long[capacity] : Arrays.copyOf(slotSeq, capacity);
        slotPos = slotPos == null ? new int[capacity] : Arrays.copyOf(slotPos, capacity);
        slotGen = slotGen == null ? new int[capacity] : Arrays.copyOf(slotGen, capacity);
        freeSlots = freeSlots == null ? new int[capacity] : Arrays.copyOf(freeSlots, capacity);
    }

    // ---------------------------------------------------------------------------------------
    // 4-ary heap. Sifting moves a "hole" rather than swapping, writing each displaced entry once.
    //
    // The array fields are copied into locals in each method: actions may reallocate them (by
    // scheduling enough to grow the heap), so they are never cached across an action's run.

    /**
     * Sift-up for an entry just scheduled: its sequence number is the largest of all, so it goes above a parent
     * only if its time is strictly earlier, and sequence numbers need not be looked at.
     */
    private void siftUpNewest(int pos, long time, int slot) {
        long[] ht = heapTime;
        int[] hs = heapSlot;
        int[] sp = slotPos;
        while (pos > 0) {
            int parent = (pos - 1) >>> 2;
            long pt = ht[parent];
            if (pt <= time) {
                break;
            }
            int ps = hs[parent];
            ht[pos] = pt;
            hs[pos] = ps;
            sp[ps] = pos;
            pos = parent;
        }
        ht[pos] = time;
        hs[pos] = slot;
        sp[slot] = pos;
    }

    /** General sift-up, comparing (time, sequence); used when cancel() refills a hole mid-heap. */
    private void siftUp(int pos, long time, int slot) {
        long[] ht = heapTime;
        int[] hs = heapSlot;
        int[] sp = slotPos;
        long seq = slotSeq[slot];
        while (pos > 0) {
            int parent = (pos - 1) >>> 2;
            long pt = ht[parent];
            int ps = hs[parent];
            if (pt < time || (pt == time && slotSeq[ps] < seq)) {
                break;
            }
            ht[pos] = pt;
            hs[pos] = ps;
            sp[ps] = pos;
            pos = parent;
        }
        ht[pos] = time;
        hs[pos] = slot;
        sp[slot] = pos;
    }

    private void siftDown(int pos, long time, int slot) {
        long[] ht = heapTime;
        int[] hs = heapSlot;
        int[] sp = slotPos;
        int n = size;
        while (true) {
            int first = (pos << 2) + 1;
            if (first >= n) {
                break;
            }
            // Leftmost and rightmost least child by time alone. Kept to this simple shape on
            // purpose: C2 turns these ifs into conditional moves, which is what makes the heap
            // fast on random keys; a compound (time, sequence) test here defeats that and costs
            // about half the throughput. Equal times (the two indices differ, or the sifted entry
            // ties with the least child) go to the slow path.
            int best = first;
            long bestTime = ht[first];
            int bestRight = first;
            long bestRightTime = bestTime;
            for (int c = first + 1; c < first + 4; c++) {
                long ct = ht[c];
                if (ct < bestTime) {
                    best = c;
                    bestTime = ct;
                }
                if (ct <= bestRightTime) {
                    bestRight = c;
                    bestRightTime = ct;
                }
            }
            if (time < bestTime) {
                break;
            }
            if (time == bestTime || best != bestRight) {
                best = leastChildByTimeAndSeq(first, n, time, slot);
                if (best < 0) {
                    break;
                }
                bestTime = ht[best];
            }
            int cs = hs[best];
            ht[pos] = bestTime;
            hs[pos] = cs;
            sp[cs] = pos;
            pos = best;
        }
        ht[pos] = time;
        hs[pos] = slot;
        sp[slot] = pos;
    }

    /**
     * Slow path of sift-down for equal times: returns the least child of the group starting at
     * {@code first} by (time, sequence), or -1 if the entry being sifted, ({@code time},
     * sequence of {@code slot}), precedes it and so belongs above the group.
     */
    private int leastChildByTimeAndSeq(int first, int n, long time, int slot) {
        long[] ht = heapTime;
        int[] hs = heapSlot;
        long[] seqs = slotSeq;
        int end = Math.min(first + 4, n);
        int best = first;
        long bestTime = ht[first];
        long bestSeq = seqs[hs[first]];
        for (int c = first + 1; c < end; c++) {
            long ct = ht[c];
            long cseq = seqs[hs[c]];
            if (ct < bestTime || (ct == bestTime && cseq < bestSeq)) {
                best = c;
                bestTime = ct;
                bestSeq = cseq;
            }
        }
        if (time < bestTime || (time == bestTime && seqs[slot] < bestSeq)) {
            return -1;
        }
        return best;
    }

    /** Removes the heap entry at {@code pos}; the caller frees its slot. */
    private void removeHeapAt(int pos) {
        int last = --size;
        long t = heapTime[last];
        int slot = heapSlot[last];
        heapTime[last] = Long.MAX_VALUE; // restore the padding invariant
        if (pos == last) {
            return;
        }
        // The entry moved into the hole may belong above it (when removing from the middle) or
        // below it; try upwards first and fall back to downwards if it did not move.
        if (pos > 0) {
            int parent = (pos - 1) >>> 2;
            long pt = heapTime[parent];
            if (t < pt || (t == pt && slotSeq[slot] < slotSeq[heapSlot[parent]])) {
                siftUp(pos, t, slot);
                return;
            }
        }
        siftDown(pos, t, slot);
    }

    private void allocateHeap(int capacity) {
        long[] times = new long[capacity + PADDING];
        Arrays.fill(times, Long.MAX_VALUE);
        int[] slots = new int[capacity + PADDING];
        if (heapTime != null) {
            System.arraycopy(heapTime, 0, times, 0, size);
            System.arraycopy(heapSlot, 0, slots, 0, size);
        }
        heapTime = times;
        heapSlot = slots;
        heapCapacity = capacity;
    }

    private void growHeap() {
        int capacity = heapCapacity * 2;
        if (capacity <= 0 || capacity > Integer.MAX_VALUE - PADDING) {
            throw new IllegalStateException("too many pending events: " + size);
        }
        allocateHeap(capacity);
        if (slotAction.length < capacity) {
            allocateSlots(capacity);
        }
    }
}
