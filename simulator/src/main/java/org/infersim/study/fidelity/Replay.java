package org.infersim.study.fidelity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.infersim.results.StreamSummary;

/**
 * How a benchmark client's run is replayed: when its requests arrived, how many there were, over
 * what window it was measured, whether its prompts repeat, and the engine it was sent to.
 *
 * @param ratePerSec      the requested rate of an open-loop run; infinite for a closed loop or a burst
 * @param burstiness      vLLM's gamma shape of a {@link Arrival#GAMMA} run's inter-arrival times
 * @param users           the clients of a {@link Arrival#CLOSED} loop
 * @param requests        the requests the client sent
 * @param distinctPrompts 0 when every prompt is new; else the prompts sent in turn, each held by the
 *                        prefix cache after its first use (inference-perf's shared-prefix data)
 * @param measuredS       the measured window: from the first request to the last completion
 */
public record Replay(Arrival arrival, double ratePerSec, double burstiness, int users, int requests,
                     int distinctPrompts, double measuredS, EngineSettings engine) {

    /** The arrival processes of vLLM's benchmark and inference-perf that a scenario reproduces. */
    public enum Arrival {
        /** One request every 1/rate (inference-perf's constant load; vLLM's infinite burstiness). */
        CONSTANT,
        POISSON,
        /** Gamma inter-arrival times of shape {@code burstiness} (vLLM's --burstiness other than 1). */
        GAMMA,
        /** {@code users} clients, each sending its next request when its previous one is answered. */
        CLOSED,
        /** All {@code requests} at once (vLLM's default infinite rate without --max-concurrency). */
        AT_ONCE
    }

    /**
     * Simulated time: an open-loop run for as long as its requests took to send, so that its
     * throughput is the completions of that window, as the client's is of the time to its last
     * answer (the two differ only by the answers still under way); a closed loop for the measured
     * window; a burst until well after its last answer, since its throughput is taken from that.
     */
    double durationS() {
        return switch (arrival) {
            case CONSTANT, POISSON, GAMMA -> requests / ratePerSec;
            case CLOSED -> measuredS;
            case AT_ONCE -> 10 * measuredS + 60;
        };
    }

    /**
     * Completed requests per second of the measured window. An open-loop run's is the share of its
     * arrivals answered in the window times the rate: the client sent exactly its requests over
     * requests / rate seconds (vLLM rescales its random gaps so), where the simulated arrivals are
     * only as many on average. A burst's window ends with its last answer, and since every request
     * arrived at 0 that is when the slowest one finished.
     */
    double throughputRps(StreamSummary s) {
        Double lastMs = s.e2eMs().max();
        return switch (arrival) {
            case CONSTANT, POISSON, GAMMA -> s.arrived() == 0 ? 0 : ratePerSec * s.completed() / s.arrived();
            case CLOSED -> s.throughputRps();
            case AT_ONCE -> lastMs == null || lastMs <= 0 ? 0 : s.completed() / (lastMs / 1000);
        };
    }

    /** The workload's lines of a scenario after its name: arrivals, then prompt and output lengths. */
    String workload(int promptTokens, int outputTokens) {
        String lengths = distinctPrompts > 0
                ? String.format(Locale.ROOT, """
                            systemPrompt: {prompts: %d, tokens: %d}
                            promptTokens: 1
                        """, distinctPrompts, promptTokens - 1)
                : String.format(Locale.ROOT, "    promptTokens: %d\n", promptTokens);
        return "    arrival: " + arrivalYaml() + "\n" + lengths
                + String.format(Locale.ROOT, "    outputTokens: %d\n", outputTokens);
    }

    private String arrivalYaml() {
        return switch (arrival) {
            case CONSTANT -> String.format(Locale.ROOT, "{type: constant, rate: %s/s}", ratePerSec);
            case POISSON -> String.format(Locale.ROOT, "{type: poisson, rate: %s/s}", ratePerSec);
            // A gamma of shape k has a coefficient of variation of 1/sqrt(k).
            case GAMMA -> String.format(Locale.ROOT, "{type: gamma, rate: %s/s, cv: %s}", ratePerSec,
                    1 / Math.sqrt(burstiness));
            case CLOSED -> String.format(Locale.ROOT, "{type: closed, users: %d}", users);
            // Every user sends one request at 0s and stops after it.
            case AT_ONCE -> String.format(Locale.ROOT, "{type: closed, users: [{at: 0s, users: %d}, {at: 1ms, users: 0}]}",
                    requests);
        };
    }

    /** The measured run replayed so, under the conditions given for it; {@code measured} as in {@link MeasuredRun}. */
    MeasuredRun run(Conditions c, String model, int promptTokens, int outputTokens, Map<String, Double> measured) {
        String label = String.format(Locale.ROOT, "%s tp%d on %s, %d/%d tokens, %s", model, c.tensorParallel(), c.gpu(),
                promptTokens, outputTokens, describe());
        return new MeasuredRun(label, MeasuredRun.Kind.SERVING_BENCHMARK, c.gpu(), model, c.precision(),
                c.tensorParallel(), promptTokens, outputTokens, ratePerSec, requests, users, 0,
                Collections.unmodifiableMap(new LinkedHashMap<>(measured)), this);
    }

    /** How the load reads in a run's label: "4/s poisson", "32 users", "500 at once". */
    String describe() {
        String rate = ratePerSec == Math.rint(ratePerSec) ? Long.toString((long) ratePerSec) : Double.toString(ratePerSec);
        return switch (arrival) {
            case CONSTANT -> rate + "/s constant";
            case POISSON -> rate + "/s poisson";
            case GAMMA -> String.format(Locale.ROOT, "%s/s gamma %.2g", rate, burstiness);
            case CLOSED -> users + " users";
            case AT_ONCE -> requests + " at once";
        } + (distinctPrompts > 0 ? ", " + distinctPrompts + " prompts" : "");
    }
}
