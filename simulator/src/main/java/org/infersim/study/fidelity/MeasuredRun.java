package org.infersim.study.fidelity;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One measured run of the calibration set that infersim can replay: its conditions and the figures
 * measured. Four kinds: a vLLM serving stage driven by inference-perf at a constant rate over G × U
 * fixed prompts sent in turn, vLLM's {@code benchmark_latency}, one batch of requests at a
 * time, one decoder layer's linear kernels profiled alone, and a user's serving benchmark (vLLM's
 * {@code vllm bench serve} or inference-perf), replayed as it was sent.
 *
 * @param batch           requests per batch of a latency run; tokens per step of a linear-layer profile
 * @param cpuOffloadBytes weights per GPU the engine kept in host memory ({@code --cpu-offload-gb})
 * @param measured        metric ({@code ttft_mean}, {@code e2e_mean}, ...) to value, in ms
 *                        ({@code request_throughput} in requests per second)
 * @param replay          how a {@link Kind#SERVING_BENCHMARK} run is replayed; null for the other kinds
 */
public record MeasuredRun(String label, Kind kind, String gpu, String model, String precision, int tensorParallel,
                          int promptTokens, int outputTokens, double ratePerSec, int prompts, int batch,
                          long cpuOffloadBytes, Map<String, Double> measured, Replay replay) {

    /**
     * A serving stage (HTTP server, constant rate); an offline latency batch (vLLM's {@code LLM}
     * class: no front end); one decoder layer's linear kernels profiled alone at a number of tokens;
     * a user's serving benchmark, replayed as its {@link Replay} says.
     */
    public enum Kind { SERVING_STAGE, LATENCY_BATCH, LINEAR_LAYER, SERVING_BENCHMARK }

    private static final Pattern GROUPS = Pattern.compile("(\\d+)x(\\d+) system prompts");
    private static final Pattern BATCH = Pattern.compile("batch=(\\d+)");

    /** The G × U of a serving stage's workload text ("11x4 system prompts x users"), or -1. */
    static int prompts(String workload) {
        Matcher m = GROUPS.matcher(workload);
        return m.find() ? Integer.parseInt(m.group(1)) * Integer.parseInt(m.group(2)) : -1;
    }

    /** The batch of a latency row ("batch=8 (offline)"), or -1. */
    static int batch(String condition) {
        Matcher m = BATCH.matcher(condition);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /**
     * The scenario that replays it for {@code durationS} seconds. A serving stage's prompts are
     * {@code prompts} distinct prompts of its measured mean length, each of which the prefix cache
     * holds after its first use (inference-perf sends the same G × U prompts in turn), then a token
     * of its own; a latency batch is a closed loop of {@code batch} users with no think time, so
     * that batch after batch runs alone, as {@code benchmark_latency} runs it. A serving benchmark
     * runs as its {@link Replay} says, for the time that takes rather than {@code durationS}.
     */
    public String scenario(double durationS) {
        if (kind == Kind.SERVING_BENCHMARK) {
            return scenario(replay.durationS(), 0, replay.engine().yaml(), replay.workload(promptTokens, outputTokens));
        }
        String offload = cpuOffloadBytes > 0 ? ", cpuOffload: " + cpuOffloadBytes + "B" : "";
        String engine = kind == Kind.SERVING_STAGE
                // As the measured runs were configured (see the calibration set's README).
                ? "    engine: {maxNumSeqs: 128, maxNumBatchedTokens: 2048, maxModelLen: 4096, gpuMemoryUtilization: 0.9"
                        + offload + "}\n"
                // benchmark_latency drives the engine in-process: no HTTP server, no front-end time.
                : "    engine: {requestOverhead: 0ms" + offload + "}\n";
        String workload = kind == Kind.SERVING_STAGE
                ? String.format(Locale.ROOT, """
                            arrival: {type: constant, rate: %s/s}
                            systemPrompt: {prompts: %d, tokens: %d}
                            promptTokens: 1
                            outputTokens: %d
                        """, ratePerSec, prompts, promptTokens - 1, outputTokens)
                : kind == Kind.LATENCY_BATCH ? String.format(Locale.ROOT, """
                            arrival: {type: closed, users: %d}
                            promptTokens: %d
                            outputTokens: %d
                        """, batch, promptTokens, outputTokens)
                // A linear-layer profile is no run: the scenario only names the deployment.
                : """
                            arrival: {type: closed, users: 1}
                            promptTokens: 1
                            outputTokens: 1
                        """;
        return scenario(durationS, durationS / 20, engine, workload);
    }

    private String scenario(double durationS, double warmupS, String engine, String workload) {
        return String.format(Locale.ROOT, """
                name: %s
                seed: 1
                duration: %ss
                warmup: %ss
                cluster:
                  pools: [{name: gpus, gpu: %s, count: %d}]
                deployments:
                  - name: served
                    model: %s
                    precision: %s
                    tensorParallel: %d
                    replicas: 1
                %sworkloads:
                  - name: measured
                %s""", label.replaceAll("[^A-Za-z0-9.]+", "-"), durationS, warmupS, gpu, tensorParallel, model, precision, tensorParallel, engine,
                workload);
    }
}
