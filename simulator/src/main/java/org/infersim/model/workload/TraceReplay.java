package org.infersim.model.workload;

import org.infersim.scenario.ArrivalSpec;

/** Replays a trace's arrival times (scaled) and hands out each row's lengths in order. */
final class TraceReplay implements ArrivalProcess {
    private final ArrivalSpec.Trace trace;
    private int row = -1;

    TraceReplay(ArrivalSpec.Trace trace) {
        this.trace = trace;
    }

    @Override
    public long next(long now) {
        row++;
        if (row >= trace.offsetsNs().length) {
            return NEVER;
        }
        long at = Math.round(trace.offsetsNs()[row] / trace.rateScale());
        return Math.max(at, now);
    }

    int promptTokens() {
        return trace.promptTokens()[row];
    }

    int outputTokens() {
        return trace.outputTokens()[row];
    }
}
