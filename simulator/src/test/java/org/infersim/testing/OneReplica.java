package org.infersim.testing;

import java.util.ArrayList;
import java.util.List;
import org.infersim.kernel.Simulation;
import org.infersim.model.performance.IterationShape;
import org.infersim.model.serving.KvCache;
import org.infersim.model.serving.Replica;
import org.infersim.model.serving.ReplicaSet;
import org.infersim.model.serving.Request;
import org.infersim.model.serving.ResolvedEngine;
import org.infersim.model.serving.ServingObserver;
import org.infersim.model.serving.batching.FcfsScheduling;
import org.infersim.model.serving.batching.RecomputePreemption;

/**
 * A deployment of one ready replica whose iterations all take the same time, with room for every
 * prompt in one iteration and KV blocks to spare, for the tests of what clients send: it keeps
 * every request that arrived, in order, the times they finished, and the most in flight at once.
 */
public final class OneReplica implements ServingObserver {
    public final Simulation sim = new Simulation();
    public final ReplicaSet set;
    public final List<Request> arrived = new ArrayList<>();
    /** For each request of {@link #arrived}, by id: when it completed or was rejected (-1 while in flight). */
    public final List<Long> finishedAt = new ArrayList<>();
    public final List<Long> rejected = new ArrayList<>();
    public int inFlight;
    public int mostInFlight;

    /**
     * @param stepNs      every iteration's duration: a request of o output tokens alone takes o of them
     * @param maxNumSeqs  the most sequences in one batch (more wait)
     * @param maxModelLen the longest prompt + output a request may have
     */
    public OneReplica(long stepNs, int maxNumSeqs, int maxModelLen) {
        ResolvedEngine engine = new ResolvedEngine(16, maxNumSeqs, 1_000_000, true, new FcfsScheduling(),
                new RecomputePreemption(), 0, maxModelLen, false, 0);
        Replica replica = new Replica(0, "r", sim, new FixedStepTime(stepNs), null, new KvCache(100_000, 16), engine,
                this, 1);
        set = new ReplicaSet("d", 1, (request, replicas) -> replicas.get(0), maxModelLen, this);
        set.addReady(replica);
    }

    /** When the request finished, -1 while in flight. */
    public long finishedAt(Request r) {
        return finishedAt.get((int) r.id());
    }

    @Override
    public void onArrival(Request request, long now) {
        if (request.id() != arrived.size()) {
            throw new IllegalStateException("request ids are handed out in arrival order");
        }
        arrived.add(request);
        finishedAt.add(-1L);
        mostInFlight = Math.max(mostInFlight, ++inFlight);
    }

    @Override
    public void onRejected(Request request, long now, String reason) {
        rejected.add(request.id());
        finish(request, now);
    }

    @Override
    public void onCompleted(Request request, long now) {
        finish(request, now);
    }

    private void finish(Request request, long now) {
        finishedAt.set((int) request.id(), now);
        inFlight--;
    }

    @Override
    public void onFirstToken(Request request, long now) {}

    @Override
    public void onPreempted(Request request, Replica replica, long now) {}

    @Override
    public void onIteration(Replica replica, long startNs, long durationNs, IterationShape shape, int[] regularGaps) {}

    @Override
    public void onInterTokenGap(int stream, long gapNs) {}
}
