package org.infersim.kernel;

import java.util.Arrays;
import java.util.Objects;

/**
 * The pending events of a {@link Simulation}: a 4-ary min-heap ordered by (time, scheduling
 * order), with cancellable ids. The simulation keeps the clock, checks what its callers pass in
 * and runs the events; this class only stores them.
 *
 * <p>Simulation extends this class rather than holding one, so that the simulation and its queue
 * are one object. Holding it measured slower in the hold benchmark: the extra reference (and the
 * clock passed in on every schedule) made the benchmark's action, schedule() and the heap insert
 * inlined into it, compile to more than C2's InlineSmallCode (2,500 bytes), so the run loop called
 * it instead of inlining it, for a few percent of throughput. The action of the code before this
 * class was split off compiles to just under that limit; this layout keeps it there.
 */
abstract class EventQueue {

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
     * Heap. A 4-ary min-heap of (key, slot), where the key is one long that orders events by
     * (time, sequence). Keys live in the heap array itself so that sifting compares contiguous
     * longs; a 4-ary heap is half as deep as a binary one, and a node's four children share one
     * or two cache lines. Every move of a heap entry updates its slot's heap position, which is
     * what lets cancel() remove an event from the middle of the heap in O(log n) rather than
     * leave a tombstone behind.
     *
     * Keys. Comparing (time, sequence) pairs is what a heap of events naturally does, but equal
     * times are common (with a thousand events pending about a nanosecond apart, as in the hold
     * benchmark at a 1 us mean delay, a pop meets some 0.4 ties on its way down), and every tie
     * costs a mispredicted branch and a detour through a second array. So keys normally pack
     * both into one long:
     *
     *     key = (time - keyBase) << keyShift | tick
     *
     * where the tick is a counter that grows with scheduling order, so among equal times it
     * orders like the sequence number, and keys are unique: sift-down is then a plain minimum
     * over four longs, which C2 compiles to conditional moves. Nothing about the clock's range
     * is assumed. When either half runs out of room (the tick counter reaches 2^keyShift, or an
     * event lies beyond 2^(63 - keyShift) ns of keyBase), rekey() rebuilds every pending key:
     * keyBase moves up to now, ticks are renumbered by rank of sequence number, and keyShift is
     * chosen afresh for the pending events' spread of times and number. Renumbering preserves
     * the order of all pending events, so the heap stays a heap and only the key values are
     * rewritten. The bounds in tickBitsFor() keep this to one O(n log n) rekey per many times n
     * schedules.
     *
     * Exact keys. When the pending events cannot share 63 bits (with a thousand pending, an
     * event more than about ten hours ahead of now; with a million, half a minute; or a timer at
     * Long.MAX_VALUE), the key is the time itself and ties are broken by the sequence number,
     * one indirection away in the slot. That is correct for any times but slower: in the hold
     * benchmark, by some 15% without ties and 30% with them. Composite keys are tried again
     * after a number of schedules proportional to the pending count, which keeps the retries'
     * O(n) scan cheap.
     */

    private static final int INITIAL_CAPACITY = 256;
    /**
     * The heap's key array is longer than its capacity by this much, and every unused element
     * holds {@link Long#MAX_VALUE}, so that sift-down can always read four children without a
     * bounds test on the last, partly filled, group.
     */
    private static final int PADDING = 3;
    private static final int FREE = -1;
    private static final int LAST_GENERATION = Integer.MAX_VALUE;

    /**
     * A rekey leaves room for at least 2^this times as many ticks as there are pending events,
     * so its O(n log n) renumbering is paid for by at least 15n schedules.
     */
    private static final int TICK_SLACK_BITS = 4;
    /**
     * A rekey leaves a time range at least 2^this times the spread of the pending events, so
     * that the clock must advance a good deal before times outgrow it again.
     */
    private static final int TIME_SLACK_BITS = 4;

    // Heap, indexed by heap position 0 .. size-1.
    private long[] heapKey;
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

    // Keys: see the layout comment. With exact keys, keyShift and keyBase are 0, so the same
    // formulas turn a key back into its time in both modes.
    private boolean exactKeys;
    private int keyShift;
    private long keyBase;
    /** Largest {@code time - keyBase} a key can hold; keeps composite keys below the padding. */
    private long relMax;
    /** Masks the tick into the key: all ones below keyShift, 0 with exact keys. */
    private long tickMask;
    private long nextTick;
    /** A schedule rekeys when nextTick reaches this. */
    private long tickLimit;
    /** At most this many tick bits; only tests lower it, to reach rekeys and exact keys quickly. */
    private final int maxTickBits;
    /** Rekeys so far, for tests. */
    private long rekeys;

    private long nextSeq;

    EventQueue(int firstGeneration, int maxTickBits) {
        if (firstGeneration < 1) {
            throw new IllegalArgumentException("first generation must be >= 1");
        }
        this.firstGeneration = firstGeneration;
        this.maxTickBits = maxTickBits;
        allocateHeap(INITIAL_CAPACITY);
        allocateSlots(INITIAL_CAPACITY);
        // Start with exact keys and no ticks, so that the first schedule chooses the keys.
        useExactKeys();
        tickLimit = 0;
    }

    /** The simulation's clock: no pending event is earlier. Read by rekeys only. */
    abstract long now();

    /** Returns how many events are pending. */
    int size() {
        return size;
    }

    /** Returns the time of the first pending event; the queue must not be empty. */
    long firstTime() {
        return timeOfKey(heapKey[0]);
    }

    /** Returns the slot of the first pending event; the queue must not be empty. */
    int firstSlot() {
        return heapSlot[0];
    }

    /** Returns the action of a pending event, by its slot. */
    Runnable action(int slot) {
        return slotAction[slot];
    }

    /**
     * Takes the first pending event off the heap; the caller then frees its slot.
     *
     * <p>Apart from freeSlot on purpose: the two together compile to more than C2's
     * InlineSmallCode (2,500 bytes), so a method doing both, compiled on its own while the run
     * loop is still interpreted, is then never inlined into the loop: a call per event, a few
     * percent of the hold benchmark. The pop alone stays under the limit, as it did when the run
     * loop called it directly.
     */
    void removeFirst() {
        if (exactKeys) {
            removeHeapAt(0);
        } else {
            popUnique();
        }
    }

    /**
     * Adds an event at {@code time}, which is at least {@link #now()}.
     *
     * @return the event's id, positive and never reused
     */
    long insert(long time, Runnable action) {
        Objects.requireNonNull(action, "action");
        if (size == heapCapacity) {
            growHeap();
        }
        long rel = time - keyBase; // >= 0: keyBase <= now <= time
        long tick = nextTick;
        if (rel > relMax || tick >= tickLimit) {
            rekey(time);
            rel = time - keyBase;
            tick = nextTick;
        }
        nextTick = tick + 1;
        int slot = allocateSlot();
        slotAction[slot] = action;
        slotSeq[slot] = nextSeq++;
        siftUpNewest(size++, (rel << keyShift) | (tick & tickMask), slot);
        return ((long) slotGen[slot] << 32) | slot;
    }

    /** Removes a pending event; returns false if the id is not that of a pending event. */
    boolean remove(long eventId) {
        int slot = pendingSlot(eventId);
        if (slot < 0) {
            return false;
        }
        removeHeapAt(slotPos[slot]);
        freeSlot(slot);
        return true;
    }

    /** Returns true if {@code eventId} is the id of a pending event. */
    boolean contains(long eventId) {
        return pendingSlot(eventId) >= 0;
    }

    /** Returns true while keys are times rather than composite keys; for tests. */
    boolean usesExactKeys() {
        return exactKeys;
    }

    /** Returns how many times the pending keys have been rebuilt; for tests. */
    long rekeys() {
        return rekeys;
    }

    // ---------------------------------------------------------------------------------------
    // Keys

    private long timeOfKey(long key) {
        return (key >>> keyShift) + keyBase;
    }

    /**
     * Rebuilds every pending key, for the pending events and one more at {@code incomingTime}:
     * composite keys if they fit with room to spare (see {@link #tickBitsFor}), exact keys if not.
     */
    private void rekey(long incomingTime) {
        rekeys++;
        int n = size;
        long[] hk = heapKey;
        long base = now(); // no pending or future event is earlier
        long maxRel = incomingTime - base;
        for (int p = 0; p < n; p++) {
            maxRel = Math.max(maxRel, timeOfKey(hk[p]) - base);
        }
        int bits = tickBitsFor(maxRel, n);
        if (bits == 0) {
            for (int p = 0; p < n; p++) {
                hk[p] = timeOfKey(hk[p]);
            }
            useExactKeys();
            // A retry that fails costs one O(n) scan; spacing retries by at least 16n schedules
            // keeps that cheap, while the far events that forced exact keys are usually
            // cancelled or run soon enough for composite keys to come back.
            tickLimit = (n + 64L) << TICK_SLACK_BITS;
            return;
        }
        // Ticks become ranks of sequence numbers, which preserves the order among equal times
        // (ticks and sequence numbers both grow with scheduling order), hence the heap order.
        int[] hs = heapSlot;
        long[] seqs = new long[n];
        for (int p = 0; p < n; p++) {
            seqs[p] = slotSeq[hs[p]];
        }
        long[] sorted = seqs.clone();
        Arrays.sort(sorted);
        for (int p = 0; p < n; p++) {
            long rel = timeOfKey(hk[p]) - base;
            hk[p] = (rel << bits) | Arrays.binarySearch(sorted, seqs[p]);
        }
        exactKeys = false;
        keyShift = bits;
        keyBase = base;
        // The largest key, relMax << bits | tickMask, stays below Long.MAX_VALUE, the padding,
        // so that composite keys never tie with anything.
        relMax = (1L << (63 - bits)) - 2;
        tickMask = (1L << bits) - 1;
        tickLimit = 1L << bits;
        nextTick = n;
    }

    /**
     * Returns how many low bits of a composite key to give the tick, for {@code n} pending events
     * whose times lie up to {@code maxRel} after the new base, or 0 if they need exact keys.
     */
    private int tickBitsFor(long maxRel, int n) {
        if (maxRel >= 1L << 62) {
            return 0;
        }
        // Times up to maxRel fit below relMax = 2^(63 - bits) - 2 if bitLength(maxRel + 1)
        // <= 63 - bits.
        int timeBits = Long.SIZE - Long.numberOfLeadingZeros(maxRel + 1) + TIME_SLACK_BITS;
        int minTickBits = Integer.SIZE - Integer.numberOfLeadingZeros(n) + TICK_SLACK_BITS;
        int spare = 63 - timeBits - minTickBits;
        if (spare < 0) {
            return 0;
        }
        // Share the spare bits: more ticks mean fewer renumberings, more time range fewer
        // rebasings.
        int bits = Math.min(minTickBits + spare / 2, maxTickBits);
        return bits < minTickBits ? 0 : bits;
    }

    private void useExactKeys() {
        exactKeys = true;
        keyShift = 0;
        keyBase = 0;
        relMax = Long.MAX_VALUE;
        tickMask = 0;
        nextTick = 0;
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

    /** Frees the slot of an event that has left the heap, or been cancelled. */
    void freeSlot(int slot) {
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
     * Sift-up for an entry just scheduled: it comes after every pending event with the same time
     * (with composite keys its key is larger; with exact keys its sequence number is), so it goes
     * above a parent only if its key is strictly smaller, and sequence numbers need not be read.
     */
    private void siftUpNewest(int pos, long key, int slot) {
        long[] hk = heapKey;
        int[] hs = heapSlot;
        int[] sp = slotPos;
        while (pos > 0) {
            int parent = (pos - 1) >>> 2;
            long pk = hk[parent];
            if (pk <= key) {
                break;
            }
            int ps = hs[parent];
            hk[pos] = pk;
            hs[pos] = ps;
            sp[ps] = pos;
            pos = parent;
        }
        hk[pos] = key;
        hs[pos] = slot;
        sp[slot] = pos;
    }

    /**
     * General sift-up, comparing (key, sequence); used when cancel() refills a hole mid-heap.
     * With composite keys, keys never tie and the sequence is never consulted.
     */
    private void siftUp(int pos, long key, int slot) {
        long[] hk = heapKey;
        int[] hs = heapSlot;
        int[] sp = slotPos;
        long seq = slotSeq[slot];
        while (pos > 0) {
            int parent = (pos - 1) >>> 2;
            long pk = hk[parent];
            int ps = hs[parent];
            if (pk < key || (pk == key && slotSeq[ps] < seq)) {
                break;
            }
            hk[pos] = pk;
            hs[pos] = ps;
            sp[ps] = pos;
            pos = parent;
        }
        hk[pos] = key;
        hs[pos] = slot;
        sp[slot] = pos;
    }

    private void siftDown(int pos, long key, int slot) {
        if (exactKeys) {
            siftDownExact(pos, key, slot);
        } else {
            siftDownUnique(pos, key, slot);
        }
    }

    /**
     * Sift-down for composite keys, which are unique and below the padding: the least of four
     * children is a plain minimum, kept to the simple shape (two values carried through each if)
     * that C2 turns into conditional moves. Carrying a third value (a sequence number), or a
     * pairwise tournament of ternaries, measured at about half the throughput, presumably
     * because C2 then emits branches, which random keys mispredict.
     */
    private void siftDownUnique(int pos, long key, int slot) {
        long[] hk = heapKey;
        int[] hs = heapSlot;
        int[] sp = slotPos;
        int n = size;
        while (true) {
            int first = (pos << 2) + 1;
            if (first >= n) {
                break;
            }
            int best = first;
            long bestKey = hk[first];
            for (int c = first + 1; c < first + 4; c++) {
                long ck = hk[c];
                if (ck < bestKey) {
                    best = c;
                    bestKey = ck;
                }
            }
            if (key < bestKey) {
                break;
            }
            int cs = hs[best];
            hk[pos] = bestKey;
            hs[pos] = cs;
            sp[cs] = pos;
            pos = best;
        }
        hk[pos] = key;
        hs[pos] = slot;
        sp[slot] = pos;
    }

    /**
     * Removes the root with composite keys. The entry moved up from the end of the heap is nearly
     * always among the latest, so rather than compare it with the least child at every level on
     * the way down (Floyd's bottom-up variant), the hole goes all the way down along the least
     * children and the entry is then sifted up from the leaf, which mostly ends at once. That
     * saves a comparison and a branch per level: some 5% of the hold benchmark's throughput.
     */
    private void popUnique() {
        long[] hk = heapKey;
        int[] hs = heapSlot;
        int[] sp = slotPos;
        int n = --size;
        long key = hk[n];
        int slot = hs[n];
        hk[n] = Long.MAX_VALUE;
        if (n == 0) {
            return;
        }
        int pos = 0;
        while (true) {
            int first = (pos << 2) + 1;
            if (first >= n) {
                break;
            }
            int best = first;
            long bestKey = hk[first];
            for (int c = first + 1; c < first + 4; c++) {
                long ck = hk[c];
                if (ck < bestKey) {
                    best = c;
                    bestKey = ck;
                }
            }
            int cs = hs[best];
            hk[pos] = bestKey;
            hs[pos] = cs;
            sp[cs] = pos;
            pos = best;
        }
        while (pos > 0) {
            int parent = (pos - 1) >>> 2;
            long pk = hk[parent];
            if (pk < key) {
                break;
            }
            int ps = hs[parent];
            hk[pos] = pk;
            hs[pos] = ps;
            sp[ps] = pos;
            pos = parent;
        }
        hk[pos] = key;
        hs[pos] = slot;
        sp[slot] = pos;
    }

    /** Sift-down for exact keys (times), which may tie with each other and with the padding. */
    private void siftDownExact(int pos, long key, int slot) {
        long[] hk = heapKey;
        int[] hs = heapSlot;
        int[] sp = slotPos;
        int n = size;
        while (true) {
            int first = (pos << 2) + 1;
            if (first >= n) {
                break;
            }
            // Leftmost and rightmost least child by key alone. Kept to this simple shape on
            // purpose: C2 turns these ifs into conditional moves; a compound (key, sequence)
            // test here defeats that and costs about half the throughput. Equal keys (the two
            // indices differ, or the sifted entry ties with the least child) go to the slow path.
            int best = first;
            long bestKey = hk[first];
            int bestRight = first;
            long bestRightKey = bestKey;
            for (int c = first + 1; c < first + 4; c++) {
                long ck = hk[c];
                if (ck < bestKey) {
                    best = c;
                    bestKey = ck;
                }
                if (ck <= bestRightKey) {
                    bestRight = c;
                    bestRightKey = ck;
                }
            }
            if (key < bestKey) {
                break;
            }
            if (key == bestKey || best != bestRight) {
                best = leastChildOnTie(first, n, bestKey, key, slot);
                if (best < 0) {
                    break;
                }
            }
            int cs = hs[best];
            hk[pos] = bestKey;
            hs[pos] = cs;
            sp[cs] = pos;
            pos = best;
        }
        hk[pos] = key;
        hs[pos] = slot;
        sp[slot] = pos;
    }

    /**
     * Slow path of exact sift-down: returns the least child of the group starting at {@code
     * first} by (key, sequence), given that the least key in the group is {@code bestKey}, or -1
     * if the entry being sifted, ({@code key}, sequence of {@code slot}), precedes it.
     */
    private int leastChildOnTie(int first, int n, long bestKey, long key, int slot) {
        long[] hk = heapKey;
        int[] hs = heapSlot;
        long[] seqs = slotSeq;
        int end = Math.min(first + 4, n); // padding has no slot, so no sequence
        int best = first;
        long bestSeq = Long.MAX_VALUE;
        for (int c = first; c < end; c++) {
            if (hk[c] == bestKey) {
                long cseq = seqs[hs[c]];
                if (cseq < bestSeq) {
                    best = c;
                    bestSeq = cseq;
                }
            }
        }
        if (key == bestKey && seqs[slot] < bestSeq) {
            return -1;
        }
        return best;
    }

    /** Removes the heap entry at {@code pos}; the caller frees its slot. */
    private void removeHeapAt(int pos) {
        int last = --size;
        long key = heapKey[last];
        int slot = heapSlot[last];
        heapKey[last] = Long.MAX_VALUE; // restore the padding invariant
        if (pos == last) {
            return;
        }
        // The entry moved into the hole may belong above it (when removing from the middle) or
        // below it; try upwards first and fall back to downwards if it did not move.
        if (pos > 0) {
            int parent = (pos - 1) >>> 2;
            long pk = heapKey[parent];
            if (key < pk || (key == pk && slotSeq[slot] < slotSeq[heapSlot[parent]])) {
                siftUp(pos, key, slot);
                return;
            }
        }
        siftDown(pos, key, slot);
    }

    private void allocateHeap(int capacity) {
        long[] keys = new long[capacity + PADDING];
        Arrays.fill(keys, Long.MAX_VALUE);
        int[] slots = new int[capacity + PADDING];
        if (heapKey != null) {
            System.arraycopy(heapKey, 0, keys, 0, size);
            System.arraycopy(heapSlot, 0, slots, 0, size);
        }
        heapKey = keys;
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
