package org.infersim.model.workload;

import org.apache.commons.rng.UniformRandomProvider;
import org.infersim.model.random.DurationSampler;
import org.infersim.model.random.LengthSampler;
import org.infersim.model.random.RandomStreams;
import org.infersim.model.serving.PromptContent;
import org.infersim.scenario.Workload;

/**
 * The random draws one sender makes for its requests: the length of each message and of the
 * output it asks for, its shared parts, and for sessions the number of turns and the think time
 * between them. An open stream draws each kind from a stream of its own; a closed-loop user and an
 * open stream's session draw everything from one generator of their own, so that the k-th request
 * of user i (or of session n) is the same in two runs that differ elsewhere (common random numbers).
 */
final class RequestDraws {
    final LengthSampler message;
    final LengthSampler output;
    /** Null when the prompts share no system prompt or document. */
    private final SharedPrefix.Picker prefix;
    /** Null without sessions. */
    final LengthSampler turns;
    /** Null without sessions. */
    final DurationSampler turnThink;

    private RequestDraws(LengthSampler message, LengthSampler output, SharedPrefix.Picker prefix, Workload w,
                         UniformRandomProvider sessionRng) {
        this.message = message;
        this.output = output;
        this.prefix = prefix;
        this.turns = w.session() == null ? null : LengthSampler.of(w.session().turns(), sessionRng);
        this.turnThink = w.session() == null ? null : DurationSampler.of(w.session().thinkTime(), sessionRng);
    }

    /**
     * An open stream's draws of single requests, each kind on its own stream: {@code .../system-prompt},
     * {@code .../documents} beside the {@code prompt} and {@code output} samplers it is given.
     */
    static RequestDraws open(Workload w, LengthSampler message, LengthSampler output, SharedPrefix shared,
                             RandomStreams random) {
        String key = "workload/" + w.name() + "/";
        SharedPrefix.Picker prefix = shared == null ? null
                : shared.picker(random.stream(key + "system-prompt"), random.stream(key + "documents"));
        return new RequestDraws(message, output, prefix, w, null);
    }

    /** One sender's draws, all on its own generator. */
    static RequestDraws own(Workload w, SharedPrefix shared, UniformRandomProvider rng) {
        return new RequestDraws(LengthSampler.of(w.promptTokens(), rng), LengthSampler.of(w.outputTokens(), rng),
                shared == null ? null : shared.picker(rng, rng), w, rng);
    }

    boolean sharesPrefix() {
        return prefix != null;
    }

    /** Adds the shared parts the next prompt starts with, if any. */
    void addPrefix(PromptContent.Builder prompt) {
        if (prefix != null) {
            prefix.addTo(prompt);
        }
    }
}
