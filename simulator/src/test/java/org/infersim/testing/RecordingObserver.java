package org.infersim.testing;

import java.util.ArrayList;
import java.util.List;
import org.infersim.model.performance.IterationShape;
import org.infersim.model.serving.Replica;
import org.infersim.model.serving.Request;
import org.infersim.model.serving.ServingObserver;

/** A serving observer that keeps the ids of the requests that were preempted, completed or rejected, in order. */
public final class RecordingObserver implements ServingObserver {
    public final List<Long> preempted = new ArrayList<>();
    public final List<Long> completed = new ArrayList<>();
    public final List<Long> rejected = new ArrayList<>();

    @Override
    public void onArrival(Request request, long now) {}

    @Override
    public void onRejected(Request request, long now, String reason) {
        rejected.add(request.id());
    }

    @Override
    public void onFirstToken(Request request, long now) {}

    @Override
    public void onCompleted(Request request, long now) {
        completed.add(request.id());
    }

    @Override
    public void onPreempted(Request request, Replica replica, long now) {
        preempted.add(request.id());
    }

    @Override
    public void onIteration(Replica replica, long startNs, long durationNs, IterationShape shape, int[] regularGaps) {}

    @Override
    public void onInterTokenGap(int stream, long gapNs) {}
}
