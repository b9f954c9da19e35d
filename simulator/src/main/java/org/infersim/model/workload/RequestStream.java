package org.infersim.model.workload;

import org.infersim.kernel.Simulation;
import org.infersim.model.random.LengthSampler;
import org.infersim.model.serving.ReplicaSet;
import org.infersim.model.serving.Request;

/**
 * One workload: draws arrivals and lengths from its own random streams and sends each request
 * to its deployment. Schedules one arrival at a time, so a stream costs the same memory for a
 * thousand requests or a billion.
 */
public final class RequestStream {
    private final int index;
    private final String name;
    private final int priority;
    private final Simulation sim;
    private final ArrivalProcess arrivals;
    private final LengthSampler prompt;
    private final LengthSampler output;
    private final ReplicaSet target;
    private final RequestIds ids;
    private final long endNs;
    private final Runnable arrive = this::arrive;

    public RequestStream(int index, String name, int priority, Simulation sim, ArrivalProcess arrivals,
                         LengthSampler prompt, LengthSampler output, ReplicaSet target, RequestIds ids, long endNs) {
        this.index = index;
        this.name = name;
        this.priority = priority;
        this.sim = sim;
        this.arrivals = arrivals;
        this.target = target;
        this.ids = ids;
        this.endNs = endNs;
        if (arrivals instanceof TraceReplay trace) {
            this.prompt = trace::promptTokens;
            this.output = trace::outputTokens;
        } else {
            this.prompt = prompt;
            this.output = output;
        }
    }

    /** Schedules the first arrival (a renewal process starts with one gap after time 0). */
    public void start() {
        scheduleNext(sim.now());
    }

    private void scheduleNext(long now) {
        long t = arrivals.next(now);
        if (t != ArrivalProcess.NEVER && t < endNs) {
            sim.scheduleAt(t, arrive);
        }
    }

    private void arrive() {
        long now = sim.now();
        Request r = new Request(ids.next(), index, priority, now, prompt.sample(), output.sample());
        target.accept(r, now);
        scheduleNext(now);
    }

    public String name() {
        return name;
    }

    public int index() {
        return index;
    }
}
