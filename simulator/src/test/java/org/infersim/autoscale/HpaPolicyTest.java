package org.infersim.autoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HpaPolicyTest {
    private static final long S = 1_000_000_000L;

    /** Target: 10 requests in flight per replica. */
    private final HpaPolicy hpa = new HpaPolicy(HpaPolicy.Config.defaults(10));

    private int decide(long atS, int ready, int starting, double metric) {
        return hpa.desiredReplicas(new ScalingObservation(atS * S, ready, starting, metric));
    }

    @Test
    void desiredIsCeilOfReplicasTimesTheRatioOutsideTheTolerance() {
        assertEquals(5, decide(0, 2, 0, 45), "2 x 22.5 / 10 = 4.5 -> 5");
        assertEquals(2, decide(15, 2, 0, 21.9), "ratio 1.095 is within 10%: no change");
    }

    @Test
    void replicasStillStartingCountAsIdleSoTheHpaDoesNotKeepAddingWhileTheyWarm() {
        assertEquals(4, decide(0, 2, 0, 40), "2 ready at twice the target -> 4");
        // Next period: the 2 new replicas are still starting and the load is the same. Counting
        // only ready replicas would ask for 4 more (ratio 2 on 2 ready); counting the starting
        // ones as idle gives 40 / (4 x 10) = 1: no change.
        assertEquals(4, decide(15, 2, 2, 40));
        assertEquals(4, decide(30, 2, 2, 40));
        // The load grows while they start: scale for the whole fleet, not only the ready part.
        assertEquals(6, decide(45, 2, 2, 60));
    }

    @Test
    void scaleUpIsLimitedToTheLargerOfDoublingAndFourMorePerPeriod() {
        assertEquals(5, decide(0, 1, 0, 200), "20 wanted; 1 + 4 allowed");
        assertEquals(20, decide(15, 10, 0, 200), "10 -> 20 is exactly doubling");
        assertEquals(30, decide(30, 15, 0, 1000), "100 wanted; 15 x 2 = 30 allowed");
    }

    @Test
    void scaleDownWaitsForTheHighestRecommendationOfTheLast300Seconds() {
        assertEquals(10, decide(0, 10, 0, 100));
        assertEquals(10, decide(15, 10, 0, 20), "the 10 of 15 s ago is still in the window");
        assertEquals(10, decide(285, 10, 0, 20));
        assertEquals(2, decide(300, 10, 0, 20), "300 s later the window holds only 2s");
    }
}
