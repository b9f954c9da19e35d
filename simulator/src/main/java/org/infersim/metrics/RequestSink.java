package org.infersim.metrics;

import org.infersim.model.serving.Request;

/** Receives each finished request (for {@code requests.csv}). */
public interface RequestSink {
    /** @param outcome "completed" or "rejected" */
    void accept(Request request, String stream, String outcome, long endNs);
}
