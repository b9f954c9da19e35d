package org.infersim.study.fidelity;

import java.util.LinkedHashMap;
import java.util.Map;
import org.infersim.input.InvalidInputException;

/**
 * One stage of an inference-perf run: its {@code stage_N_lifecycle_metrics.json}, as
 * kubernetes-sigs/inference-perf writes it ({@code inference_perf/reportgen/base.py},
 * {@code summarize_requests}, at 7de5ef2ed6f7934e0ecbc8297e593f79e68430c0; the same layout, with
 * {@code prompt_len} for {@code prompt_tokens}, in the files of inference-sim/training@ed5c1d2):
 * <ul>
 *   <li>{@code load_summary}: {@code count} (requests sent), {@code send_duration} (first to last
 *       send, s), {@code requested_rate}, {@code achieved_rate}, and {@code concurrency} for the
 *       concurrent load type; a {@code summary_lifecycle_metrics.json} over all stages has no rate;</li>
 *   <li>{@code successes.count}; {@code successes.latency.time_to_first_token},
 *       {@code .request_latency}, {@code .time_per_output_token}, {@code .inter_token_latency}, each
 *       {@code {mean, min, max, median, p0.1 ... p99.9}} in seconds, or null (TTFT when not streamed);</li>
 *   <li>{@code successes.throughput.requests_per_sec} (successes over {@code benchmark_time_seconds},
 *       first send to last answer, written at the top level by later versions);</li>
 *   <li>{@code successes.prompt_tokens} (later) or {@code successes.prompt_len} (earlier),
 *       {@code successes.output_len} (the client's count) and {@code successes.output_tokens} (the
 *       server's, later versions), each with its {@code mean}.</li>
 * </ul>
 * TPOT is derived as (mean E2E − mean TTFT) / (mean output − 1), as vLLM's benchmark computes it:
 * inference-perf's inter-token latency is per streamed chunk, and so was its TPOT before it counted
 * the tokens of each chunk (inference-perf #564; in the training repository's files it is under
 * half the derived one). What the file does not say (the load type, the model, shared prefixes) is read from
 * the {@code config.yaml} inference-perf writes beside it ({@link InferencePerfConfig}).
 */
final class InferencePerfResult {

    private InferencePerfResult() {}

    /** Whether an object is one. */
    static boolean recognises(JsonRecord r) {
        return r.has("load_summary") && r.has("successes");
    }

    static MeasuredRun read(JsonRecord r, InferencePerfConfig config, Conditions c) throws InvalidInputException {
        Replay replay = replay(r, config, c);
        String model = c.model() != null ? c.model() : config.model();
        if (model == null) {
            throw r.problem("", "the model is not in a lifecycle metrics file, and no config.yaml beside it names one "
                    + "(server.model_name); give it with --model (a catalog id or a Hugging Face id)");
        }
        double successes = r.number("successes.count", "the number of successful requests");
        if (!(successes > 0)) {
            throw r.problem("successes.count", "no successful request to compare with");
        }
        int promptTokens = meanTokens(r, r.has("successes.prompt_tokens.mean") ? "successes.prompt_tokens.mean"
                : "successes.prompt_len.mean", 1 + (config.distinctPrompts() > 0 ? 1 : 0));
        double outputMean = r.has("successes.output_tokens.mean") ? r.number("successes.output_tokens.mean", "")
                : r.number("successes.output_len.mean", "the mean output length in tokens");
        int outputTokens = (int) Math.round(outputMean);
        if (outputTokens < 1) {
            throw r.problem("successes.output_len.mean", outputMean + ": expected a mean of 1 token or more");
        }
        Map<String, Double> measured = measured(r, outputMean);
        if (measured.isEmpty()) {
            throw r.problem("successes.latency", "no figure to compare: expected time_to_first_token, request_latency "
                    + "or throughput.requests_per_sec");
        }
        return replay.run(c, model, promptTokens, outputTokens, measured);
    }

    private static Replay replay(JsonRecord r, InferencePerfConfig config, Conditions c) throws InvalidInputException {
        Double rate = r.optionalNumber("load_summary.requested_rate");
        if (rate == null) {
            throw r.problem("load_summary.requested_rate", "missing: a summary over all stages cannot be replayed; "
                    + "give each stage's stage_N_lifecycle_metrics.json");
        }
        int sent = (int) r.number("load_summary.count", "the number of requests sent");
        Double concurrency = r.optionalNumber("load_summary.concurrency");
        if (concurrency != null || config.loadType().equals("concurrent")) {
            if (concurrency == null || !(concurrency >= 1)) {
                throw r.problem("load_summary.concurrency", "missing; expected the concurrency of a concurrent stage");
            }
            return new Replay(Replay.Arrival.CLOSED, Double.POSITIVE_INFINITY, 1, concurrency.intValue(), sent,
                    config.distinctPrompts(), window(r), c.engine());
        }
        if (!(rate > 0)) {
            throw r.problem("load_summary.requested_rate", rate + ": expected a rate above 0");
        }
        Replay.Arrival arrival = switch (config.loadType()) {
            case "constant" -> Replay.Arrival.CONSTANT;
            case "poisson" -> Replay.Arrival.POISSON;
            default -> throw r.problem("", "a stage of the " + config.loadType() + " load type (config.yaml load.type) "
                    + "cannot be replayed; constant, poisson and concurrent stages can");
        };
        return new Replay(arrival, rate, 1, 0, sent, config.distinctPrompts(), window(r), c.engine());
    }

    /** First send to last answer: as written by later versions, else successes over their throughput. */
    private static double window(JsonRecord r) throws InvalidInputException {
        Double total = r.optionalNumber("benchmark_time_seconds");
        Double throughput = r.optionalNumber("successes.throughput.requests_per_sec");
        if (total != null && total > 0) {
            return total;
        }
        if (throughput != null && throughput > 0) {
            return r.number("successes.count", "") / throughput;
        }
        return r.number("load_summary.send_duration", "the seconds the stage took to send its requests");
    }

    private static Map<String, Double> measured(JsonRecord r, double outputMean) throws InvalidInputException {
        Map<String, Double> m = new LinkedHashMap<>();
        String latency = "successes.latency.";
        Double ttft = put(m, "ttft_mean", r.optionalNumber(latency + "time_to_first_token.mean"), 1000);
        put(m, "ttft_p99", r.optionalNumber(latency + "time_to_first_token.p99"), 1000);
        Double e2e = r.optionalNumber(latency + "request_latency.mean");
        if (ttft != null && e2e != null && outputMean > 1) {
            m.put("tpot_mean", (e2e * 1000 - ttft) / (outputMean - 1));
        }
        put(m, "e2e_mean", e2e, 1000);
        put(m, "e2e_p99", r.optionalNumber(latency + "request_latency.p99"), 1000);
        put(m, "request_throughput", r.optionalNumber("successes.throughput.requests_per_sec"), 1);
        return m;
    }

    /** Puts {@code value × scale} when it is a figure (positive), and returns what it put. */
    private static Double put(Map<String, Double> m, String metric, Double value, double scale) {
        if (value == null || !(value > 0)) {
            return null;
        }
        m.put(metric, value * scale);
        return value * scale;
    }

    /** A mean length of at least {@code least} tokens (2 when the prompt is a cached prefix and a token of its own). */
    private static int meanTokens(JsonRecord r, String path, int least) throws InvalidInputException {
        double mean = r.number(path, "the mean prompt length in tokens");
        int tokens = (int) Math.round(mean);
        if (tokens < least) {
            throw r.problem(path, mean + ": expected a mean of " + least + " tokens or more");
        }
        return tokens;
    }
}
