package org.infersim.model.workload;

import org.infersim.model.serving.Client;
import org.infersim.model.serving.PromptContent;
import org.infersim.model.serving.Request;

/**
 * One multi-turn conversation. Turn 1's prompt is the shared prefix, if any, and a first message;
 * turn t's is turn t−1's prompt, the answer actually generated for it and a new message, each with
 * its identity {@code identity(salt, SESSION, session, turn, MESSAGE or ANSWER)}, so that a prefix
 * cache sees the whole conversation so far as shared. A turn is sent the session's think time after
 * the previous answer finished. The session ends after its last turn, when a turn is rejected, or
 * early when the next prompt would not fit the deployment's max model length (a user starting a new
 * conversation); and it sends nothing at or after the end of the run.
 */
final class Session implements Client {
    private static final long MESSAGE = 0;
    private static final long ANSWER = 1;

    /** Who runs the session: asked before each turn whether to go on, told when it is over. */
    interface Speaker {
        /** Always goes on, and nobody waits for the end: an open stream's session. */
        Speaker ALONE = new Speaker() {
            @Override
            public boolean goesOn() {
                return true;
            }

            @Override
            public void sessionOver(long now) {}
        };

        boolean goesOn();

        /** The session sends nothing more (ended, or stopped because the speaker does not go on). */
        void sessionOver(long now);
    }

    private final RequestStream stream;
    private final RequestDraws draws;
    private final Speaker speaker;
    private final long number;
    private final long startNs;
    private final int turns;
    private int turn;
    /** The prompt of the turn in flight. */
    private PromptContent prompt;

    /** Draws the number of turns; {@link #start} sends the first. */
    Session(RequestStream stream, long number, RequestDraws draws, Speaker speaker, long now) {
        this.stream = stream;
        this.draws = draws;
        this.speaker = speaker;
        this.number = number;
        this.startNs = now;
        this.turns = draws.turns.sample();
    }

    void start() {
        stream.sessions().onSessionStarted(stream.index(), startNs);
        turn = 1;
        PromptContent.Builder b = PromptContent.builder();
        draws.addPrefix(b);
        prompt = b.add(id(1, MESSAGE), draws.message.sample()).answer(id(1, ANSWER)).build();
        send(draws.output.sample());
    }

    private long id(int t, long kind) {
        return PromptContent.identity(stream.salt(), SharedPrefix.SESSION, number, t, kind);
    }

    private void send(int outputTokens) {
        Request r = stream.newRequest(prompt, outputTokens);
        r.replyTo(this);
        stream.submit(r);
    }

    @Override
    public void onFinished(Request request, long now, boolean completed) {
        if (!completed) {
            end(now, SessionObserver.End.REJECTED);
            return;
        }
        if (turn == turns) {
            end(now, SessionObserver.End.ALL_TURNS);
            return;
        }
        if (!speaker.goesOn()) {
            speaker.sessionOver(now);
            return;
        }
        long at = now + draws.turnThink.sampleNs();
        int message = draws.message.sample();
        int output = draws.output.sample();
        long nextTokens = (long) prompt.tokens() + request.generated() + message;
        if (nextTokens >= stream.maxModelLen()) {
            end(now, SessionObserver.End.MAX_LENGTH);
            return;
        }
        if (at >= stream.endNs()) {
            speaker.sessionOver(now);
            return;
        }
        turn++;
        prompt = PromptContent.builder().addAll(prompt).add(id(turn - 1, ANSWER), request.generated())
                .add(id(turn, MESSAGE), message).answer(id(turn, ANSWER)).build();
        stream.sim().scheduleAt(at + stream.requestOverheadNs(), () -> send(output));
    }

    private void end(long now, SessionObserver.End end) {
        stream.sessions().onSessionEnded(stream.index(), startNs, now, end);
        speaker.sessionOver(now);
    }
}
