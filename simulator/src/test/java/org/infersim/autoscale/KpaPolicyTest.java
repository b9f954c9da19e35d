package org.infersim.autoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KpaPolicyTest {
    private static final long S = 1_000_000_000L;

    /** Concurrency target 100 at 70% utilisation: 70 requests in flight per replica. */
    private final KpaPolicy kpa = new KpaPolicy(KpaPolicy.Config.defaults(100));
    private long now;
    private int replicas = 1;

    /** One tick in which every replica asked for is ready at once (no cold start). */
    private int tick(double concurrency) {
        now += 2 * S;
        replicas = kpa.desiredReplicas(new ScalingObservation(now, replicas, 0, concurrency));
        return replicas;
    }

    @Test
    void steadyLoadGetsCeilOfLoadOverSeventyPercentOfTheTarget() {
        for (int i = 0; i < 40; i++) {
            tick(150);
        }
        assertEquals(3, replicas, "150 in flight / 70 per replica = 2.14, so 3");
        assertFalse(kpa.panicking());
    }

    @Test
    void aStepInLoadPanicsAtOnceAndPanicLastsAFullStableWindowAfterTheLastCrossing() {
        for (int i = 0; i < 40; i++) {
            tick(50);
        }
        assertEquals(1, replicas);
        // The step: the 6 s panic window sees (50 + 50 + 300) / 3 = 133 -> 2 pods = 2 x ready.
        assertEquals(2, tick(300));
        assertTrue(kpa.panicking(), "2 pods wanted for 1 ready reaches the 200% threshold");
        long enteredAt = now;
        // (50 + 300 + 300) / 3 = 217 -> 4 pods: 4 / 2 ready >= 2, still crossing.
        assertEquals(4, tick(300));
        long lastCrossing = now;
        // 300 / 70 -> 5 pods; 5 / 4 ready < 2: no longer crossing, but still in panic.
        assertEquals(5, tick(300));
        assertTrue(kpa.panicking());
        // The load goes away: in panic the count never falls...
        while (now < lastCrossing + 58 * S) {
            assertEquals(5, tick(20), "at " + (now - enteredAt) / S + " s after entering panic");
            assertTrue(kpa.panicking());
        }
        // ...until a whole stable window (60 s) has passed since the threshold was last crossed.
        tick(20);
        assertFalse(kpa.panicking(), "panic ends 60 s after the last crossing");
        // Out of panic it scales down at most halving per tick.
        int before = replicas;
        tick(20);
        assertTrue(replicas >= before / 2, before + " -> " + replicas);
    }

    @Test
    void theLastReplicaStaysForTheGracePeriodThenScalesToZero() {
        for (int i = 0; i < 10; i++) {
            tick(30);
        }
        long lastLoad = now;
        int ticks = 0;
        while (replicas > 0 && ticks++ < 200) {
            tick(0);
        }
        assertEquals(0, replicas);
        // The 60 s stable window must empty of load (ceil(avg / 70) turns 0 only when avg is 0),
        // then 30 s of grace.
        assertEquals(60 + 30, (now - lastLoad) / S, 2);
    }

    @Test
    void fromZeroTheFirstBufferedRequestAsksForAReplica() {
        replicas = 0;
        assertEquals(1, kpa.desiredReplicas(new ScalingObservation(2 * S, 0, 0, 1)),
                "a request held by the activator counts once in the concurrency");
    }
}
