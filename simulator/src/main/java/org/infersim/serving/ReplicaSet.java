package org.infersim.serving;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The replicas of one deployment behind its router. Requests go only to replicas that are ready
 * (placed on GPUs); while none is, they wait here in arrival order, as behind Knative's activator,
 * and are routed the moment the first replica becomes ready. So a replica that waits for GPUs
 * (behind a preemption's grace period, say) shows up in the latency of the requests that wait for it.
 */
public final class ReplicaSet {
    private final String name;
    private final int requestedReplicas;
    private final ArrayList<Replica> ready = new ArrayList<>();
    private final List<Replica> readyView = Collections.unmodifiableList(ready);
    private final ArrayDeque<Request> unrouted = new ArrayDeque<>();
    private final Router router;
    private final int maxModelLen;
    private final ServingObserver observer;

    public ReplicaSet(String name, int requestedReplicas, Router router, int maxModelLen, ServingObserver observer) {
        this.name = name;
        this.requestedReplicas = requestedReplicas;
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
        if (ready.isEmpty()) {
            unrouted.addLast(request);
            return;
        }
        router.choose(ready).submit(request);
    }

    /** A replica was placed and can serve: it joins the router's choice, and takes what was waiting. */
    public void addReady(Replica replica) {
        // Kept in index order whatever the order of placement, so that routing ties break the same way.
        int at = ready.size();
        while (at > 0 && ready.get(at - 1).index() > replica.index()) {
            at--;
        }
        ready.add(at, replica);
        while (!unrouted.isEmpty()) {
            router.choose(ready).submit(unrouted.pollFirst());
        }
    }

    public String name() {
        return name;
    }

    /** Replicas ready to serve, in index order. */
    public List<Replica> replicas() {
        return readyView;
    }

    /** Replicas the deployment asked for, ready or not. */
    public int requestedReplicas() {
        return requestedReplicas;
    }

    /** Requests that arrived while no replica was ready and still wait for one. */
    public int unroutedCount() {
        return unrouted.size();
    }

    /** Visits every request this deployment holds: waiting for a replica, or on one. */
    public void forEachInFlight(Consumer<Request> visitor) {
        unrouted.forEach(visitor);
        ready.forEach(r -> r.forEachInFlight(visitor));
    }

    public int maxModelLen() {
        return maxModelLen;
    }
}
