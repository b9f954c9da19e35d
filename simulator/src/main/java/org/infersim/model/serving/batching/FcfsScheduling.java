package org.infersim.model.serving.batching;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import org.infersim.model.serving.Request;
import org.infersim.model.serving.SchedulingPolicy;
import org.infersim.plugin.Settings;

/**
 * First come, first served, as vLLM V1 schedules by default: requests are admitted in the order
 * they reached the replica, a preempted one goes back to the head of the queue, and the victim is
 * the newest running request.
 */
public final class FcfsScheduling implements SchedulingPolicy {
    @Override
    public Queue<Request> newWaitingQueue() {
        return new ArrayDeque<>();
    }

    @Override
    public void requeue(Queue<Request> waiting, Request preempted) {
        ((Deque<Request>) waiting).addFirst(preempted);
    }

    @Override
    public int victim(List<Request> running) {
        return running.size() - 1;
    }

    /** {@code fcfs}. */
    public static final class Provider implements SchedulingPolicy.Provider {
        @Override
        public String name() {
            return "fcfs";
        }

        @Override
        public SchedulingPolicy create(Settings settings) {
            return new FcfsScheduling();
        }
    }
}
