package org.infersim.scenario.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.run.BuiltInPolicies;
import org.infersim.scenario.ArrivalSpec;
import org.infersim.scenario.Scenario;
import org.junit.jupiter.api.Test;

/** Values that read well but ask for more than a run can simulate are refused at validation, with what would work. */
class SimulableLoadTest {
    private static Scenario parse(String yaml) throws InvalidInputException {
        return ScenarioLoader.parse(yaml, "scenarios/x.yaml", fixtures(), List.of(), BuiltInPolicies.load()).scenario();
    }

    private static Path fixtures() {
        try {
            return Path.of(SimulableLoadTest.class.getResource("/scenario").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> problems(String yaml) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(yaml));
        return e.problems().stream().map(Problem::toString).toList();
    }

    /** One deployment on one H100 with one workload arriving as given, over the given duration. */
    static String scenario(String duration, String arrival, String extra) {
        return """
                name: t
                duration: %s
                %s
                cluster:
                  pools:
                    - name: h100
                      gpu: h100-sxm
                      count: 1
                deployments:
                  - name: chat
                    model: llama-3.1-8b
                workloads:
                  - name: w
                    deployment: chat
                    arrival: %s
                    promptTokens: 100
                    outputTokens: 10
                """.formatted(duration, extra, arrival);
    }

    @Test
    void aGammaCvUpToAThousandIsSimulated() throws Exception {
        Scenario s = parse(scenario("5m", "{type: gamma, rate: 8/s, cv: 1000}", ""));
        assertEquals(new ArrivalSpec.Gamma(8, 1000), s.workloads().get(0).arrival());
    }

    @Test
    void aGammaCvWhoseBurstsNoRunCanHoldIsRefusedWithTheLargestThatWorks() {
        for (List<String> cv : List.of(List.of("1e30", "1.00e+30"), List.of("1e300", "1.00e+300"),
                List.of("1001", "1001"))) {
            List<String> p = problems(scenario("5m", "{type: gamma, rate: 8/s, cv: " + cv.get(0) + "}", ""));
            assertEquals(1, p.size(), p.toString());
            String shown = cv.get(1);
            assertEquals("scenarios/x.yaml:15: workloads[0].arrival.cv: a coefficient of variation of " + shown
                    + " cannot be simulated: a gamma process sends its requests in bursts of up to about cv² back to"
                    + " back, more than a run can hold above cv 1000 (bursts of about a million requests); expected"
                    + " a cv in (0, 1000], or a trace or steps for bursts of a known size", p.get(0));
        }
    }

    @Test
    void aMillionRequestsASecondForFiveMinutesIsRefusedWithARateAndADurationThatWork() {
        assertEquals(List.of("scenarios/x.yaml:15: workloads[0].arrival: about 300,000,000 requests over 5m, more than"
                + " the 200,000,000 one run can simulate (each is several events, and those waiting are held in"
                + " memory); lower the rate to at most 666666/s, or the duration to at most 3.333m"),
                problems(scenario("5m", "{type: poisson, rate: 1000000/s}", "")));
    }

    @Test
    void theLimitCountsEveryOpenWorkloadOverTheDuration() throws Exception {
        parse(scenario("5m", "{type: poisson, rate: 600000/s}", ""));
        assertEquals(300_000_000, RequestVolume.expected(new ArrivalSpec.Steps(List.of(
                new ArrivalSpec.Step(0, 0), new ArrivalSpec.Step(60_000_000_000L, 1_250_000))), 300_000_000_000L), 1);
        // A day-long cycle over whole days sends its mean rate's worth.
        assertEquals(86_400.0 * 2, RequestVolume.expected(new ArrivalSpec.Diurnal(1, 0.8,
                ArrivalSpec.Diurnal.DEFAULT_PERIOD_NS, ArrivalSpec.Diurnal.DEFAULT_PEAK_AT_NS), 2 * 86_400_000_000_000L),
                1e-6);
        List<String> p = problems(scenario("1h", "{type: steps, steps: [{at: 0s, rate: 0/s}, {at: 30m, rate: 200000/s}]}",
                ""));
        assertEquals(List.of("scenarios/x.yaml:15: workloads[0].arrival: about 360,000,000 requests over 1h, more than"
                + " the 200,000,000 one run can simulate (each is several events, and those waiting are held in"
                + " memory); lower the load to 0.556 of this, or the duration to at most 33.333m"), p);
    }

    @Test
    void aMetricsIntervalThatWouldTakeMoreThanAMillionSamplesIsRefusedWithTheShortestThatWorks() throws Exception {
        assertEquals(List.of("scenarios/x.yaml:3: metricsInterval: a sample every 1ns over 5m is 300,000,000,000"
                + " samples, more than the 1,000,000 a run keeps (each is a row per deployment and pool, held in"
                + " memory); the shortest interval that works here is 300us"),
                problems(scenario("5m", "{type: poisson, rate: 1/s}", "metricsInterval: 1ns")));
        assertEquals(300_000, parse(scenario("5m", "{type: poisson, rate: 1/s}", "metricsInterval: 300us"))
                .metricsIntervalNs());
    }

    @Test
    void aYearLongRunSamplesEverySixMinutesByDefaultAndEveryTenSecondsWhenShort() throws Exception {
        // A year in 10 s samples was 3.2 million rows (490 MB) at one request an hour.
        Scenario year = parse(scenario("365d", "{type: poisson, rate: 1/h}", ""));
        assertEquals(6 * 60_000_000_000L, year.metricsIntervalNs());
        assertEquals(87_600, year.durationNs() / year.metricsIntervalNs());
        assertEquals(Scenario.DEFAULT_METRICS_INTERVAL_NS, parse(scenario("11d", "{type: poisson, rate: 1/h}", ""))
                .metricsIntervalNs());
        assertEquals(60_000_000_000L, parse(scenario("365d", "{type: poisson, rate: 1/h}", "metricsInterval: 1m"))
                .metricsIntervalNs(), "asked for, and within the limit");
    }
}
