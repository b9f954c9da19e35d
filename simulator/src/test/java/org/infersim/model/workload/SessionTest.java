package org.infersim.model.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.infersim.model.random.RandomStreams;
import org.infersim.model.serving.PromptContent;
import org.infersim.model.serving.Request;
import org.infersim.scenario.ArrivalSpec;
import org.infersim.scenario.ArrivalSpec.Step;
import org.infersim.scenario.ArrivalSpec.UserStep;
import org.infersim.scenario.DurationSpec;
import org.infersim.scenario.LengthSpec;
import org.infersim.scenario.Popularity;
import org.infersim.scenario.SessionSpec;
import org.infersim.scenario.Slo;
import org.infersim.scenario.SystemPromptSpec;
import org.infersim.scenario.Workload;
import org.infersim.testing.OneReplica;
import org.junit.jupiter.api.Test;

/**
 * Multi-turn sessions on one replica whose iterations take 10 ms (an answer of o tokens alone
 * takes o × 10 ms): each turn repeats the conversation so far, comes a think time after the
 * previous answer, and the session ends after its turns, at a rejection or at the max model length.
 */
class SessionTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    /** What the sessions observer was told. */
    private static final class Ends implements SessionObserver {
        int started;
        final List<End> ends = new ArrayList<>();

        @Override
        public void onSessionStarted(int stream, long now) {
            started++;
        }

        @Override
        public void onSessionEnded(int stream, long startNs, long now, End end) {
            ends.add(end);
        }
    }

    private final Ends ends = new Ends();

    /** One session, started at 100 s by a constant rate of one per 100 s. */
    private static Workload oneSession(LengthSpec message, LengthSpec output, SessionSpec session,
                                       SystemPromptSpec system) {
        return new Workload("chat", "d", new ArrivalSpec.Constant(List.of(new Step(0, 0.01))), message, output, 0,
                Slo.NONE, system, null, session);
    }

    private OneReplica run(Workload w, int maxModelLen, long endNs) {
        OneReplica replica = new OneReplica(10 * MS, 8, maxModelLen);
        new RequestStream(0, w, new RandomStreams(11), replica.set, replica.sim, new RequestIds(), endNs, ends).start();
        replica.sim.runUntil(endNs);
        return replica;
    }

    @Test
    void eachTurnIsTheConversationSoFarAndANewMessageAThinkTimeAfterTheAnswer() {
        SystemPromptSpec system = new SystemPromptSpec(1, new LengthSpec.Fixed(300), Popularity.UNIFORM);
        Workload w = oneSession(new LengthSpec.Uniform(10, 200), new LengthSpec.Uniform(5, 30),
                new SessionSpec(new LengthSpec.Fixed(4), new DurationSpec.Fixed(2 * S)), system);
        OneReplica r = run(w, 100_000, 200 * S);

        assertEquals(4, r.arrived.size());
        assertEquals(100 * S, r.arrived.get(0).arrivalNs());
        PromptContent first = r.arrived.get(0).content();
        assertEquals(2, first.segments(), "the system prompt and the first message");
        assertEquals(300, first.length(0));
        for (int t = 1; t < 4; t++) {
            Request before = r.arrived.get(t - 1);
            Request turn = r.arrived.get(t);
            PromptContent was = before.content();
            PromptContent is = turn.content();
            assertEquals(was.segments() + 2, is.segments(), "the answer and a new message added");
            for (int s = 0; s < was.segments(); s++) {
                assertEquals(was.id(s), is.id(s), "turn " + (t + 1) + " repeats segment " + s);
                assertEquals(was.length(s), is.length(s));
            }
            assertEquals(was.answerId(), is.id(was.segments()), "the answer under the identity it was generated with");
            assertEquals(before.generated(), is.length(was.segments()), "the answer's tokens as generated");
            assertEquals(before.outputTokens(), before.generated());
            int message = is.length(was.segments() + 1);
            assertEquals(was.tokens() + before.generated() + message, turn.promptTokens());
            assertEquals(r.finishedAt(before) + 2 * S, turn.arrivalNs(), "two seconds after the answer");
            assertNotEquals(PromptContent.PRIVATE, is.id(was.segments() + 1), "the next turn will repeat it");
        }
        assertEquals(1, ends.started);
        assertEquals(List.of(SessionObserver.End.ALL_TURNS), ends.ends);
    }

    @Test
    void aSessionEndsEarlyWhenItsNextTurnWouldNotFitTheMaxModelLength() {
        // 200 + 100 + 200 + 100 + 200 = 800 tokens at turn 3; turn 4 would have 1100, above 1000.
        Workload w = oneSession(new LengthSpec.Fixed(200), new LengthSpec.Fixed(100),
                new SessionSpec(new LengthSpec.Fixed(10), new DurationSpec.Fixed(S)), null);
        OneReplica r = run(w, 1000, 200 * S);
        assertEquals(List.of(200, 500, 800), r.arrived.stream().map(Request::promptTokens).toList());
        assertEquals(List.of(SessionObserver.End.MAX_LENGTH), ends.ends);
        assertEquals(List.of(), r.rejected, "nothing was sent that the deployment would reject");
    }

    @Test
    void aRejectedTurnEndsItsSession() {
        Workload w = oneSession(new LengthSpec.Fixed(2000), new LengthSpec.Fixed(100),
                new SessionSpec(new LengthSpec.Fixed(10), new DurationSpec.Fixed(S)), null);
        OneReplica r = run(w, 1000, 200 * S);
        assertEquals(1, r.arrived.size());
        assertEquals(List.of(0L), r.rejected);
        assertEquals(List.of(SessionObserver.End.REJECTED), ends.ends);
    }

    @Test
    void aSessionSendsNothingAtOrAfterTheEndOfTheRun() {
        // The first answer is back at 100.1 s; the next turn would come at 102.1 s, after the end at 101 s.
        Workload w = oneSession(new LengthSpec.Fixed(200), new LengthSpec.Fixed(10),
                new SessionSpec(new LengthSpec.Fixed(10), new DurationSpec.Fixed(2 * S)), null);
        OneReplica r = run(w, 100_000, 101 * S);
        assertEquals(1, r.arrived.size());
        assertEquals(1, ends.started);
        assertEquals(List.of(), ends.ends, "cut by the end of the run, it is not counted as ended");
    }

    @Test
    void aClosedLoopUserRunsSessionsBackToBackWithTheArrivalsThinkTimeBetweenThem() {
        Workload w = new Workload("chat", "d", new ArrivalSpec.Closed(List.of(new UserStep(0, 1)),
                new DurationSpec.Fixed(5 * S)), new LengthSpec.Fixed(100), new LengthSpec.Fixed(10), 0, Slo.NONE, null,
                null, new SessionSpec(new LengthSpec.Fixed(2), new DurationSpec.Fixed(S)));
        OneReplica r = run(w, 100_000, 13 * S);
        // Turns at 0 and 1.1 s (answers of 100 ms, a second of thought); 5 s after the session, the next.
        assertEquals(List.of(0L, 1100 * MS, 6200 * MS, 7300 * MS, 12_400 * MS),
                r.arrived.stream().map(Request::arrivalNs).toList());
        assertEquals(List.of(100, 210, 100, 210, 100), r.arrived.stream().map(Request::promptTokens).toList());
        assertNotEquals(r.arrived.get(0).content().id(0), r.arrived.get(2).content().id(0),
                "a new conversation shares nothing with the last");
        assertEquals(3, ends.started);
        assertEquals(List.of(SessionObserver.End.ALL_TURNS, SessionObserver.End.ALL_TURNS), ends.ends);
    }
}
