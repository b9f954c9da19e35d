package org.infersim.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.infersim.input.InvalidInputException;
import org.infersim.run.ClusterRun;
import org.infersim.run.Progress;
import org.infersim.run.RunResult;
import org.infersim.scenario.LoadedScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The end-to-end speed benchmark: a chat workload of a million requests over sixteen replicas,
 * timed on the wall clock, with the JVM's peak heap. Run it with {@code -Xmx1g} to hold the
 * memory target to account.
 */
@Command(name = "bench", description = "Measures simulation speed: a chat workload over many replicas; prints "
        + "simulated requests per wall-clock second and peak heap.")
final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--requests", defaultValue = "1000000", description = "Requests to simulate (default ${DEFAULT-VALUE}).")
    long requests;

    @Option(names = "--replicas", defaultValue = "16", description = "Replicas of llama-3.1-8b on H100-SXM (default ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--rate-per-replica", defaultValue = "12",
            description = "Poisson arrivals per second per replica (default ${DEFAULT-VALUE}, about 70%% of capacity).")
    double ratePerReplica;

    @Option(names = "--repeat", defaultValue = "2", description = "Runs; the first warms the JIT (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--gpu-fraction", defaultValue = "1",
            description = "Time-sliced share of an H100 per replica, in (0, 1]; 1 (the default) gives each replica a "
                    + "whole GPU. 0.5 puts two replicas on each GPU, sharing it as processor sharing: lower "
                    + "--rate-per-replica to match (each gets about half the GPU while both are busy).")
    double gpuFraction;

    static String scenario(long requests, int replicas, double ratePerReplica, double gpuFraction) {
        double rate = replicas * ratePerReplica;
        double seconds = requests / rate;
        int gpus = (int) Math.ceil(replicas * gpuFraction - 1e-9);
        String share = gpuFraction >= 1 ? "" : String.format(Locale.ROOT,
                "    gpuShare: {mode: time-slicing, fraction: %s}%n", gpuFraction);
        return String.format(Locale.ROOT, """
                name: bench-chat
                seed: 7
                duration: %.3fs
                warmup: 60s
                metricsInterval: 60s
                cluster:
                  pools:
                    - {name: h100, gpu: h100-sxm, count: %d}
                deployments:
                  - name: chat
                    model: llama-3.1-8b
                    replicas: %d
                    router: least-outstanding
                %sworkloads:
                  - name: chat
                    arrival: {type: poisson, rate: %.6f/s}
                    promptTokens: {type: lognormal, mean: 1000, stddev: 800, max: 8000}
                    outputTokens: {type: lognormal, mean: 250, stddev: 200, max: 2000}
                    slo: {ttft: 2s, tpot: 100ms}
                """, seconds, gpus, replicas, share, rate);
    }

    @Override
    public Integer call() throws Exception {
        LoadedScenario loaded;
        try {
            loaded = main.validation(List.of()).parse(scenario(requests, replicas, ratePerReplica, gpuFraction),
                    "<bench>", Path.of("."));
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> System.err.println(p));
            return Main.BAD_INPUT;
        }
        System.out.printf(Locale.ROOT, "bench: %,d requests of llama-3.1-8b chat over %d H100 replicas%s, %.0f req/s%n",
                requests, replicas, gpuFraction >= 1 ? "" : " time-sliced at " + gpuFraction + " of a GPU each",
                replicas * ratePerReplica);
        for (int i = 1; i <= repeat; i++) {
            resetPeaks();
            long start = System.nanoTime();
            RunResult result = new ClusterRun(loaded, null).run(Progress.NONE);
            double wall = (System.nanoTime() - start) / 1e9;
            long arrived = result.summary().requests().arrived();
            System.out.printf(Locale.ROOT,
                    "run %d: %,d requests, %,d events in %.2f s wall: %,.0f requests/s, %,.0f events/s, "
                            + "peak heap %.0f MB (max heap %.0f MB); p95 TTFT %.0f ms, busy %.0f%%%n",
                    i, arrived, result.eventsProcessed(), wall, arrived / wall, result.eventsProcessed() / wall,
                    peakHeapBytes() / 1e6, Runtime.getRuntime().maxMemory() / 1e6,
                    result.summary().overall().ttftMs().p95(),
                    result.summary().pools().get(0).busyFraction() * 100);
        }
        return 0;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks: an upper bound on the heap the run needed at once. */
    private static long peakHeapBytes() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }
}
