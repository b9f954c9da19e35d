package org.infersim.model.serving;

import org.infersim.model.performance.IterationShape;

/**
 * What the serving model tells the metrics: the only way results leave the simulation, so the
 * model never knows how it is measured.
 */
public interface ServingObserver {
    void onArrival(Request request, long now);

    void onRejected(Request request, long now, String reason);

    void onFirstToken(Request request, long now);

    void onCompleted(Request request, long now);

    void onPreempted(Request request, Replica replica, long now);

    /**
     * One iteration finished. Every decoding sequence that also produced a token in the
     * previous iteration saw an inter-token gap of exactly {@code durationNs}; their count per
     * stream is in {@code regularGapsPerStream} (the others are reported one by one).
     */
    void onIteration(Replica replica, long startNs, long durationNs, IterationShape shape, int[] regularGapsPerStream);

    /** An inter-token gap that was not one iteration long (after a preemption). */
    void onInterTokenGap(int stream, long gapNs);
}
