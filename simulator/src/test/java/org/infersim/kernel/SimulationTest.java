package org.infersim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

class SimulationTest {

    @Test
    void clockStartsAtZeroWithNothingPending() {
        Simulation sim = new Simulation();
        assertEquals(0, sim.now());
        assertEquals(0, sim.pendingEvents());
        assertEquals(0, sim.eventsProcessed());
        sim.run(); // nothing to do, must simply return
        assertEquals(0, sim.now());
    }

    @Test
    void equalTimesRunInSchedulingOrder() {
        Simulation sim = new Simulation();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int n = i;
            sim.schedule(5, () -> order.add(n));
        }
        sim.run();
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, order.get(i));
        }
    }

    @Test
    void zeroDelayFromAnActionRunsAfterEventsAlreadyDueNow() {
        Simulation sim = new Simulation();
        List<String> order = new ArrayList<>();
        sim.schedule(10, () -> {
            order.add("a");
            sim.schedule(0, () -> order.add("c"));
        });
        sim.schedule(10, () -> order.add("b"));
        sim.run();
        assertEquals(List.of("a", "b", "c"), order);
    }

    @Test
    void eventsRunInTimeOrderForRandomTimes() {
        Random rnd = new Random(42);
        Simulation sim = new Simulation();
        int n = 20_000;
        long[] times = new long[n];
        List<Integer> ran = new ArrayList<>();
        List<Long> clockAtRun = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int idx = i;
            times[i] = rnd.nextInt(5_000); // narrow range forces many ties
            sim.scheduleAt(times[i], () -> {
                ran.add(idx);
                clockAtRun.add(sim.now());
            });
        }
        // Reference: stable sort by time keeps scheduling order among ties.
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(i);
        }
        expected.sort(Comparator.comparingLong(i -> times[i]));

        sim.run();

        assertEquals(expected, ran);
        for (int k = 0; k < n; k++) {
            assertEquals(times[ran.get(k)], clockAtRun.get(k));
        }
        assertEquals(times[expected.get(n - 1)], sim.now());
        assertEquals(n, sim.eventsProcessed());
    }

    @Test
    void idsArePositiveAndUnique() {
        Simulation sim = new Simulation();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            long id = sim.schedule(i % 7, () -> { });
            assertTrue(id > 0);
            assertTrue(seen.add(id));
        }
        sim.run();
        long next = sim.schedule(1, () -> { });
        assertFalse(seen.contains(next), "an id must not be reused after its event ran");
    }

    @Test
    void idsAreNeverReusedWhenASlotRunsOutOfGenerations() {
        // Start slots two generations short of the end, so one slot is retired within a few events.
        Simulation sim = new Simulation(Integer.MAX_VALUE - 2);
        Set<Long> seen = new HashSet<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long id = sim.schedule(1, () -> { }); // one pending at a time: the same slot is reused
            assertTrue(id > 0);
            assertTrue(seen.add(id), "id " + id + " was issued twice");
            ids.add(id);
            sim.run();
        }
        for (long id : ids) {
            assertFalse(sim.isPending(id));
            assertFalse(sim.cancel(id));
        }
    }

    @Test
    void aForgedIdForAFreeSlotIsNotPending() {
        Simulation sim = new Simulation();
        long id = sim.schedule(1, () -> { });
        sim.run();
        // The slot is free now; the id its next occupant would get must not be pending yet.
        long next = id + (1L << 32);
        assertFalse(sim.isPending(next));
        assertFalse(sim.cancel(next));
        assertEquals(next, sim.schedule(1, () -> { }), "this test assumes the id = generation << 32 | slot layout");
        assertTrue(sim.isPending(next));
    }

    @Test
    void cancelledEventDoesNotRun() {
        Simulation sim = new Simulation();
        boolean[] ran = new boolean[2];
        long a = sim.schedule(10, () -> ran[0] = true);
        sim.schedule(20, () -> ran[1] = true);
        assertTrue(sim.isPending(a));
        assertTrue(sim.cancel(a));
        assertFalse(sim.isPending(a));
        assertFalse(sim.cancel(a), "second cancel of the same event");
        sim.run();
        assertFalse(ran[0]);
        assertTrue(ran[1]);
        assertEquals(1, sim.eventsProcessed());
    }

    @Test
    void anEventCanCancelAPendingSibling() {
        Simulation sim = new Simulation();
        List<String> order = new ArrayList<>();
        long[] victim = new long[1];
        boolean[] cancelled = new boolean[1];
        sim.schedule(5, () -> {
            order.add("canceller");
            cancelled[0] = sim.cancel(victim[0]);
        });
        victim[0] = sim.schedule(5, () -> order.add("victim")); // same time, later in FIFO order
        sim.schedule(6, () -> order.add("bystander"));
        sim.run();
        assertTrue(cancelled[0]);
        assertEquals(List.of("canceller", "bystander"), order);
    }

    @Test
    void anEventCannotCancelItselfWhileRunning() {
        Simulation sim = new Simulation();
        long[] self = new long[1];
        boolean[] result = {true, true};
        self[0] = sim.schedule(1, () -> {
            result[0] = sim.isPending(self[0]);
            result[1] = sim.cancel(self[0]);
        });
        sim.run();
        assertFalse(result[0]);
        assertFalse(result[1]);
    }

    @Test
    void cancellingAnAlreadyRunEventReturnsFalse() {
        Simulation sim = new Simulation();
        long id = sim.schedule(1, () -> { });
        sim.run();
        assertFalse(sim.isPending(id));
        assertFalse(sim.cancel(id));
    }

    @Test
    void cancellingAnUnknownIdReturnsFalse() {
        Simulation sim = new Simulation();
        sim.schedule(1, () -> { });
        assertFalse(sim.cancel(0));
        assertFalse(sim.cancel(-3));
        assertFalse(sim.cancel(999_999));
        assertFalse(sim.isPending(999_999));
        assertEquals(1, sim.pendingEvents());
    }

    @Test
    void runUntilLeavesClockAtHorizonAndLaterEventsPending() {
        Simulation sim = new Simulation();
        List<Long> ran = new ArrayList<>();
        sim.schedule(100, () -> ran.add(sim.now()));
        sim.schedule(200, () -> ran.add(sim.now()));
        long late = sim.schedule(201, () -> ran.add(sim.now()));
        sim.runUntil(200);
        assertEquals(List.of(100L, 200L), ran, "events at the horizon itself run");
        assertEquals(200, sim.now());
        assertTrue(sim.isPending(late));
        assertEquals(1, sim.pendingEvents());

        sim.runUntil(150 + 200);
        assertEquals(350, sim.now(), "clock advances to the horizon even past the last event");
        assertEquals(List.of(100L, 200L, 201L), ran);
    }

    @Test
    void runForAdvancesRelativeToNow() {
        Simulation sim = new Simulation();
        sim.runFor(1_000);
        assertEquals(1_000, sim.now());
        boolean[] ran = new boolean[1];
        sim.schedule(500, () -> ran[0] = true);
        sim.runFor(499);
        assertFalse(ran[0]);
        assertEquals(1_499, sim.now());
        sim.runFor(1);
        assertTrue(ran[0]);
        assertEquals(1_500, sim.now());
        assertThrows(IllegalArgumentException.class, () -> sim.runFor(-1));
    }

    @Test
    void runUntilInThePastThrows() {
        Simulation sim = new Simulation();
        sim.runUntil(10);
        assertThrows(IllegalArgumentException.class, () -> sim.runUntil(9));
    }

    @Test
    void stopEndsTheRunAfterTheCurrentEvent() {
        Simulation sim = new Simulation();
        List<Integer> ran = new ArrayList<>();
        sim.schedule(1, () -> ran.add(1));
        sim.schedule(2, () -> {
            ran.add(2);
            sim.stop();
            ran.add(22); // the rest of the current action still runs
        });
        sim.schedule(3, () -> ran.add(3));
        sim.run();
        assertEquals(List.of(1, 2, 22), ran);
        assertEquals(2, sim.now());
        assertEquals(1, sim.pendingEvents());

        sim.run(); // a new run starts afresh
        assertEquals(List.of(1, 2, 22, 3), ran);
    }

    @Test
    void stopDuringRunUntilLeavesClockAtTheStoppingEvent() {
        Simulation sim = new Simulation();
        sim.schedule(10, sim::stop);
        sim.schedule(20, () -> { });
        sim.runUntil(100);
        assertEquals(10, sim.now());
        assertEquals(1, sim.pendingEvents());
        sim.runUntil(100);
        assertEquals(100, sim.now());
    }

    @Test
    void schedulingInThePastThrows() {
        Simulation sim = new Simulation();
        sim.runUntil(1_000);
        assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(999, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(-1, () -> { }));
        assertEquals(0, sim.pendingEvents());
        sim.scheduleAt(1_000, () -> { }); // "now" itself is allowed
        assertEquals(1, sim.pendingEvents());
    }

    @Test
    void schedulingPastTheEndOfTimeThrows() {
        Simulation sim = new Simulation();
        sim.runUntil(10);
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(Long.MAX_VALUE, () -> { }));
        sim.scheduleAt(Long.MAX_VALUE, () -> { });
        assertEquals(1, sim.pendingEvents());
    }

    @Test
    void nullActionIsRejected() {
        Simulation sim = new Simulation();
        assertThrows(NullPointerException.class, () -> sim.schedule(1, null));
        assertEquals(0, sim.pendingEvents());
    }

    @Test
    void exceptionFromAnActionPropagatesAndTheSimulationCanContinue() {
        Simulation sim = new Simulation();
        RuntimeException boom = new RuntimeException("boom");
        boolean[] ran = new boolean[1];
        long failing = sim.schedule(1, () -> {
            throw boom;
        });
        sim.schedule(2, () -> ran[0] = true);
        RuntimeException thrown = assertThrows(RuntimeException.class, sim::run);
        assertSame(boom, thrown);
        assertEquals(1, sim.now());
        assertFalse(sim.isPending(failing));
        assertEquals(1, sim.pendingEvents());
        sim.run();
        assertTrue(ran[0]);
    }

    @Test
    void runningFromInsideAnActionIsRejected() {
        Simulation sim = new Simulation();
        sim.schedule(1, sim::run);
        assertThrows(IllegalStateException.class, sim::run);
    }

    @Test
    void pendingEventsCountsOnlyLiveEvents() {
        Simulation sim = new Simulation();
        long a = sim.schedule(1, () -> { });
        long b = sim.schedule(2, () -> { });
        sim.schedule(3, () -> { });
        assertEquals(3, sim.pendingEvents());
        sim.cancel(b);
        assertEquals(2, sim.pendingEvents());
        sim.cancel(b);
        assertEquals(2, sim.pendingEvents(), "a repeated cancel changes nothing");
        sim.runUntil(1);
        assertEquals(1, sim.pendingEvents());
        assertFalse(sim.cancel(a));
        assertEquals(1, sim.pendingEvents());
        sim.run();
        assertEquals(0, sim.pendingEvents());
        assertEquals(2, sim.eventsProcessed());
    }

    @Test
    void heapGrowsBeyondItsInitialCapacity() {
        Simulation sim = new Simulation();
        Random rnd = new Random(7);
        int n = 100_000; // far beyond the initial capacity, forcing several doublings
        long[] last = {-1};
        Runnable checkClock = () -> {
            assertTrue(sim.now() >= last[0], "clock went backwards");
            last[0] = sim.now();
        };
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = sim.schedule(rnd.nextInt(1_000_000), checkClock);
        }
        assertEquals(n, sim.pendingEvents());
        for (long id : ids) {
            assertTrue(sim.isPending(id));
        }
        // Cancel every third event: removal from the middle of a grown heap and table.
        int cancelled = 0;
        for (int i = 0; i < n; i += 3) {
            assertTrue(sim.cancel(ids[i]));
            cancelled++;
        }
        assertEquals(n - cancelled, sim.pendingEvents());
        for (int i = 0; i < n; i++) {
            assertEquals(i % 3 != 0, sim.isPending(ids[i]));
        }
        sim.run();
        assertEquals(n - cancelled, sim.eventsProcessed());
        assertEquals(0, sim.pendingEvents());
    }

    @Test
    void heapCanGrowWhileAnActionIsRunning() {
        Simulation sim = new Simulation();
        List<Integer> order = new ArrayList<>();
        sim.schedule(1, () -> {
            // Enough to reallocate every array several times over, from inside the run loop.
            for (int i = 0; i < 5_000; i++) {
                int n = i;
                sim.schedule(5_000 - i, () -> order.add(n));
            }
        });
        sim.run();
        assertEquals(5_000, order.size());
        for (int k = 0; k < 5_000; k++) {
            assertEquals(4_999 - k, order.get(k));
        }
    }

    /**
     * A random mix of schedules from inside actions, cancels of random pending events and runs,
     * checked against a reference ordered set of (time, scheduling order).
     */
    @Test
    void clockIsMonotonicOverARandomWorkloadWithCancels() {
        Random rnd = new Random(12345);
        Simulation sim = new Simulation();
        TreeSet<long[]> reference = new TreeSet<>(
                Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        List<Long> live = new ArrayList<>(); // ids that may or may not still be pending
        int total = 100_000;
        int[] scheduled = {0};
        long[] lastTime = {Long.MIN_VALUE};
        int[] ran = {0};
        int[] cancels = {0};
        int[] stopCountdown = {0};

        // Ids are opaque, so the reference orders ties by a scheduling counter of its own.
        Map<Long, long[]> keyOf = new HashMap<>();

        class Ev implements Runnable {
            final long id;
            final long time;
            final long seq;

            Ev(long delay) {
                this.time = sim.now() + delay;
                this.seq = scheduled[0]++;
                this.id = sim.schedule(delay, this);
                long[] key = {time, seq};
                reference.add(key);
                keyOf.put(id, key);
                live.add(id);
            }

            @Override
            public void run() {
                long[] head = reference.pollFirst();
                assertEquals(head[0], time, "event ran out of (time, scheduling order)");
                assertEquals(head[1], seq, "event ran out of (time, scheduling order)");
                assertEquals(time, sim.now());
                assertTrue(sim.now() >= lastTime[0], "clock went backwards");
                lastTime[0] = sim.now();
                ran[0]++;
                // Spawn 0..3 successors (supercritical, to outpace the cancels) until the budget
                // is spent; some with zero delay to create ties with the current time.
                int children = rnd.nextInt(4);
                for (int c = 0; c < children && scheduled[0] < total; c++) {
                    long d = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(10_000);
                    new Ev(d);
                }
                // Cancel a random remembered event now and then (it may have run already).
                if (rnd.nextInt(4) == 0 && !live.isEmpty()) {
                    int k = rnd.nextInt(live.size());
                    long victim = live.get(k);
                    live.set(k, live.get(live.size() - 1));
                    live.remove(live.size() - 1);
                    boolean pendingInReference = reference.contains(keyOf.get(victim));
                    assertEquals(pendingInReference, sim.isPending(victim));
                    boolean removed = sim.cancel(victim);
                    assertEquals(pendingInReference, removed);
                    assertFalse(sim.isPending(victim));
                    if (removed) {
                        cancels[0]++;
                        assertTrue(reference.remove(keyOf.get(victim)));
                    }
                }
                assertEquals(reference.size(), sim.pendingEvents());
                if (--stopCountdown[0] == 0) {
                    sim.stop();
                }
                if (live.size() > 4_096) {
                    live.subList(0, 2_048).clear(); // bound the bookkeeping, not the kernel
                }
            }
        }

        for (int i = 0; i < 1_000; i++) {
            new Ev(rnd.nextInt(10_000));
        }
        // Alternate between bounded runs and free runs to exercise both loops.
        while (sim.pendingEvents() > 0) {
            if (rnd.nextBoolean()) {
                sim.runFor(rnd.nextInt(50_000));
            } else {
                stopCountdown[0] = 1 + rnd.nextInt(5_000);
                sim.run();
            }
        }
        assertTrue(reference.isEmpty());
        assertEquals(total, scheduled[0]);
        assertTrue(cancels[0] > 1_000, "workload should exercise cancellation, got " + cancels[0]);
        assertEquals(total - cancels[0], ran[0]);
    }

    /**
     * Tick widths for the key tests: the production width, widths small enough that ticks run
     * out and pending counts of a few dozen (8) or a handful (6) push the kernel back and forth
     * between composite and exact keys, and 0, which keeps exact keys throughout.
     */
    private static final int[] TICK_WIDTHS = {Long.SIZE, 8, 6, 0};

    /**
     * Many events at a few times, some of them at the end of time, with cancels among them: the
     * survivors must run in the order a stable sort by time puts them.
     */
    @Test
    void equalTimesWithCancelsRunInTimeThenSchedulingOrder() {
        long[][] timeSets = {
            {0, 1, 2, 3, 7, 1_000},
            {0, 1, 2, 1L << 40, 1L << 61, Long.MAX_VALUE - 1, Long.MAX_VALUE},
        };
        for (int width : TICK_WIDTHS) {
            for (long[] timeSet : timeSets) {
                String config = "tick width " + width + ", times " + Arrays.toString(timeSet);
                Random rnd = new Random(width * 31L + timeSet.length);
                Simulation sim = new Simulation(1, width);
                int n = 20_000;
                long[] times = new long[n];
                long[] ids = new long[n];
                boolean[] cancelled = new boolean[n];
                List<Integer> ran = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int idx = i;
                    times[i] = timeSet[rnd.nextInt(timeSet.length)];
                    ids[i] = sim.scheduleAt(times[i], () -> {
                        assertEquals(times[idx], sim.now(), config);
                        ran.add(idx);
                    });
                    if (rnd.nextInt(4) == 0) {
                        int victim = rnd.nextInt(i + 1);
                        assertEquals(!cancelled[victim], sim.cancel(ids[victim]), config);
                        cancelled[victim] = true;
                    }
                }
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (!cancelled[i]) {
                        expected.add(i);
                    }
                }
                expected.sort(Comparator.comparingLong(i -> times[i])); // stable: ties keep order
                assertEquals(expected.size(), sim.pendingEvents(), config);

                sim.run();

                assertEquals(expected, ran, config);
                assertEquals(0, sim.pendingEvents(), config);
            }
        }
    }

    /**
     * Ties made while running (zero and tiny delays), cancels, far-future events that do not fit
     * a composite key, and a pending count that wanders across the limits of the small tick
     * widths: every event must run in (time, scheduling order) as a reference ordered set has it,
     * while the keys are rebuilt and switched between composite and exact along the way.
     */
    @Test
    void tiesMadeWhileRunningFollowTheReferenceAcrossRekeys() {
        for (int width : TICK_WIDTHS) {
            String config = "tick width " + width;
            Random rnd = new Random(777 + width);
            Simulation sim = new Simulation(1, width);
            TreeSet<long[]> reference = new TreeSet<>(
                    Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
            Map<Long, long[]> keyOf = new HashMap<>();
            List<Long> live = new ArrayList<>(); // ids that may or may not still be pending
            List<Long> far = new ArrayList<>(); // far-future ids of the current phase
            int total = 100_000;
            int[] scheduled = {0};
            int[] ran = {0};
            int[] cancels = {0};
            int[] stopCountdown = {0};
            int[] exactSeen = {0};
            int[] compositeSeen = {0};
            // Per phase: the pending count the workload hovers around, and whether far-future
            // events may be scheduled.
            int[] targetPending = {10};
            boolean[] farAllowed = {false};

            LongConsumer cancelAndCheck = victim -> {
                boolean pending = reference.contains(keyOf.get(victim));
                assertEquals(pending, sim.isPending(victim), config);
                assertEquals(pending, sim.cancel(victim), config);
                if (pending) {
                    cancels[0]++;
                    reference.remove(keyOf.get(victim));
                }
            };

            class Ev implements Runnable {
                final long time;
                final long seq;

                Ev() {
                    long delay = Math.min(randomDelay(rnd, farAllowed[0]), Long.MAX_VALUE - sim.now());
                    this.time = sim.now() + delay;
                    this.seq = scheduled[0]++;
                    long id = sim.schedule(delay, this);
                    long[] key = {time, seq};
                    reference.add(key);
                    keyOf.put(id, key);
                    live.add(id);
                    if (delay >= 1L << 30) {
                        far.add(id);
                    }
                }

                @Override
                public void run() {
                    long[] head = reference.pollFirst();
                    assertEquals(head[0], time, config + ": event ran out of (time, scheduling order)");
                    assertEquals(head[1], seq, config + ": event ran out of (time, scheduling order)");
                    assertEquals(time, sim.now(), config);
                    ran[0]++;
                    if (sim.usesExactKeys()) {
                        exactSeen[0]++;
                    } else {
                        compositeSeen[0]++;
                    }
                    int children = sim.pendingEvents() < targetPending[0] ? 2 : rnd.nextInt(2);
                    for (int c = 0; c < children && scheduled[0] < total; c++) {
                        new Ev();
                    }
                    if (rnd.nextInt(4) == 0 && !live.isEmpty()) {
                        // Mostly recent ids, which are likelier to be pending.
                        int k = live.size() - 1 - rnd.nextInt(Math.min(live.size(), 32));
                        long victim = live.get(k);
                        live.set(k, live.get(live.size() - 1));
                        live.remove(live.size() - 1);
                        cancelAndCheck.accept(victim);
                    }
                    assertEquals(reference.size(), sim.pendingEvents(), config);
                    if (--stopCountdown[0] == 0) {
                        sim.stop();
                    }
                    if (live.size() > 4_096) {
                        live.subList(0, 2_048).clear(); // bound the bookkeeping, not the kernel
                    }
                }
            }

            int[] targets = {2, 6, 12, 40, 300};
            while (scheduled[0] < total || sim.pendingEvents() > 0) {
                targetPending[0] = targets[rnd.nextInt(targets.length)];
                farAllowed[0] = rnd.nextInt(3) == 0;
                if (!farAllowed[0]) {
                    // Clear most far events out, so that composite keys get their turn; the rest
                    // stay, to be run at the far end of time.
                    for (long id : far) {
                        if (rnd.nextInt(8) != 0) {
                            cancelAndCheck.accept(id);
                        }
                    }
                    far.clear();
                }
                if (sim.pendingEvents() == 0 && scheduled[0] < total) {
                    new Ev();
                }
                if (rnd.nextBoolean()) {
                    long duration = rnd.nextInt(16) == 0 ? Long.MAX_VALUE : rnd.nextInt(200);
                    sim.runFor(duration); // a horizon past the end of time is clamped
                } else {
                    stopCountdown[0] = 1 + rnd.nextInt(3_000);
                    sim.run();
                }
            }
            assertTrue(reference.isEmpty(), config);
            assertEquals(total - cancels[0], ran[0], config);
            assertTrue(cancels[0] > 1_000, config + ": too few cancels, " + cancels[0]);
            // Every width must have run events under both kinds of key (bar width 0, which has
            // none but exact), so the switches between them were exercised.
            if (width == 0) {
                assertEquals(0, compositeSeen[0], config);
            } else {
                assertTrue(compositeSeen[0] > 0, config + ": composite keys never used");
                assertTrue(sim.rekeys() >= 2, config + ": too few rekeys, " + sim.rekeys());
            }
            assertTrue(exactSeen[0] > 0, config + ": exact keys never used");
            assertEquals(Long.MAX_VALUE, sim.now(), config + ": the far end of time was not reached");
        }
    }

    /**
     * Far events at every power of two of delay and just either side of it, so that whatever
     * range the composite keys have, some event lands on each edge of it: all events must run in
     * (time, scheduling order), the far ones (which tie with each other) last.
     */
    @Test
    void eventsAtTheEdgesOfTheKeyRangeKeepTheirOrder() {
        long start = 12_345; // so that the key base is not 0
        for (int pending : new int[] {1, 20, 1_000}) {
            for (int k = 0; k <= 63; k++) {
                for (long offset = -2; offset <= 1; offset++) {
                    long far = k == 63 ? Long.MAX_VALUE - start + offset - 1 : (1L << k) + offset;
                    if (far < 0) {
                        continue;
                    }
                    String config = pending + " pending, far delay " + far;
                    Simulation sim = new Simulation();
                    sim.runUntil(start);
                    List<long[]> ran = new ArrayList<>();
                    Random rnd = new Random(k * 4 + offset);
                    long last = start;
                    for (int i = 0; i < 2 * pending + 2; i++) {
                        long delay = i == pending || i == 2 * pending + 1 ? far : rnd.nextInt(4);
                        long seq = i;
                        sim.schedule(delay, () -> ran.add(new long[] {sim.now(), seq}));
                        last = Math.max(last, start + delay);
                    }
                    sim.run();
                    assertEquals(2 * pending + 2, ran.size(), config);
                    for (int i = 1; i < ran.size(); i++) {
                        long[] a = ran.get(i - 1);
                        long[] b = ran.get(i);
                        assertTrue(a[0] < b[0] || (a[0] == b[0] && a[1] < b[1]),
                                config + ": ran (" + a[0] + ", " + a[1] + ") before (" + b[0] + ", " + b[1] + ")");
                    }
                    assertEquals(last, sim.now(), config);
                }
            }
        }
    }

    /**
     * Mostly ties (0 to 3 ns) or a little later; where allowed, now and then far ahead, up to
     * 2^61 ns (whether that fits a composite key depends on the pending count), or at the end
     * of time.
     */
    private static long randomDelay(Random rnd, boolean farAllowed) {
        int r = rnd.nextInt(100);
        if (r < 80) {
            return rnd.nextInt(4);
        } else if (r < 98 || !farAllowed) {
            return rnd.nextInt(1_000);
        } else if (r < 99) {
            return 1L << (30 + rnd.nextInt(32));
        } else {
            return Long.MAX_VALUE;
        }
    }
}
