package org.infersim.autoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PredictiveAndScheduledPolicyTest {
    private static final long S = 1_000_000_000L;

    @Test
    void onARampThePredictivePolicyProvisionsForTheLoadOneLeadTimeAhead() {
        // 30 s periods, 5 min lead (10 periods); the rate climbs 1/s per period; 10/s per replica.
        PredictivePolicy p = new PredictivePolicy(PredictivePolicy.Config.defaults(10));
        int replicas = 1;
        double rate = 0;
        for (int i = 1; i <= 60; i++) {
            rate = i;
            replicas = p.desiredReplicas(new ScalingObservation(i * 30 * S, replicas, 0, rate));
        }
        // A reactive policy would ask for ceil(60 / 10) = 6; in 10 periods the rate will be 70.
        assertEquals(70, p.forecast(), 1.0);
        assertEquals(7, replicas);
    }

    @Test
    void onAFlatLoadItAsksForWhatTheLoadNeedsAndDoesNotFlapOnNoise() {
        PredictivePolicy p = new PredictivePolicy(PredictivePolicy.Config.defaults(10));
        int replicas = 1;
        int changes = 0;
        for (int i = 1; i <= 200; i++) {
            double noisy = 45 + ((i * 7919) % 11 - 5); // 40..50, deterministic
            int next = p.desiredReplicas(new ScalingObservation(i * 30 * S, replicas, 0, noisy));
            changes += next != replicas ? 1 : 0;
            replicas = next;
        }
        assertTrue(replicas >= 5 && replicas <= 6, "" + replicas);
        assertTrue(changes <= 3, "scale-down stabilisation keeps it steady: " + changes + " changes");
    }

    @Test
    void theScheduledPolicyIsReadyOneLeadTimeBeforeAScheduledStep() {
        // 10/s until 1 h, then 40/s; 10/s per replica; 5 min lead.
        ScheduledPolicy p = new ScheduledPolicy(t -> t < 3600 * S ? 10 : 40, 10, 30 * S, 300 * S);
        assertEquals(1, p.desiredReplicas(new ScalingObservation(3000 * S, 1, 0, 10)));
        assertEquals(4, p.desiredReplicas(new ScalingObservation(3300 * S, 1, 0, 10)),
                "5 min before the step it already asks for the 4 replicas the step needs");
    }

    @Test
    void runaiKeepsTheLastReplicaForItsIdleTimeThenGoesToZero() {
        RunaiPolicy p = new RunaiPolicy(RunaiPolicy.Target.CONCURRENCY, 4, 300 * S);
        int replicas = 1;
        long t = 0;
        for (; t < 20; t++) {
            replicas = p.desiredReplicas(new ScalingObservation(t * 2 * S, replicas, 0, 8));
        }
        assertEquals(2, replicas, "8 in flight at 4 per replica");
        long lastBusy = (t - 1) * 2;
        while (replicas > 0 && t < 1000) {
            replicas = p.desiredReplicas(new ScalingObservation(t * 2 * S, replicas, 0, 0));
            t++;
        }
        assertEquals(300, (t - 1) * 2 - lastBusy, 2, "zero after 300 s without requests");
    }
}
