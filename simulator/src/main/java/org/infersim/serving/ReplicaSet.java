package org.infersim.serving;

import java.util.List;

/** The replicas of one deployment behind its router. */
public final class ReplicaSet {
    private final String name;
    private final List<Replica> replicas;
    private final Router router;
    private final int maxModelLen;
    private final ServingObserver observer;

    public ReplicaSet(String name, List<Replica> replicas, Router router, int maxModelLen, ServingObserver observer) {
        this.name = name;
        this.replicas = List.copyOf(replicas);
        this.router = router;
        this.maxModelLen = maxModelLen;
        this.observer = observer;
    }

    /** Accepts a request from a client: routes it, or rejects it as vLLM does when its prompt is too long. */
    public void accept(Request request, long now) {
        observer.onArrival(request, now);
        if (request.promptTokens >= maxModelLen) {
            observer.onRejected(request, now, "prompt longer than max model length " + maxModelLen);
            return;
        }
        // vLLM caps max_tokens so that prompt + output fits the model length.
        request.outputTokens = Math.min(request.outputTokens, maxModelLen - request.promptTokens);
        router.choose(replicas).submit(request);
    }

    public String name() {
        return name;
    }

    public List<Replica> replicas() {
        return replicas;
    }

    public int maxModelLen() {
        return maxModelLen;
    }
}
