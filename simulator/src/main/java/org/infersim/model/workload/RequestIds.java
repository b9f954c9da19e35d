package org.infersim.model.workload;

/** Hands out request ids in arrival order, shared by all streams of one run. */
public final class RequestIds {
    private long next;

    public long next() {
        return next++;
    }
}
