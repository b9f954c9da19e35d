package org.infersim.model.workload;

/**
 * Told how each multi-turn session of a workload goes, for the counts a run publishes. A session cut
 * by the end of the run, or by a closed loop that lowers its users, is told only that it started.
 */
public interface SessionObserver {
    SessionObserver NONE = new SessionObserver() {
        @Override
        public void onSessionStarted(int stream, long now) {}

        @Override
        public void onSessionEnded(int stream, long startNs, long now, End end) {}
    };

    /** How a session ended. */
    enum End {
        /** Every turn it meant to have was answered. */
        ALL_TURNS,
        /**
         * Its next turn would not have fit the deployment's max model length, so the user started
         * over, as one does when a chat says the conversation is too long.
         */
        MAX_LENGTH,
        /** A turn was rejected, and the user gave up the conversation. */
        REJECTED
    }

    void onSessionStarted(int stream, long now);

    void onSessionEnded(int stream, long startNs, long now, End end);
}
