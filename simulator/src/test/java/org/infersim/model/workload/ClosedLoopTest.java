package org.infersim.model.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.infersim.model.random.LengthSampler;
import org.infersim.model.random.RandomStreams;
import org.infersim.model.serving.Request;
import org.infersim.scenario.ArrivalSpec;
import org.infersim.scenario.ArrivalSpec.UserStep;
import org.infersim.scenario.DurationSpec;
import org.infersim.scenario.LengthSpec;
import org.infersim.scenario.Slo;
import org.infersim.scenario.Workload;
import org.infersim.testing.OneReplica;
import org.junit.jupiter.api.Test;

/**
 * A closed loop of users on one replica whose iterations take 10 ms, so that a request of o output
 * tokens alone takes o × 10 ms: each user has one request in flight at most, and sends the next a
 * think time after the previous one's answer.
 */
class ClosedLoopTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    private static Workload closed(List<UserStep> users, DurationSpec think, LengthSpec prompt, LengthSpec output) {
        return new Workload("bench", "d", new ArrivalSpec.Closed(users, think), prompt, output, 0, Slo.NONE);
    }

    private static OneReplica run(Workload w, int maxNumSeqs, int maxModelLen, long endNs, long seed) {
        OneReplica replica = new OneReplica(10 * MS, maxNumSeqs, maxModelLen);
        new RequestStream(0, w, new RandomStreams(seed), replica.set, replica.sim, new RequestIds(), endNs,
                SessionObserver.NONE).start();
        replica.sim.runUntil(endNs);
        return replica;
    }

    private static long arrivalsIn(OneReplica r, long fromNs, long toNs) {
        return r.arrived.stream().filter(q -> q.arrivalNs() >= fromNs && q.arrivalNs() < toNs).count();
    }

    @Test
    void aClosedLoopNeverHasMoreRequestsInFlightThanUsers() {
        // Three sequences a batch for eight users: most of the time some wait in the queue.
        Workload w = closed(List.of(new UserStep(0, 8)), new DurationSpec.Exponential(30 * MS),
                new LengthSpec.Uniform(10, 200), new LengthSpec.Uniform(5, 30));
        OneReplica r = run(w, 3, 4096, 60 * S, 1);
        assertEquals(8, r.mostInFlight, "all eight start at 0 and never more");
        assertTrue(r.arrived.size() > 1000, r.arrived.size() + " requests, about 3 answers each 175 ms");
        assertEquals(8, r.arrived.stream().filter(q -> q.arrivalNs() == 0).count());
    }

    @Test
    void everyUserStartsAtZeroAndSendsAgainOneThinkTimeAfterItsAnswer() {
        Workload w = closed(List.of(new UserStep(0, 4)), new DurationSpec.Fixed(50 * MS), new LengthSpec.Fixed(100),
                new LengthSpec.Fixed(10));
        OneReplica r = run(w, 8, 4096, S, 1);
        // 100 ms of answer (ten 10 ms iterations, all four in one batch), 50 ms of thought, and again.
        for (int i = 0; i < r.arrived.size(); i++) {
            Request q = r.arrived.get(i);
            assertEquals(150 * MS * (i / 4), q.arrivalNs(), "request " + i);
            if (r.finishedAt(q) >= 0) {
                assertEquals(q.arrivalNs() + 100 * MS, r.finishedAt(q));
            }
        }
        assertEquals(4 * 7, r.arrived.size(), "rounds at 0, 150, ..., 900 ms");
    }

    @Test
    void aRejectedRequestIsFollowedByTheNextOneAThinkTimeLaterAndNothingIsSentAtTheEnd() {
        // Every prompt is longer than the model: each one is rejected as it arrives.
        Workload w = closed(List.of(new UserStep(0, 3)), new DurationSpec.Fixed(100 * MS), new LengthSpec.Fixed(5000),
                new LengthSpec.Fixed(10));
        OneReplica r = run(w, 8, 4096, S, 1);
        assertEquals(30, r.rejected.size(), "3 users at 0, 100, ..., 900 ms; the one at 1 s is the end");
        assertEquals(30, r.arrived.size());
    }

    @Test
    void stepsAddUsersAtTheirTimeAndSurplusUsersStopAfterTheirRequest() {
        // No think time and 100 ms answers: each user sends ten requests a second.
        Workload w = closed(List.of(new UserStep(0, 2), new UserStep(S, 5), new UserStep(2 * S, 1),
                new UserStep(3 * S, 3)), new DurationSpec.Fixed(0), new LengthSpec.Fixed(100), new LengthSpec.Fixed(10));
        OneReplica r = run(w, 8, 4096, 4 * S, 1);
        assertEquals(20, arrivalsIn(r, 0, S), "2 users");
        assertEquals(50, arrivalsIn(r, S, 2 * S), "5 users, the three new ones from 1 s");
        assertEquals(10, arrivalsIn(r, 2 * S, 3 * S), "1 user: the others stopped as their answers came at 2 s");
        assertEquals(30, arrivalsIn(r, 3 * S, 4 * S), "3 users again, the two restarted at 3 s");
        assertEquals(5, r.mostInFlight);
    }

    @Test
    void aUserStoppedWhileItsRequestIsInFlightFinishesItFirst() {
        // 1 s answers; the count drops to 1 at 0.5 s, while both users' first requests run.
        Workload w = closed(List.of(new UserStep(0, 2), new UserStep(S / 2, 1)), new DurationSpec.Fixed(0),
                new LengthSpec.Fixed(100), new LengthSpec.Fixed(100));
        OneReplica r = run(w, 8, 4096, 3 * S + 1, 1);
        assertEquals(List.of(0L, 0L, S, 2 * S, 3 * S), r.arrived.stream().map(Request::arrivalNs).toList());
        assertEquals(S, r.finishedAt(r.arrived.get(1)), "the stopped user's request was answered");
    }

    @Test
    void userIDrawsItsRequestsFromItsOwnStreamWhateverTheServing() {
        Workload w = closed(List.of(new UserStep(0, 5)), new DurationSpec.Exponential(20 * MS),
                new LengthSpec.Uniform(10, 500), new LengthSpec.Uniform(1, 40));
        OneReplica fast = run(w, 8, 4096, 10 * S, 3);
        OneReplica slow = run(w, 1, 4096, 10 * S, 3);
        for (int i = 0; i < 5; i++) {
            // The first requests go out at 0 in the order of the users.
            var own = new RandomStreams(3).stream("workload/bench/users/" + i);
            LengthSampler prompt = LengthSampler.of(w.promptTokens(), own);
            LengthSampler output = LengthSampler.of(w.outputTokens(), own);
            int p = prompt.sample();
            int o = output.sample();
            for (OneReplica r : List.of(fast, slow)) {
                assertEquals(p, r.arrived.get(i).promptTokens(), "user " + i);
                assertEquals(o, r.arrived.get(i).outputTokens(), "user " + i);
            }
        }
        assertTrue(fast.arrived.size() > 2 * slow.arrived.size(), "one sequence a batch serves far fewer");
    }
}
