package org.infersim.bench;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.infersim.kernel.Simulation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The classic hold model: a fixed population of pending events; each event, when it runs,
 * schedules one successor at now + an exponential delay. The queue size stays constant, so the
 * benchmark measures the steady-state cost of one pop plus one push.
 *
 * <p>Compares {@link Simulation} with the textbook alternative, a {@link PriorityQueue} of event
 * objects. Both consume the same pre-drawn delay sequence, so they see identical queue contents
 * and the random number generator costs nothing in either. Scores are events per second.
 *
 * <pre>java -jar simulator/benchmarks/target/benchmarks.jar Hold -f 1 -wi 3 -i 5 -w 2s -r 2s</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HoldBenchmark {

    /** Events run per benchmark invocation; large enough to amortise the call into run(). */
    static final int EVENTS_PER_INVOCATION = 100_000;

    /** A power of two so the cursor wraps with a mask; large enough to defeat any periodicity. */
    private static final int DELAYS = 1 << 20;

    @Param({"1000"})
    int pending;

    /**
     * Mean of the exponential delay, ns: 1 µs and 1 ms. At 1 µs the 1,000 pending events lie
     * about a nanosecond apart, so equal times are common and this case measures how each queue
     * breaks ties (by scheduling order); at 1 ms ties are rare.
     */
    @Param({"1000", "1000000"})
    long meanDelayNs;

    private long[] delays;

    private Simulation sim;
    private KernelHold kernelHold;

    private PqLoop pq;
    private PqHold pqHold;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(20240611L);
        delays = new long[DELAYS];
        for (int i = 0; i < DELAYS; i++) {
            // Inverse-CDF sampling; 1 - u keeps the argument of log in (0, 1].
            delays[i] = (long) (-meanDelayNs * Math.log(1.0 - rng.nextDouble()));
        }

        sim = new Simulation();
        kernelHold = new KernelHold(sim, delays);
        for (int i = 0; i < pending; i++) {
            sim.schedule(kernelHold.nextDelay(), kernelHold);
        }

        pq = new PqLoop();
        pqHold = new PqHold(pq, delays);
        for (int i = 0; i < pending; i++) {
            pq.schedule(pqHold.nextDelay(), pqHold);
        }
    }

    /*
     * Both variants keep their queue between invocations (stopping after a fixed number of events
     * and resuming next time), so every measured event is a steady-state hold operation and no
     * time is spent refilling the queue.
     */

    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_INVOCATION)
    public long simulation() {
        kernelHold.remaining = EVENTS_PER_INVOCATION;
        sim.run();
        return sim.now();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_INVOCATION)
    public long priorityQueue() {
        pqHold.remaining = EVENTS_PER_INVOCATION;
        pq.run();
        return pq.now;
    }

    /** One action object serves every event, so the kernel's own costs are all that is measured. */
    static final class KernelHold implements Runnable {
        private final Simulation sim;
        private final long[] delays;
        private int cursor;
        int remaining;

        KernelHold(Simulation sim, long[] delays) {
            this.sim = sim;
            this.delays = delays;
        }

        long nextDelay() {
            long d = delays[cursor];
            cursor = (cursor + 1) & (DELAYS - 1);
            return d;
        }

        @Override
        public void run() {
            sim.schedule(nextDelay(), this);
            if (--remaining == 0) {
                sim.stop();
            }
        }
    }

    static final class PqHold implements Runnable {
        private final PqLoop loop;
        private final long[] delays;
        private int cursor;
        int remaining;

        PqHold(PqLoop loop, long[] delays) {
            this.loop = loop;
            this.delays = delays;
        }

        long nextDelay() {
            long d = delays[cursor];
            cursor = (cursor + 1) & (DELAYS - 1);
            return d;
        }

        @Override
        public void run() {
            loop.schedule(nextDelay(), this);
            if (--remaining == 0) {
                loop.stop();
            }
        }
    }

    /**
     * The baseline a straightforward kernel would use: one event object per schedule call (it is
     * also the handle a caller would cancel through), ordered by (time, seq) in a PriorityQueue.
     */
    static final class PqLoop {
        long now;
        private long seq;
        private boolean stopped;
        private final PriorityQueue<Event> queue = new PriorityQueue<>();

        void schedule(long delay, Runnable action) {
            queue.offer(new Event(now + delay, seq++, action));
        }

        void stop() {
            stopped = true;
        }

        void run() {
            stopped = false;
            Event e;
            while (!stopped && (e = queue.poll()) != null) {
                now = e.time;
                e.action.run();
            }
        }
    }

    static final class Event implements Comparable<Event> {
        final long time;
        final long seq;
        final Runnable action;

        Event(long time, long seq, Runnable action) {
            this.time = time;
            this.seq = seq;
            this.action = action;
        }

        @Override
        public int compareTo(Event o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
