package org.infersim.study.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.infersim.input.Problem;
import org.infersim.run.BuiltInPolicies;
import org.infersim.study.BatchListener;
import org.infersim.study.BatchRow;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Comparisons run for real on a small scenario: two replicas behind a router, routers compared. */
class ComparisonRunnerTest {
    private static final String BASE = """
            name: routed
            seed: 31
            duration: 60s
            warmup: 10s
            cluster:
              pools:
                - name: gpus
                  gpu: h100-sxm
                  count: 2
            deployments:
              - name: chat
                model: llama-3.1-8b
                replicas: 2
                router: least-outstanding
            workloads:
              - name: users
                arrival: {type: gamma, rate: 12/s, cv: 3}
                promptTokens: {type: lognormal, mean: 1500, stddev: 900, max: 8000}
                outputTokens: {type: lognormal, mean: 200, stddev: 100, max: 1000}
                slo: {ttft: 500ms, tpot: 50ms}
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ComparisonPlan plan(List<String> policies, int replications) throws Exception {
        Path base = dir.resolve("routed.yaml");
        Files.writeString(base, BASE);
        return ComparisonPlan.of("routed-compare", base, BASE, Map.of(), null, policies,
                List.of("deployments[*].router"), replications, 31, BuiltInPolicies.load(), (input, message) -> new Problem("test", 0, input, message));
    }

    private static JsonNode summary(Path out, String run) throws Exception {
        return JSON.readTree(out.resolve("runs").resolve(run).resolve("summary.json").toFile());
    }

    private static String seedLine(Path out, String run) throws Exception {
        return Files.readAllLines(out.resolve("runs").resolve(run).resolve("scenario.yaml")).stream()
                .filter(l -> l.startsWith("seed:")).findFirst().orElseThrow();
    }

    @Test
    void aClosedLoopsArrivalsFollowItsAnswersSoTheirCountIsAnOutcomeNotABrokenCommonRandomNumber() throws Exception {
        String closed = BASE.replace("arrival: {type: gamma, rate: 12/s, cv: 3}", "arrival: {type: closed, users: 16}");
        Path base = dir.resolve("closed.yaml");
        Files.writeString(base, closed);
        ComparisonPlan plan = ComparisonPlan.of("closed-compare", base, closed, Map.of(), null,
                List.of("round-robin", "least-outstanding"), List.of("deployments[*].router"), 2, 31,
                BuiltInPolicies.load(), (input, message) -> new Problem("test", 0, input, message));
        assertTrue(plan.arrivalsFollowAnswers());
        Path out = dir.resolve("closed-out");
        ComparisonRunner.Outcome o = ComparisonRunner.run(plan, Scenarios.validation(), out, 2, BatchListener.NONE);
        assertTrue(o.comparison().arrivalsFollowAnswers());
        JsonNode compare = JSON.readTree(out.resolve("compare.json").toFile());
        assertTrue(compare.path("commonRandomNumbers").path("arrivalsFollowAnswers").asBoolean());
    }

    @Test
    void everyPolicySeesTheSameArrivalsAtEachReplication() throws Exception {
        Path out = dir.resolve("out");
        ComparisonPlan plan = plan(List.of("round-robin", "least-outstanding", "least-kv"), 3);
        ComparisonRunner.Outcome o = ComparisonRunner.run(plan, Scenarios.validation(), out, 2, BatchListener.NONE);
        assertTrue(o.rows().stream().allMatch(BatchRow::ok));
        for (int r = 1; r <= 3; r++) {
            long arrived = summary(out, "round-robin-r" + r).path("requests").path("arrived").asLong();
            assertTrue(arrived > 300, "about 12/s for 60 s");
            for (String policy : List.of("least-outstanding", "least-kv")) {
                assertEquals(seedLine(out, "round-robin-r" + r), seedLine(out, policy + "-r" + r));
                assertEquals(arrived, summary(out, policy + "-r" + r).path("requests").path("arrived").asLong(),
                        policy + " at replication " + r + " sees the arrivals round-robin saw");
            }
        }
        assertNotEquals(summary(out, "least-kv-r1").path("requests").path("arrived").asLong(),
                summary(out, "least-kv-r2").path("requests").path("arrived").asLong(),
                "replications are independent draws");
        assertTrue(Files.readString(out.resolve("runs/least-kv-r2/scenario.yaml")).contains("router: least-kv"));
        assertTrue(o.comparison().sameArrivals());
        JsonNode compare = JSON.readTree(out.resolve("compare.json").toFile());
        assertTrue(compare.path("commonRandomNumbers").path("sameArrivals").asBoolean());
        assertFalse(compare.path("commonRandomNumbers").path("arrivalsFollowAnswers").asBoolean(), "open arrivals");
        assertNotEquals(summary(out, "round-robin-r1").path("overall").path("ttftMs").path("p95").asDouble(),
                summary(out, "least-kv-r1").path("overall").path("ttftMs").path("p95").asDouble(),
                "the routers do route differently");
    }

    @Test
    void compareCsvHasARowPerPolicyAndFigureThenPerPairAndFigure() throws Exception {
        Path out = dir.resolve("out");
        ComparisonRunner.run(plan(List.of("round-robin", "least-outstanding", "least-kv"), 2), Scenarios.validation(), out, 2,
                BatchListener.NONE);
        List<String> lines = Files.readAllLines(out.resolve("compare.csv"));
        assertEquals("figure,kind,policy,versus,n,mean,half_width,low,high,significant,better,negligible", lines.get(0));
        // p95 TTFT, SLO attainment, GPU-hours, cost and cold starts (reported per deployment, even when none).
        List<String> figures = lines.stream().skip(1).map(l -> l.split(",")[0]).distinct().toList();
        assertEquals(List.of("ttft_p95_ms", "slo_attainment", "gpu_hours", "cost_usd", "cold_starts"), figures);
        assertEquals(1 + figures.size() * (3 + 3), lines.size());
        assertTrue(lines.get(1).startsWith("ttft_p95_ms,mean,round-robin,,2,"), lines.get(1));
        assertTrue(lines.get(4).startsWith("ttft_p95_ms,difference,round-robin,least-outstanding,2,"), lines.get(4));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("gpu_hours,difference,round-robin,least-kv,2,0,0,0,0,false,")),
                "a fixed fleet's GPU-hours do not depend on the router");
        // The runs are a batch too, for the batch tools and report.
        List<String> batch = Files.readAllLines(out.resolve("batch.csv"));
        assertTrue(batch.get(0).startsWith("run,variant,replication,seed,status,message,deployments[0].router,"));
        assertTrue(batch.get(1).startsWith("round-robin-r1,1,1,31,ok,,round-robin,"), batch.get(1));
    }

    @Test
    void anUnknownPolicyIsRecordedWithItsMessageAndTheOthersGoOn() throws Exception {
        Path out = dir.resolve("out");
        ComparisonRunner.Outcome o = ComparisonRunner.run(plan(List.of("round-robin", "fastest", "least-kv"), 2),
                Scenarios.validation(), out, 2, BatchListener.NONE);
        PolicyComparison.PolicyResult fastest = o.comparison().policies().get(1);
        assertEquals(List.of("fastest-r1", "fastest-r2"), List.copyOf(fastest.failures().keySet()));
        assertTrue(fastest.failures().get("fastest-r1").contains("unknown router 'fastest'"), fastest.failures().toString());
        assertTrue(Files.readString(out.resolve("runs/fastest-r1/failed.txt")).contains("unknown router 'fastest'"));
        assertEquals(0, fastest.intervals().get(ComparedFigure.TTFT_P95).n());
        assertTrue(o.comparison().policies().get(2).intervals().get(ComparedFigure.TTFT_P95).n() == 2,
                "least-kv ran after the failed policy");
        PolicyComparison.Difference rrKv = o.comparison().differences().stream()
                .filter(d -> d.policy().equals("round-robin") && d.versus().equals("least-kv")).findFirst().orElseThrow();
        assertEquals(2, rrKv.interval().n());
        JsonNode json = JSON.readTree(out.resolve("compare.json").toFile());
        JsonNode failed = json.path("policies").get(1).path("failed");
        assertEquals("fastest-r1", failed.get(0).path("run").asText());
        assertTrue(failed.get(0).path("message").asText().contains("unknown router"));
        assertTrue(Files.readString(out.resolve("compare.csv")).contains("\nttft_p95_ms,mean,fastest,,0,,,,,,,\n"));
        assertTrue(Files.readString(out.resolve("batch.csv")).contains("\nfastest-r1,2,1,31,failed,"));
    }

    @Test
    void runningAgainResumesTheCompleteRunsAndWritesTheSameFiles() throws Exception {
        Path out = dir.resolve("out");
        ComparisonPlan plan = plan(List.of("round-robin", "least-kv"), 2);
        ComparisonRunner.run(plan, Scenarios.validation(), out, 2, BatchListener.NONE);
        String csv = Files.readString(out.resolve("compare.csv"));
        String json = Files.readString(out.resolve("compare.json"));
        Files.delete(out.resolve("runs/least-kv-r2/summary.json")); // interrupted before its summary was written
        ComparisonRunner.Outcome again = ComparisonRunner.run(plan, Scenarios.validation(), out, 1, BatchListener.NONE);
        assertEquals(List.of("least-kv-r2"), again.rows().stream().filter(r -> !r.resumed()).map(r -> r.run().id()).toList());
        assertEquals(csv, Files.readString(out.resolve("compare.csv")), "same seeds, same results, whatever the threads");
        assertEquals(json, Files.readString(out.resolve("compare.json")));
        assertFalse(csv.contains("NaN"));
    }
}
