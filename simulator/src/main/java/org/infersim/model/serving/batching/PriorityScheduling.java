package org.infersim.model.serving.batching;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import org.infersim.model.serving.Request;
import org.infersim.model.serving.SchedulingPolicy;
import org.infersim.plugin.Settings;

/**
 * vLLM V1's priority scheduling: the most important waiting request is admitted first (higher
 * priority value wins, then the earliest arrival), and the victim is the least important running
 * request, the newest among equals.
 */
public final class PriorityScheduling implements SchedulingPolicy {
    /** Most important first (higher priority), then earliest arrival. */
    private static final Comparator<Request> PRIORITY_ORDER = Comparator
            .comparingInt((Request r) -> -r.priority())
            .thenComparingLong(Request::arrivalNs)
            .thenComparingLong(Request::id);

    @Override
    public Queue<Request> newWaitingQueue() {
        return new PriorityQueue<>(PRIORITY_ORDER);
    }

    @Override
    public void requeue(Queue<Request> waiting, Request preempted) {
        waiting.add(preempted);
    }

    @Override
    public int victim(List<Request> running) {
        int worst = 0;
        for (int i = 1; i < running.size(); i++) {
            Request a = running.get(i);
            Request w = running.get(worst);
            if (a.priority() < w.priority() || (a.priority() == w.priority() && a.arrivalNs() >= w.arrivalNs())) {
                worst = i;
            }
        }
        return worst;
    }

    /** {@code priority}. */
    public static final class Provider implements SchedulingPolicy.Provider {
        @Override
        public String name() {
            return "priority";
        }

        @Override
        public SchedulingPolicy create(Settings settings) {
            return new PriorityScheduling();
        }
    }
}
