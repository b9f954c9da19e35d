package org.infersim.study.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infersim.input.InvalidInputException;

/**
 * The result file of vLLM's serving benchmark ({@code vllm bench serve --save-result}, formerly
 * {@code benchmarks/benchmark_serving.py --save-result}), one JSON object per run, or one a line
 * with {@code --append-result}. As vLLM writes it ({@code vllm/benchmarks/serve.py},
 * vllm-project/vllm@009e6d4a1cd6ba3fb2a9fc00f4ec06f5297232a1, {@code main_async} and
 * {@code benchmark}), the fields read are:
 * <ul>
 *   <li>{@code model_id} (the {@code --model} given, a Hugging Face id or a path), {@code num_prompts};</li>
 *   <li>{@code request_rate}: a number, or the string {@code "inf"}; {@code burstiness}: the gamma
 *       shape of the inter-arrival times, 1 for Poisson (Python writes an infinite one as a bare
 *       {@code Infinity}); {@code max_concurrency}: null or the client's cap; absent before
 *       burstiness and the cap existed, meaning 1 and none; {@code ramp_up_strategy} only when the
 *       rate ramped;</li>
 *   <li>{@code duration}: seconds from the first request to the last answer; {@code completed};
 *       {@code total_input_tokens}, {@code total_output_tokens} over the completed requests;
 *       {@code request_throughput}: completed / duration;</li>
 *   <li>{@code mean_ttft_ms}, {@code p99_ttft_ms}, {@code mean_tpot_ms}, {@code mean_e2el_ms},
 *       {@code p99_e2el_ms}: written for the metrics of {@code --percentile-metrics} (by default
 *       ttft, tpot and itl, not e2el) at the percentiles of {@code --metric-percentiles} (by
 *       default 99); 0 where the endpoint did not stream;</li>
 *   <li>{@code latencies}: each request's end-to-end seconds (0 for a failed one), kept even without
 *       {@code --save-detailed}; the end-to-end figures are taken from it when e2el was not
 *       selected. {@code max_concurrent_requests}: the peak concurrency reached.</li>
 * </ul>
 * The GPU, tensor parallelism, precision and engine settings are not in the file and come from the
 * {@link Conditions}. Prompts are replayed at the measured mean length with no shared prefix (the
 * file does not say what the dataset shared).
 */
final class VllmBenchResult {
    /** The calibration metric each figure is compared as, and the field holding it. */
    private static final Map<String, String> FIGURES = figures();

    private VllmBenchResult() {}

    /** Whether an object is one: it has a field of vLLM's that no other format has. */
    static boolean recognises(JsonRecord r) {
        return r.has("num_prompts") || r.has("request_throughput") || r.has("mean_ttft_ms") || r.has("mean_e2el_ms");
    }

    static MeasuredRun read(JsonRecord r, Conditions c) throws InvalidInputException {
        String model = c.model() != null ? c.model() : r.text("model_id");
        if (model == null) {
            throw r.problem("model_id", "missing; give the model with --model (a catalog id or a Hugging Face id)");
        }
        double completed = positive(r, "completed", "the number of completed requests");
        double durationS = positive(r, "duration", "the benchmark's duration in seconds");
        int prompts = (int) positive(r, "num_prompts", "the number of requests sent");
        int promptTokens = meanTokens(r, "total_input_tokens", completed);
        int outputTokens = meanTokens(r, "total_output_tokens", completed);
        Replay replay = replay(r, prompts, durationS, c.engine());
        Map<String, Double> measured = new LinkedHashMap<>();
        for (Map.Entry<String, String> f : FIGURES.entrySet()) {
            Double v = r.optionalNumber(f.getValue());
            if (v != null && v > 0) {
                measured.put(f.getKey(), v);
            }
        }
        if (!measured.containsKey("e2e_mean")) {
            fromLatencies(r, measured);
        }
        if (measured.isEmpty()) {
            throw r.problem("", "no figure to compare: expected some of " + String.join(", ", FIGURES.values()));
        }
        return replay.run(c, model, promptTokens, outputTokens, measured);
    }

    private static Replay replay(JsonRecord r, int prompts, double durationS, EngineSettings engine)
            throws InvalidInputException {
        if (r.has("ramp_up_strategy")) {
            throw r.problem("ramp_up_strategy", "a ramped request rate cannot be replayed; measure at one --request-rate");
        }
        double rate = rate(r);
        Double given = r.optionalNumber("burstiness");
        double burstiness = given == null ? 1 : given;
        if (!(burstiness > 0)) {
            throw r.problem("burstiness", burstiness + ": expected a positive gamma shape");
        }
        Double cap = r.optionalNumber("max_concurrency");
        if (Double.isInfinite(rate)) {
            return cap == null || cap >= prompts
                    ? new Replay(Replay.Arrival.AT_ONCE, rate, 1, 0, prompts, 0, durationS, engine)
                    : new Replay(Replay.Arrival.CLOSED, rate, 1, cap.intValue(), prompts, 0, durationS, engine);
        }
        Double peak = r.optionalNumber("max_concurrent_requests");
        if (cap != null && (peak == null || peak >= cap)) {
            // The client held requests back, and vLLM times them from when it let them go.
            throw r.problem("max_concurrency", cap.intValue() + " at a request_rate of " + rate + "/s: a rate capped by "
                    + "the client cannot be replayed unless the cap was never reached (max_concurrent_requests below "
                    + "it); measure at --request-rate inf with --max-concurrency, or at a rate alone");
        }
        Replay.Arrival arrival = burstiness == 1 ? Replay.Arrival.POISSON
                : Double.isInfinite(burstiness) ? Replay.Arrival.CONSTANT : Replay.Arrival.GAMMA;
        return new Replay(arrival, rate, burstiness, 0, prompts, 0, durationS, engine);
    }

    /** The requested rate: a positive number or "inf". */
    private static double rate(JsonRecord r) throws InvalidInputException {
        JsonNode n = r.node("request_rate");
        if (n == null) {
            throw r.problem("request_rate", "missing; expected the requested rate (a number, or \"inf\")");
        }
        if (n.isTextual() && n.asText().equals("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (!n.isNumber() || !(n.doubleValue() > 0)) {
            throw r.problem("request_rate", n + ": expected a positive number of requests per second, or \"inf\"");
        }
        return n.doubleValue();
    }

    /** Mean and 99th percentile of the completed requests' latencies, as numpy computes them. */
    private static void fromLatencies(JsonRecord r, Map<String, Double> measured) throws InvalidInputException {
        JsonNode list = r.node("latencies");
        if (list == null || !list.isArray()) {
            return;
        }
        List<Double> ms = new ArrayList<>();
        for (JsonNode v : list) {
            if (!v.isNumber()) {
                throw r.problem("latencies", v + " is not a number of seconds");
            }
            if (v.doubleValue() > 0) {
                ms.add(v.doubleValue() * 1000);
            }
        }
        if (ms.isEmpty()) {
            return;
        }
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        measured.putIfAbsent("e2e_mean", ms.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
        double at = 0.99 * (sorted.length - 1);
        int below = (int) Math.floor(at);
        int above = Math.min(below + 1, sorted.length - 1);
        measured.putIfAbsent("e2e_p99", sorted[below] + (sorted[above] - sorted[below]) * (at - below));
    }

    private static int meanTokens(JsonRecord r, String path, double completed) throws InvalidInputException {
        int mean = (int) Math.round(r.number(path, "a count of tokens") / completed);
        if (mean < 1) {
            throw r.problem(path, "under one token a request; expected the tokens of the completed requests");
        }
        return mean;
    }

    private static double positive(JsonRecord r, String path, String expected) throws InvalidInputException {
        double v = r.number(path, expected);
        if (!(v > 0) || Double.isInfinite(v)) {
            throw r.problem(path, v + ": expected " + expected + ", above 0");
        }
        return v;
    }

    private static Map<String, String> figures() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ttft_mean", "mean_ttft_ms");
        m.put("ttft_p99", "p99_ttft_ms");
        m.put("tpot_mean", "mean_tpot_ms");
        m.put("e2e_mean", "mean_e2el_ms");
        m.put("e2e_p99", "p99_e2el_ms");
        m.put("request_throughput", "request_throughput");
        return Collections.unmodifiableMap(m);
    }
}
