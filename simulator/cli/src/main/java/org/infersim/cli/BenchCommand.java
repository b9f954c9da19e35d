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
 * memory target to account. {@code --workload} gives the prefix cache work to do (shared system
 * prompts, or multi-turn sessions whose every turn repeats the conversation), and
 * {@code --prefix-caching false} measures the same requests without it.
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

    /** What the prompts share. */
    enum Workload {
        /** Prompts that share nothing: the cache has nothing to find. */
        chat,
        /** Sixteen 1,000-token system prompts (Zipf), then a question of its own. */
        system_prompt,
        /** Conversations of 2 to 12 turns (7 on average), each turn repeating the conversation so far. */
        sessions
    }

    @Option(names = "--workload", defaultValue = "chat",
            description = "What the prompts share: chat (nothing), system_prompt (16 system prompts of 1,000 tokens), "
                    + "sessions (multi-turn conversations); default ${DEFAULT-VALUE}.")
    Workload workload;

    @Option(names = "--prefix-caching", defaultValue = "true", arity = "1",
            description = "vLLM's automatic prefix caching on (true, the default) or off (false).")
    boolean prefixCaching;

    @Option(names = "--router", description = "The deployment's router (default least-outstanding for chat, "
            + "prefix-affinity for the others).")
    String router;

    static String scenario(long requests, int replicas, double ratePerReplica, double gpuFraction, Workload workload,
                           boolean prefixCaching, String router) {
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
                    router: %s
                    engine: {prefixCaching: %s}
                %sworkloads:
                  - name: chat
                %s
                    outputTokens: {type: lognormal, mean: 250, stddev: 200, max: 2000}
                    slo: {ttft: 2s, tpot: 100ms}
                """, seconds, gpus, replicas, router != null ? router
                        : workload == Workload.chat ? "least-outstanding" : "prefix-affinity",
                prefixCaching, share, prompts(workload, rate));
    }

    /** The arrival and prompt lines of the workload, at {@code rate} requests per second in all. */
    private static String prompts(Workload workload, double rate) {
        String lines = switch (workload) {
            case chat -> String.format(Locale.ROOT, """
                    arrival: {type: poisson, rate: %.6f/s}
                    promptTokens: {type: lognormal, mean: 1000, stddev: 800, max: 8000}
                    """, rate);
            case system_prompt -> String.format(Locale.ROOT, """
                    arrival: {type: poisson, rate: %.6f/s}
                    systemPrompt: {prompts: 16, tokens: 1000, popularity: zipf}
                    promptTokens: {type: lognormal, mean: 200, stddev: 150, max: 4000}
                    """, rate);
            // Seven turns on average: sessions start at a seventh of the request rate.
            case sessions -> String.format(Locale.ROOT, """
                    arrival: {type: poisson, rate: %.6f/s}
                    systemPrompt: {prompts: 16, tokens: 500, popularity: zipf}
                    session: {turns: {type: uniform, min: 2, max: 12}, thinkTime: {type: exponential, mean: 5s}}
                    promptTokens: {type: lognormal, mean: 100, stddev: 80, max: 1000}
                    """, rate / 7);
        };
        // Under "  - name: chat" in the scenario: four spaces in.
        return lines.indent(4).stripTrailing();
    }

    @Override
    public Integer call() throws Exception {
        LoadedScenario loaded;
        try {
            loaded = main.validation(List.of()).parse(scenario(requests, replicas, ratePerReplica, gpuFraction, workload,
                            prefixCaching, router),
                    "<bench>", Path.of("."));
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> System.err.println(p));
            return Main.BAD_INPUT;
        }
        System.out.printf(Locale.ROOT, "bench: %,d requests of llama-3.1-8b %s over %d H100 replicas%s, %.0f req/s, "
                        + "prefix caching %s%n",
                requests, workload.name().replace('_', ' '), replicas,
                gpuFraction >= 1 ? "" : " time-sliced at " + gpuFraction + " of a GPU each",
                replicas * ratePerReplica, prefixCaching ? "on" : "off");
        for (int i = 1; i <= repeat; i++) {
            resetPeaks();
            long start = System.nanoTime();
            RunResult result = new ClusterRun(loaded, null).run(Progress.NONE);
            double wall = (System.nanoTime() - start) / 1e9;
            long arrived = result.summary().requests().arrived();
            System.out.printf(Locale.ROOT,
                    "run %d: %,d requests, %,d events in %.2f s wall: %,.0f requests/s, %,.0f events/s, "
                            + "peak heap %.0f MB (max heap %.0f MB); p95 TTFT %.0f ms, busy %.0f%%, prefix-cache hits %.1f%%%n",
                    i, arrived, result.eventsProcessed(), wall, arrived / wall, result.eventsProcessed() / wall,
                    peakHeapBytes() / 1e6, Runtime.getRuntime().maxMemory() / 1e6,
                    result.summary().overall().ttftMs().p95(),
                    result.summary().pools().get(0).busyFraction() * 100,
                    hitRate(result) * 100);
        }
        return 0;
    }

    private static double hitRate(RunResult result) {
        Double rate = result.summary().overall().prefixCacheHitRate();
        return rate == null ? 0 : rate;
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
