package org.infersim.model.workload;

import java.util.function.Supplier;
import org.infersim.kernel.Simulation;
import org.infersim.model.random.LengthSampler;
import org.infersim.model.random.RandomStreams;
import org.infersim.model.serving.PromptContent;
import org.infersim.model.serving.ReplicaSet;
import org.infersim.model.serving.Request;
import org.infersim.scenario.Workload;

/**
 * One workload: draws arrivals and lengths from its own random streams and sends each request
 * to its deployment. Schedules one arrival at a time, so a stream costs the same memory for a
 * thousand requests or a billion.
 */
public final class RequestStream {
    private final int index;
    private final Workload workload;
    private final Simulation sim;
    private final ArrivalProcess arrivals;
    private final LengthSampler prompt;
    private final LengthSampler output;
    /** What each prompt shares, when the workload says (a trace with block hash ids); null otherwise. */
    private final Supplier<PromptContent> contents;
    private final ReplicaSet target;
    private final RequestIds ids;
    private final long endNs;
    private final Runnable arrive = this::arrive;

    /**
     * Where a workload's requests come from: its arrival process and the samplers of its prompt and
     * output lengths (a trace's own lengths for a trace), and of what the prompts are made of.
     *
     * @param contents each request's prompt content, in turn with the lengths (its tokens are the
     *                 prompt's length; null from it: the request shares nothing); null for a workload
     *                 that says nothing of what its prompts share
     */
    public record Samplers(ArrivalProcess arrivals, LengthSampler prompt, LengthSampler output,
                           Supplier<PromptContent> contents) {

        public Samplers(ArrivalProcess arrivals, LengthSampler prompt, LengthSampler output) {
            this(arrivals, prompt, output, null);
        }

        /** The workload's samplers on its own streams, {@code workload/<name>/arrivals}, {@code .../prompt}, {@code .../output}. */
        public static Samplers of(Workload w, RandomStreams random) {
            String key = "workload/" + w.name() + "/";
            ArrivalProcess arrivals = ArrivalProcess.of(w.arrival(), random.stream(key + "arrivals"));
            if (arrivals instanceof TraceReplay trace) {
                return new Samplers(trace, trace::promptTokens, trace::outputTokens,
                        trace.sharesPrompts() ? trace::promptContent : null);
            }
            return new Samplers(arrivals, LengthSampler.of(w.promptTokens(), random.stream(key + "prompt")),
                    LengthSampler.of(w.outputTokens(), random.stream(key + "output")));
        }
    }

    /**
     * @param index  its place among the scenario's workloads: the stream its requests are counted in
     * @param target the deployment it sends to
     * @param endNs  the end of the run, after which it sends nothing
     */
    public RequestStream(int index, Workload workload, Samplers samplers, ReplicaSet target, Simulation sim,
                         RequestIds ids, long endNs) {
        this.index = index;
        this.workload = workload;
        this.sim = sim;
        this.arrivals = samplers.arrivals();
        this.prompt = samplers.prompt();
        this.output = samplers.output();
        this.contents = samplers.contents();
        this.target = target;
        this.ids = ids;
        this.endNs = endNs;
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
        PromptContent content = contents == null ? null : contents.get();
        Request r = content == null
                ? new Request(ids.next(), index, workload.priority(), now, prompt.sample(), output.sample())
                : new Request(ids.next(), index, workload.priority(), now, content, output.sample());
        target.accept(r, now);
        scheduleNext(now);
    }

    public String name() {
        return workload.name();
    }

    public int index() {
        return index;
    }
}
