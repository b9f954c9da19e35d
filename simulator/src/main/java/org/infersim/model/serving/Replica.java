package org.infersim.model.serving;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.Consumer;
import org.infersim.kernel.Simulation;
import org.infersim.model.cluster.SharedGpu;
import org.infersim.model.performance.IterationShape;
import org.infersim.model.performance.StepTimeModel;

/**
 * One serving-engine instance running continuous batching the way vLLM V1 does: every
 * iteration first gives each running sequence its next tokens (decodes, or the next chunk of a
 * prefill), preempting the least deserving running sequence when the KV cache has no block for
 * them, then admits waiting requests into what is left of the token budget. An iteration lasts
 * what the step-time model says; the next one starts as soon as it ends, while there is work.
 * The engine's {@link SchedulingPolicy} orders the waiting requests and picks the victims; its
 * {@link KvPreemption} decides whether a victim's blocks are swapped out or recomputed.
 */
public final class Replica {

    private final int index;
    private final String name;
    private final Simulation sim;
    private final StepTimeModel stepTime;
    /** Where iterations run when the GPU is shared (time-slicing, MPS); null when the replica owns its GPUs. */
    private final SharedGpu.Tenant sharedGpu;
    private final KvCache kv;
    private final ResolvedEngine settings;
    private final SchedulingPolicy scheduling;
    private final KvPreemption preemption;
    private final ServingObserver observer;

    private final Queue<Request> waiting;
    private final ArrayDeque<Request> swapped = new ArrayDeque<>();
    private final ArrayList<Request> running = new ArrayList<>();
    private final IterationShape shape = new IterationShape();
    private final int[] regularGaps;
    private final Runnable iterationEnd = this::endIteration;
    private final Runnable iterationStart = this::startIteration;
    private final Runnable gpuPhase = this::beginGpuPhase;
    /** On a shared GPU: the GPU part of the iteration whose host part is running. */
    private long pendingGpuWorkNs;

    private long hostBlocksUsed;
    /** Blocks the requests waiting here will take once admitted (each request's {@code queuedBlocks}, summed). */
    private long queuedBlocks;
    private long kvBlocksInIteration;
    private boolean iterating;
    private boolean startScheduled;
    /** The pending start of the next iteration, and the pending end (or GPU phase) of the one in flight. */
    private long startEvent = -1;
    private long iterationEvent = -1;
    private long iterationStartNs;
    private long iterationDurationNs;
    private long preemptions;
    private long iterations;
    private int outstanding;
    /** Added to the next iteration only: the first one after a cold start is slower (lazy compilation, warm-up). */
    private long firstIterationPenaltyNs;
    /** Set while draining: told once nothing is left. */
    private Runnable whenDrained;
    /** Set when a drain times out: the requests still here go back to the deployment at the next iteration boundary. */
    private Consumer<List<Request>> evacuateTo;

    /**
     * @param sharedGpu its place on a GPU shared by time-slicing or MPS, where its iterations are
     *                  stretched by busy neighbours; null on whole GPUs or a MIG instance, where an
     *                  iteration takes exactly what the step-time model says
     */
    public Replica(int index, String name, Simulation sim, StepTimeModel stepTime, SharedGpu.Tenant sharedGpu,
                   KvCache kv, ResolvedEngine settings, ServingObserver observer, int streams) {
        this.index = index;
        this.name = name;
        this.sim = sim;
        this.stepTime = stepTime;
        this.sharedGpu = sharedGpu;
        this.kv = kv;
        this.settings = settings;
        this.observer = observer;
        this.regularGaps = new int[streams];
        this.scheduling = settings.scheduling();
        this.preemption = settings.preemption();
        this.waiting = scheduling.newWaitingQueue();
    }

    /** Takes a request the router sent here; it waits for the next iteration with room. */
    public void submit(Request request) {
        request.replica = index;
        outstanding++;
        queue(request);
        waiting.add(request);
        wake();
    }

    private void wake() {
        if (!iterating && !startScheduled) {
            // Start at the end of the current instant, so that requests arriving together join one batch.
            startScheduled = true;
            startEvent = sim.schedule(0, iterationStart);
        }
    }

    private void startIteration() {
        startScheduled = false;
        if (iterating) {
            return;
        }
        shape.clear();
        long evictedBefore = kv.evictedBlocks();
        boolean preempted = scheduleRunning();
        if (!preempted) {
            swapIn();
        }
        if (!preempted && swapped.isEmpty()) {
            admitWaiting();
        }
        fillShape();
        shape.evictedBlocks = kv.evictedBlocks() - evictedBefore;
        if (shape.isEmpty()) {
            rejectUnservable();
            return;
        }
        iterating = true;
        iterations++;
        kvBlocksInIteration = kv.usedBlocks();
        iterationStartNs = sim.now();
        long work = stepTime.stepTimeNs(shape) + firstIterationPenaltyNs;
        firstIterationPenaltyNs = 0;
        if (sharedGpu == null) {
            iterationDurationNs = work;
            iterationEvent = sim.schedule(work, iterationEnd);
        } else if (shape.hostNs > 0) {
            // The host's part (scheduling, sampling) runs first and does not contend for the GPU.
            pendingGpuWorkNs = work - shape.hostNs;
            iterationEvent = sim.schedule(shape.hostNs, gpuPhase);
        } else {
            sharedGpu.begin(work, iterationEnd);
        }
    }

    private void beginGpuPhase() {
        sharedGpu.begin(pendingGpuWorkNs, iterationEnd);
    }

    /** Gives running sequences their tokens; returns whether anything had to be preempted. */
    private boolean scheduleRunning() {
        long budget = settings.maxNumBatchedTokens();
        boolean preempted = false;
        for (int i = 0; i < running.size() && budget > 0; i++) {
            Request r = running.get(i);
            int chunk = (int) Math.min(r.tokensToCompute(), budget);
            long needed = kv.blocksFor((long) r.computed + chunk) - r.blocks;
            boolean selfPreempted = false;
            while (needed > kv.freeBlocks()) {
                int victimIndex = scheduling.victim(running);
                Request victim = running.get(victimIndex);
                if (victim.chunk > 0) {
                    budget += victim.chunk;
                    victim.chunk = 0;
                }
                preempt(victimIndex);
                preempted = true;
                if (victim == r) {
                    selfPreempted = true;
                    break;
                }
                if (victimIndex < i) {
                    i--;
                }
            }
            if (selfPreempted) {
                i--;
                continue;
            }
            kv.allocate(r, needed);
            r.chunk = chunk;
            budget -= chunk;
        }
        return preempted;
    }

    private void preempt(int victimIndex) {
        Request victim = running.remove(victimIndex);
        victim.preemptions++;
        preemptions++;
        if (preemption.swapsOut(victim.blocks, settings.swapBlocks() - hostBlocksUsed)) {
            hostBlocksUsed += victim.blocks;
            victim.swappedBlocks = victim.blocks;
            shape.swappedBlocks += victim.blocks;
            // Its shared blocks stay cached on the GPU for others; it comes back to private copies.
            kv.release(victim);
            swapped.addLast(victim);
        } else {
            // Its blocks stay cached: recomputation starts from what is still there.
            kv.release(victim);
            victim.computed = 0;
            queue(victim);
            scheduling.requeue(waiting, victim);
        }
        observer.onPreempted(victim, this, sim.now());
    }

    /** Swapped-out sequences come back, oldest first, while there is room. */
    private void swapIn() {
        while (!swapped.isEmpty() && running.size() < settings.maxNumSeqs()) {
            Request r = swapped.peekFirst();
            if (!kv.canAllocate(r.swappedBlocks)) {
                return;
            }
            swapped.pollFirst();
            kv.allocate(r, r.swappedBlocks);
            hostBlocksUsed -= r.swappedBlocks;
            shape.swappedBlocks += r.swappedBlocks;
            r.swappedBlocks = 0;
            // Swapped-in sequences resume next iteration; their blocks are back, nothing to recompute.
            running.add(r);
        }
    }

    private void admitWaiting() {
        long budget = settings.maxNumBatchedTokens();
        for (int i = 0; i < running.size(); i++) {
            budget -= running.get(i).chunk;
        }
        while (budget > 0 && running.size() < settings.maxNumSeqs() && !waiting.isEmpty()) {
            Request r = waiting.peek();
            // A waiting request holds no blocks; with prefix caching it starts from its cached prefix.
            int hits = kv.findCachedPrefix(r);
            int cached = hits * kv.blockSize();
            int need = r.tokensToCompute() - cached;
            if (!settings.chunkedPrefill() && need > budget) {
                return;
            }
            int chunk = (int) Math.min(need, budget);
            long blocks = kv.blocksFor((long) cached + chunk) - hits;
            if (!kv.canAdmit(r, hits, blocks)) {
                return;
            }
            waiting.poll();
            unqueue(r);
            kv.admit(r, hits, blocks);
            shape.cachedTokens += cached;
            r.chunk = chunk;
            budget -= chunk;
            running.add(r);
        }
    }

    /** Counts the blocks a request entering the waiting queue will need once admitted. */
    private void queue(Request r) {
        r.queuedBlocks = (int) kv.blocksFor(r.tokensToCompute());
        queuedBlocks += r.queuedBlocks;
    }

    private void unqueue(Request r) {
        queuedBlocks -= r.queuedBlocks;
        r.queuedBlocks = 0;
    }

    private void fillShape() {
        for (int i = 0, n = running.size(); i < n; i++) {
            Request r = running.get(i);
            int chunk = r.chunk;
            if (chunk == 0) {
                continue;
            }
            int past = r.computed;
            if (chunk == 1 && r.generated > 0) {
                shape.decodeTokens++;
                shape.decodeContextTokens += past + 1;
            } else {
                shape.prefillSequences++;
                shape.prefillTokens += chunk;
                shape.prefillPastTokens += past;
                shape.prefillAttentionPairs += chunk * (past + chunk / 2.0);
            }
        }
    }

    private void endIteration() {
        long now = sim.now();
        if (sharedGpu != null) {
            iterationDurationNs = now - iterationStartNs;
        }
        java.util.Arrays.fill(regularGaps, 0);
        int kept = 0;
        for (int i = 0, n = running.size(); i < n; i++) {
            Request r = running.get(i);
            boolean done = false;
            if (r.chunk > 0) {
                r.computed += r.chunk;
                r.chunk = 0;
                kv.computed(r);
                if (r.computed == r.promptTokens + r.generated) {
                    done = emitToken(r, now);
                }
            }
            if (done) {
                kv.release(r);
                outstanding--;
                observer.onCompleted(r, now);
                r.finished(now, true);
            } else {
                running.set(kept++, r);
            }
        }
        for (int i = running.size() - 1; i >= kept; i--) {
            running.remove(i);
        }
        iterating = false;
        observer.onIteration(this, iterationStartNs, iterationDurationNs, shape, regularGaps);
        if (evacuateTo != null) {
            evacuate();
        } else if (hasWork()) {
            startIteration();
        } else {
            drained();
        }
    }

    /** The first iteration after a cold start takes this much longer. */
    public void slowFirstIteration(long penaltyNs) {
        firstIterationPenaltyNs = penaltyNs;
    }

    /**
     * Stops for removal: the router sends nothing more (the caller took it out), what is here runs
     * to completion, and {@code whenEmpty} is told once nothing is left (at once if idle).
     */
    public void drain(Runnable whenEmpty) {
        whenDrained = whenEmpty;
        if (!iterating && !hasWork()) {
            drained();
        }
    }

    /**
     * Gives up on the requests still here (a drain timeout): at the end of the running iteration,
     * or now if idle, they are handed to {@code receiver} to be served elsewhere, each to be
     * recomputed from its prompt and the tokens it already has, then the replica counts as drained.
     */
    public void evacuate(Consumer<List<Request>> receiver) {
        evacuateTo = receiver;
        if (!iterating) {
            evacuate();
        }
    }

    /**
     * Its GPUs are gone (the provider took their node back): the iteration in flight is lost, not
     * finished, and every request here is handed to {@code receiver} at once, as an evacuation
     * hands them, then the replica counts as drained.
     */
    public void kill(Consumer<List<Request>> receiver) {
        if (startScheduled) {
            sim.cancel(startEvent);
            startScheduled = false;
        }
        if (iterating) {
            if (sharedGpu != null && sharedGpu.inIteration()) {
                sharedGpu.abort();
            } else {
                sim.cancel(iterationEvent);
            }
            iterating = false;
        }
        evacuateTo = receiver;
        evacuate();
    }

    private void evacuate() {
        List<Request> out = new ArrayList<>(running);
        out.addAll(swapped);
        out.addAll(waiting);
        for (Request r : out) {
            unqueue(r);
            kv.release(r);
            r.swappedBlocks = 0;
            r.computed = 0;
            r.chunk = 0;
        }
        running.clear();
        swapped.clear();
        waiting.clear();
        hostBlocksUsed = 0;
        outstanding = 0;
        Consumer<List<Request>> receiver = evacuateTo;
        evacuateTo = null;
        receiver.accept(out);
        drained();
    }

    private void drained() {
        if (whenDrained != null && outstanding == 0) {
            Runnable r = whenDrained;
            whenDrained = null;
            r.run();
        }
    }

    /** Samples the next token of {@code r}; returns whether the request is complete. */
    private boolean emitToken(Request r, long now) {
        r.generated++;
        if (r.generated == 1) {
            r.firstTokenNs = now;
            observer.onFirstToken(r, now);
        } else {
            long gap = now - r.lastTokenNs;
            if (gap == iterationDurationNs) {
                regularGaps[r.stream]++;
            } else {
                observer.onInterTokenGap(r.stream, gap);
            }
        }
        r.lastTokenNs = now;
        return r.generated >= r.outputTokens;
    }

    /**
     * With nothing running and every block free, a waiting request that still cannot start never
     * will (settings are resolved so that this does not happen); reject it rather than stall.
     */
    private void rejectUnservable() {
        if (running.isEmpty() && swapped.isEmpty() && !waiting.isEmpty()) {
            Request r = waiting.poll();
            unqueue(r);
            outstanding--;
            observer.onRejected(r, sim.now(), "does not fit in an empty KV cache");
            r.finished(sim.now(), false);
            if (waiting.isEmpty()) {
                drained();
            }
            wake();
        }
    }

    private boolean hasWork() {
        return !running.isEmpty() || !waiting.isEmpty() || !swapped.isEmpty();
    }

    long nowNs() {
        return sim.now();
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    /** Requests routed here and not yet completed. */
    public int outstanding() {
        return outstanding;
    }

    /**
     * KV blocks on their way here: the prompts (and recomputations) waiting to be admitted, and
     * the sequences swapped out to the host, none of which the cache holds yet.
     */
    public long kvBlocksOnTheWay() {
        return queuedBlocks + hostBlocksUsed;
    }

    public int waitingCount() {
        return waiting.size() + swapped.size();
    }

    public int runningCount() {
        return running.size();
    }

    public KvCache kvCache() {
        return kv;
    }

    public long preemptions() {
        return preemptions;
    }

    public long iterations() {
        return iterations;
    }

    public ResolvedEngine settings() {
        return settings;
    }

    /** KV blocks held during the iteration that just ran (for time-weighted occupancy). */
    public long kvBlocksInIteration() {
        return kvBlocksInIteration;
    }

    /** Visits every request this replica holds: waiting, swapped out or running. */
    public void forEachInFlight(java.util.function.Consumer<Request> visitor) {
        waiting.forEach(visitor);
        swapped.forEach(visitor);
        running.forEach(visitor);
    }

    public boolean isBusy() {
        return iterating;
    }
}
