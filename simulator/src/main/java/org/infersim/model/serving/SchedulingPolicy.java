package org.infersim.model.serving;

import java.util.List;
import java.util.Queue;
import org.infersim.plugin.PolicyFamily;
import org.infersim.plugin.PolicyProvider;
import org.infersim.plugin.Settings;

/**
 * The order in which a replica admits waiting requests into its batch, and which running request
 * it preempts first when the KV cache has no block left. One instance serves every replica of a
 * deployment, so it keeps no state: each replica holds its own queue, made here.
 */
public interface SchedulingPolicy {
    /** An empty queue for the requests waiting on one replica, which polls them in this policy's admission order. */
    Queue<Request> newWaitingQueue();

    /**
     * Puts a request that was preempted to be recomputed back into {@code waiting} (a queue this
     * policy made), where it is admitted again before the requests that came after it.
     */
    void requeue(Queue<Request> waiting, Request preempted);

    /** The index in {@code running} (never empty; in the order they were scheduled) of the request to preempt first. */
    int victim(List<Request> running);

    /** Makes the scheduling policy an engine names ({@code engine.scheduling}). */
    interface Provider extends PolicyProvider {
        @Override
        default PolicyFamily family() {
            return PolicyFamily.BATCH_SCHEDULING;
        }

        SchedulingPolicy create(Settings settings);
    }
}
