package org.infersim.model.workload;

import java.util.ArrayList;
import java.util.List;
import org.infersim.model.random.DurationSampler;
import org.infersim.model.random.RandomStreams;
import org.infersim.model.serving.Client;
import org.infersim.model.serving.Request;
import org.infersim.scenario.ArrivalSpec;

/**
 * A fixed population of users, each with at most one request (or one session) in flight: it sends,
 * waits for the answer (or the rejection), thinks, and sends again. Users a step adds start at the
 * step's time, all at once, as vLLM's benchmark starts as many requests as {@code --max-concurrency}
 * lets through at once; when a step lowers the count, the users above it (the last ones) stop once
 * their request in flight has finished. User i draws everything (lengths, shared parts, turns, think
 * times) from its own stream {@code workload/<name>/users/<i>}, so its k-th request is the same in
 * two runs whose timing differs (common random numbers).
 */
final class ClosedLoop {
    private final RequestStream stream;
    private final ArrivalSpec.Closed spec;
    private final RandomStreams random;
    private final SharedPrefix shared;
    private final List<User> users = new ArrayList<>();

    ClosedLoop(RequestStream stream, ArrivalSpec.Closed spec, RandomStreams random, SharedPrefix shared) {
        this.stream = stream;
        this.spec = spec;
        this.random = random;
        this.shared = shared;
    }

    /** Schedules each step of the population that falls before the end of the run. */
    void start() {
        for (ArrivalSpec.UserStep step : spec.users()) {
            if (step.atNs() < stream.endNs()) {
                int count = step.users();
                stream.sim().scheduleAt(step.atNs(), () -> setUsers(count));
            }
        }
    }

    private void setUsers(int count) {
        long now = stream.sim().now();
        while (users.size() < count) {
            users.add(new User(users.size()));
        }
        for (int i = 0; i < users.size(); i++) {
            users.get(i).setActive(i < count, now);
        }
    }

    /** What a user is doing. */
    private enum State { IDLE, BUSY, THINKING }

    /** One user: its own draws, and at most one request or session in flight. */
    private final class User implements Client, Session.Speaker {
        private final RequestDraws draws;
        private final DurationSampler think;
        private State state = State.IDLE;
        private boolean active;
        /** When the population last left this user out; never while it is in. */
        private long stoppedAtNs = Long.MAX_VALUE;

        User(int index) {
            var rng = random.stream("workload/" + stream.name() + "/users/" + index);
            this.draws = RequestDraws.own(stream.workload(), shared, rng);
            this.think = DurationSampler.of(spec.thinkTime(), rng);
        }

        void setActive(boolean active, long now) {
            if (this.active && !active) {
                stoppedAtNs = now;
            } else if (active) {
                stoppedAtNs = Long.MAX_VALUE;
            }
            this.active = active;
            if (active && state == State.IDLE) {
                state = State.THINKING;
                // Scheduled, not sent from here: every user of a step starts at its time, in order of index.
                stream.sim().scheduleAt(now + stream.requestOverheadNs(), this::send);
            }
        }

        private void send() {
            // The engines see the request a front end after the user sent it: what counts is
            // whether the user was still there when it sent.
            if (stream.sentNs() >= stoppedAtNs) {
                state = State.IDLE;
                return;
            }
            state = State.BUSY;
            if (draws.turns != null) {
                new Session(stream, stream.nextSession(), draws, this, stream.sentNs()).start();
            } else {
                Request r = stream.newRequest(draws, draws.message.sample(), draws.output.sample());
                r.replyTo(this);
                stream.submit(r);
            }
        }

        @Override
        public void onFinished(Request request, long now, boolean completed) {
            thinkThenSend(now);
        }

        @Override
        public boolean goesOn() {
            return active;
        }

        @Override
        public void sessionOver(long now) {
            thinkThenSend(now);
        }

        /** After a request or a session: the next one a think time later, unless stopped or past the end. */
        private void thinkThenSend(long now) {
            if (!active) {
                state = State.IDLE;
                return;
            }
            long at = now + think.sampleNs();
            if (at >= stream.endNs()) {
                state = State.IDLE;
                return;
            }
            state = State.THINKING;
            // The user sends a think time after the answer; the engines see it after the front end.
            stream.sim().scheduleAt(at + stream.requestOverheadNs(), this::send);
        }
    }
}
