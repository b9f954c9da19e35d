package org.infersim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.infersim.metrics.RequestSink;
import org.infersim.model.serving.Request;
import org.infersim.results.RunSummary;
import org.infersim.results.SessionSummary;
import org.infersim.results.StreamSummary;
import org.infersim.results.SummaryJson;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;

/**
 * Client-side load on one Llama-3.1-8B replica on one H100, timed by the roofline: deterministic
 * arrivals against Poisson ones at the same rate, a closed loop against the interactive
 * response-time law, and sessions over shared prompts, run twice with one seed.
 */
class ClientLoadRunTest {

    private static String scenario(String duration, String workload) {
        return """
                name: client
                seed: 21
                duration: %s
                warmup: 1m
                cluster:
                  pools: [{name: p, gpu: h100-sxm, count: 1}]
                deployments:
                  - name: d
                    model: llama-3.1-8b
                workloads:
                  - name: w
                """.formatted(duration) + workload.indent(4);
    }

    /** Time to first token of every request that completed after the first minute, in ns. */
    private static List<Long> ttfts(String yaml) throws Exception {
        List<Long> out = new ArrayList<>();
        RequestSink sink = (r, stream, outcome, endNs) -> {
            if (outcome.equals("completed") && r.arrivalNs() >= 60_000_000_000L) {
                out.add(r.firstTokenNs() - r.arrivalNs());
            }
        };
        new ClusterRun(Scenarios.load(yaml), sink).run(Progress.NONE);
        return out;
    }

    @Test
    void deterministicArrivalsBelowCapacityNeverQueueWhilePoissonOnesAtTheSameRateDo() throws Exception {
        // Each request's 1000-token prefill and 50 decodes take about a third of a second: at 2/s one
        // every half second finds the replica idle, and every one waits exactly its own prefill.
        String lengths = "promptTokens: 1000\noutputTokens: 50\n";
        List<Long> constant = ttfts(scenario("5m", "arrival: {type: constant, rate: 2/s}\n" + lengths));
        List<Long> poisson = ttfts(scenario("5m", "arrival: {type: poisson, rate: 2/s}\n" + lengths));

        List<Long> alone = ttfts(scenario("5m", "arrival: {type: constant, rate: 0.5/min}\n" + lengths));
        assertEquals(2, alone.size(), "at 2 and 4 min, each alone on the replica");
        long unloaded = alone.get(0);
        assertEquals(unloaded, alone.get(1));
        assertTrue(unloaded > 10_000_000L && unloaded < 100_000_000L, "one prefill: " + unloaded + " ns");
        assertEquals(480, constant.size(), "2/s over the four measured minutes");
        assertTrue(constant.stream().allMatch(t -> t == unloaded), "D/D/1 below capacity: no request waits");
        long waited = poisson.stream().filter(t -> t > unloaded).count();
        assertTrue(waited > poisson.size() / 5, waited + " of " + poisson.size() + " Poisson arrivals found the"
                + " replica busy and waited longer than one prefill");
        assertTrue(poisson.stream().mapToLong(Long::longValue).max().orElseThrow() > 2 * unloaded);
    }

    @Test
    void aClosedLoopsThroughputFollowsTheInteractiveResponseTimeLaw() throws Exception {
        // X = N / (R + Z): 16 users, a think time of mean 1 s (uniform, so its sample mean is close).
        RunSummary s = Scenarios.summary(scenario("10m", """
                arrival: {type: closed, users: 16, thinkTime: {type: uniform, min: 0.5s, max: 1.5s}}
                promptTokens: {type: lognormal, mean: 1500, stddev: 800, max: 6000}
                outputTokens: {type: lognormal, mean: 250, stddev: 150, max: 1000}
                """));
        StreamSummary w = s.streams().get(0);
        double responseS = w.e2eMs().mean() / 1000;
        double law = 16 / (responseS + 1.0);
        assertTrue(responseS > 1, "a loaded replica: mean response " + responseS + " s");
        assertEquals(law, w.throughputRps(), 0.03 * law, "throughput " + w.throughputRps() + "/s against 16 / ("
                + responseS + " s + 1 s)");
        assertTrue(w.inFlight() <= 16);
    }

    private static final String SESSIONS = """
            arrival: {type: closed, users: [{at: 0s, users: 8}, {at: 2m, users: 24}], thinkTime: 5s}
            promptTokens: {type: lognormal, mean: 300, stddev: 200}
            outputTokens: {type: lognormal, mean: 400, stddev: 200, max: 1500}
            systemPrompt: {prompts: 4, tokens: 1000, zipfExponent: 1.1}
            documents: {corpus: 500, tokens: 400, perRequest: 3, zipfExponent: 0.8, order: popularity}
            session: {turns: {type: uniform, min: 2, max: 12}, thinkTime: {type: exponential, mean: 3s}}
            """;

    @Test
    void sessionsAreCountedInTheSummaryAndTheSameSeedGivesTheSameBytes() throws Exception {
        String yaml = scenario("4m", SESSIONS).replace("model: llama-3.1-8b", "model: llama-3.1-8b\n    engine:"
                + " {maxModelLen: 8192}");
        String first = SummaryJson.write(Scenarios.summary(yaml));
        assertEquals(first, SummaryJson.write(Scenarios.summary(yaml)));
        assertNotEquals(first, SummaryJson.write(Scenarios.summary(yaml.replace("seed: 21", "seed: 22"))));

        SessionSummary sessions = Scenarios.summary(yaml).streams().get(0).sessions();
        assertTrue(sessions.started() > 50, sessions.toString());
        assertTrue(sessions.answeredAllTurns() > 0, sessions.toString());
        assertTrue(sessions.endedAtMaxLength() > 0, "up to 12 turns of 700 tokens outgrow 8192: " + sessions);
        assertEquals(0, sessions.endedByRejection(), "no turn is sent that would not fit");
        assertTrue(sessions.answeredAllTurns() + sessions.endedAtMaxLength() <= sessions.started());
    }

    @Test
    void aWorkloadWithoutSessionsPublishesNoSessionCounts() throws Exception {
        RunSummary s = Scenarios.summary(scenario("2m", "arrival: {type: constant, rate: 1/s}\n"
                + "promptTokens: 100\noutputTokens: 10\n"));
        assertNull(s.streams().get(0).sessions());
        assertFalse(SummaryJson.write(s).contains("sessions"));
        assertEquals(60, s.streams().get(0).arrived(), "one a second over the measured minute");
    }
}
