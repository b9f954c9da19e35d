package org.infersim.model.serving;

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
    private int requestedReplicas;
    /** Told when a request finds no replica ready (the activator's poke to the autoscaler); may be null. */
    private Runnable whenUnrouted;
    private final ArrayList<Replica> ready = new ArrayList<>();
    private final List<Replica> readyView = Collections.unmodifiableList(ready);
    private final ArrayDeque<Request> unrouted = new ArrayDeque<>();
    private int starting;
    private int draining;
    private long waitedForReplica;
    private long waitedForReplicaNs;
    private long longestWaitForReplicaNs;
    private final Router router;
    private final int maxModelLen;
    private final long requestOverheadNs;
    private final ServingObserver observer;

    public ReplicaSet(String name, int requestedReplicas, Router router, int maxModelLen, ServingObserver observer) {
        this(name, requestedReplicas, router, maxModelLen, 0, observer);
    }

    /**
     * @param requestOverheadNs time each request spends in the engines' front end before any engine sees it
     */
    public ReplicaSet(String name, int requestedReplicas, Router router, int maxModelLen, long requestOverheadNs,
                      ServingObserver observer) {
        this.requestOverheadNs = requestOverheadNs;
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
            request.finished(now, false);
            return;
        }
        // vLLM caps max_tokens so that prompt + output fits the model length.
        request.outputTokens = Math.min(request.outputTokens, maxModelLen - request.promptTokens);
        route(request);
    }

    private void route(Request request) {
        if (ready.isEmpty()) {
            unrouted.addLast(request);
            if (whenUnrouted != null) {
                whenUnrouted.run();
            }
            return;
        }
        router.choose(request, ready).submit(request);
    }

    /** Requests taken back from a replica that went away before finishing them: routed again. */
    public void resubmit(List<Request> requests) {
        for (Request r : requests) {
            route(r);
        }
    }

    /** A replica chosen for removal: it takes no new requests from now on. */
    public void removeReady(Replica replica) {
        ready.remove(replica);
    }

    /** The deployment now asks for this many replicas (an autoscaler changed it). */
    public void setRequestedReplicas(int replicas) {
        this.requestedReplicas = replicas;
    }

    /** Replicas placed and cold-starting, and replicas draining, for the time series. */
    public void setLifecycleCounts(int starting, int draining) {
        this.starting = starting;
        this.draining = draining;
    }

    public int startingReplicas() {
        return starting;
    }

    public int drainingReplicas() {
        return draining;
    }

    /** Requests that arrived when no replica was ready and waited for one (a cold start, or GPUs), over the run. */
    public long waitedForReplica() {
        return waitedForReplica;
    }

    public long waitedForReplicaNs() {
        return waitedForReplicaNs;
    }

    public long longestWaitForReplicaNs() {
        return longestWaitForReplicaNs;
    }

    /** Registers who hears of requests that find no replica ready. */
    public void whenUnrouted(Runnable listener) {
        this.whenUnrouted = listener;
    }

    /** A replica was placed and can serve: it joins the router's choice, and takes what was waiting. */
    public void addReady(Replica replica) {
        // Kept in index order whatever the order of placement, so that routing ties break the same way.
        int at = ready.size();
        while (at > 0 && ready.get(at - 1).index() > replica.index()) {
            at--;
        }
        ready.add(at, replica);
        long now = -1;
        while (!unrouted.isEmpty()) {
            Request r = unrouted.pollFirst();
            if (r.replica < 0) {
                // A request that found no replica ready (one handed back by a drain has been on a replica).
                now = now < 0 ? replica.nowNs() : now;
                waitedForReplica++;
                // From when the engines' front end passed it on, not from when the client sent it.
                long waited = now - r.arrivalNs - requestOverheadNs;
                waitedForReplicaNs += waited;
                longestWaitForReplicaNs = Math.max(longestWaitForReplicaNs, waited);
            }
            router.choose(r, ready).submit(r);
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

    /** Time a request spends in the front end before it reaches the deployment's engines. */
    public long requestOverheadNs() {
        return requestOverheadNs;
    }

    public int maxModelLen() {
        return maxModelLen;
    }
}
