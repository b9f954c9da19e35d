package org.infersim.model.serving;

/**
 * Whoever sent a request and waits for its answer before sending the next: a closed-loop user, a
 * conversation's next turn. Told once per request, when it completes or is rejected (not when it
 * is preempted or moved to another replica).
 */
public interface Client {
    /**
     * Called from inside the serving model's event: schedule what follows (even after no think
     * time) rather than submitting to the deployment from here.
     *
     * @param completed true when the answer was generated, false when the request was rejected
     */
    void onFinished(Request request, long now, boolean completed);
}
