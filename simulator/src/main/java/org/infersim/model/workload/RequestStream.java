package org.infersim.model.workload;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.infersim.kernel.Simulation;
import org.infersim.model.random.LengthSampler;
import org.infersim.model.random.RandomStreams;
import org.infersim.model.serving.PromptContent;
import org.infersim.model.serving.ReplicaSet;
import org.infersim.model.serving.Request;
import org.infersim.scenario.ArrivalSpec;
import org.infersim.scenario.Workload;

/**
 * One workload: makes its requests and sends each to its deployment. An open stream draws its
 * arrivals and lengths from its own random streams and schedules one arrival at a time, so it costs
 * the same memory for a thousand requests or a billion; each arrival is a single request, or the
 * start of a session when the workload has sessions. A closed loop's users ({@link ClosedLoop})
 * send as their answers come back. Prompts that share nothing carry no {@link PromptContent}.
 */
public final class RequestStream {
    private final int index;
    private final Workload workload;
    private final Simulation sim;
    private final ReplicaSet target;
    private final RequestIds ids;
    private final long endNs;
    private final SessionObserver sessions;
    private final long salt;
    private final RandomStreams random;
    private final SharedPrefix shared;
    /** Null for a closed loop. */
    private final ArrivalProcess arrivals;
    /** An open stream's draws of single requests; null for a closed loop. */
    private final RequestDraws draws;
    /** Each request's prompt as a trace describes it (Mooncake's block hash ids); null otherwise. */
    private final Supplier<PromptContent> traceContents;
    /** Null for an open stream. */
    private final ClosedLoop users;
    private long sessionsStarted;
    private final Runnable arrive = this::arrive;

    /**
     * Where an open workload's requests come from: its arrival process and the samplers of its prompt
     * and output lengths (a trace's own lengths for a trace), and of what the prompts are made of.
     *
     * @param contents each request's prompt content, in turn with the lengths (its tokens are the
     *                 prompt's length; null from it: the request shares nothing); null for a workload
     *                 whose arrivals say nothing of what their prompts share
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
     * @param index    its place among the scenario's workloads: the stream its requests are counted in
     * @param target   the deployment it sends to
     * @param endNs    the end of the run, at and after which it sends nothing
     * @param sessions told how each session goes
     */
    public RequestStream(int index, Workload workload, RandomStreams random, ReplicaSet target, Simulation sim,
                         RequestIds ids, long endNs, SessionObserver sessions) {
        this.index = index;
        this.workload = workload;
        this.sim = sim;
        this.target = target;
        this.ids = ids;
        this.endNs = endNs;
        this.sessions = sessions;
        this.random = random;
        this.salt = saltOf(workload.name());
        this.shared = SharedPrefix.of(workload, salt, random);
        if (workload.arrival() instanceof ArrivalSpec.Closed closed) {
            this.arrivals = null;
            this.draws = null;
            this.traceContents = null;
            this.users = new ClosedLoop(this, closed, random, shared);
        } else {
            Samplers samplers = Samplers.of(workload, random);
            this.arrivals = samplers.arrivals();
            this.draws = RequestDraws.open(workload, samplers.prompt(), samplers.output(), shared, random);
            this.traceContents = samplers.contents();
            this.users = null;
        }
    }

    /** The workload's salt: the first part of every identity of its prompts, a hash of its name. */
    static long saltOf(String name) {
        long h = 0xCBF29CE484222325L; // FNV-1a
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001B3L;
        }
        return h;
    }

    /** Schedules the first arrival (a renewal process starts with one gap after time 0), or the first users. */
    public void start() {
        if (users != null) {
            users.start();
        } else {
            scheduleNext(sim.now());
        }
    }

    /**
     * The arrival process gives the times clients send; the engines see each request the
     * deployment's front-end time later, which is when its event runs.
     */
    private void scheduleNext(long sentNs) {
        long t = arrivals.next(sentNs);
        if (t != ArrivalProcess.NEVER && t < endNs) {
            sim.scheduleAt(t + target.requestOverheadNs(), arrive);
        }
    }

    private void arrive() {
        long now = sentNs();
        if (workload.session() != null) {
            // Each session draws on a generator of its own, numbered in arrival order, which the serving does not change.
            long n = nextSession();
            RequestDraws own = RequestDraws.own(workload, shared, random.stream("workload/" + name() + "/sessions/" + n));
            new Session(this, n, own, Session.Speaker.ALONE, now).start();
        } else if (traceContents != null) {
            PromptContent content = traceContents.get();
            int prompt = draws.message.sample();
            int output = draws.output.sample();
            submit(content == null ? newRequest(draws, prompt, output) : newRequest(content, output));
        } else {
            submit(newRequest(draws, draws.message.sample(), draws.output.sample()));
        }
        scheduleNext(now);
    }

    /** A single request: its shared parts, if any, then its own message, which nothing else shares. */
    Request newRequest(RequestDraws d, int messageTokens, int outputTokens) {
        if (!d.sharesPrefix()) {
            return new Request(ids.next(), index, workload.priority(), sentNs(), messageTokens, outputTokens);
        }
        PromptContent.Builder b = PromptContent.builder();
        d.addPrefix(b);
        return newRequest(b.add(PromptContent.PRIVATE, messageTokens).build(), outputTokens);
    }

    Request newRequest(PromptContent prompt, int outputTokens) {
        return new Request(ids.next(), index, workload.priority(), sentNs(), prompt, outputTokens);
    }

    /**
     * When the client sent the request that reaches the engines now: the deployment's front-end
     * time earlier (every send is scheduled that much later), so latencies include the front end.
     */
    long sentNs() {
        return sim.now() - target.requestOverheadNs();
    }

    /** How much later than a client sends a request the engines see it. */
    long requestOverheadNs() {
        return target.requestOverheadNs();
    }

    void submit(Request r) {
        target.accept(r, sim.now());
    }

    long nextSession() {
        return sessionsStarted++;
    }

    Simulation sim() {
        return sim;
    }

    long endNs() {
        return endNs;
    }

    int maxModelLen() {
        return target.maxModelLen();
    }

    long salt() {
        return salt;
    }

    SessionObserver sessions() {
        return sessions;
    }

    Workload workload() {
        return workload;
    }

    public String name() {
        return workload.name();
    }

    public int index() {
        return index;
    }
}
