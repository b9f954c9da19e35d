package org.infersim.study.size;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.infersim.study.BatchRow;
import org.infersim.study.BatchRunner;
import org.infersim.study.StudyRuns;
import org.infersim.testing.BatchFixture;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SizingTest {
    @TempDir
    Path dir;

    @Test
    void findsTheFewestReplicasThatMeetTheSloBySearchingNotSweeping() throws Exception {
        Path file = BatchFixture.write(dir, "s.size.yaml", """
                base: small.yaml
                set:
                  workloads[0].arrival.rate: 80/s
                  duration: 60s
                candidates: {gpu: [h100-sxm, l4], precision: [bf16], tensorParallel: [1]}
                maxReplicas: 16
                slo: {ttft: 1s, tpot: 60ms, attainment: 99%}
                """);
        SizeSpec spec = SizeFile.load(file);
        Path out = dir.resolve("out");
        BatchRunner runner = new BatchRunner(new StudyRuns(Files.readString(spec.base()), spec.base(), spec.fixed(), spec.slo(), out), Scenarios.validation(), 2);
        Sizing.Result result = new Sizing(spec, runner, 17).run((round, runs, searching) -> { });

        Sizing.Candidate h100 = result.candidates().get(0);
        assertNotNull(h100.replicas(), "an H100 fleet can serve 80/s of 8B chat");
        assertTrue(h100.figures().meetsSlo());
        int n = h100.replicas();
        assertTrue(n >= 2, "one H100 replica cannot serve 80/s of this mix: " + n);
        if (n > 1) {
            // The runs with one replica fewer were made and one of them at least missed the SLO: n is the fewest.
            String fewer = "h100-sxm-bf16-tp1-x" + (n - 1) + "-r";
            var rows = result.rows().stream().filter(r -> r.run().id().startsWith(fewer)).toList();
            assertEquals(SizeFile.DEFAULT_REPLICATIONS, rows.size());
            assertFalse(rows.stream().allMatch(r -> r.figures().meetsSlo()), fewer + "* should miss the SLO");
        }
        assertTrue(h100.runs() <= SizeFile.DEFAULT_REPLICATIONS * 2 * (32 - Integer.numberOfLeadingZeros(16)),
                "searched, not swept: " + h100.runs());
        assertEquals(h100.replicas() * 1, h100.figures().gpus(), "the pool is sized to the replicas");
        Sizing.Candidate l4 = result.candidates().get(1);
        assertTrue(l4.replicas() == null ? l4.reason() != null : l4.figures().meetsSlo());
        double cheapestCost = result.candidates().stream().filter(c -> c.replicas() != null)
                .mapToDouble(c -> c.figures().costPerHourUsd()).min().orElseThrow();
        assertEquals(cheapestCost, result.cheapest().figures().costPerHourUsd());
        assertEquals(SizeFile.DEFAULT_REPLICATIONS, h100.replications(), "one seed decides nothing");
        assertEquals(SizeFile.DEFAULT_REPLICATIONS, h100.estimate().ttftP95Ms().n());
    }

    @Test
    void everyReplicationOfTheAnswerMeetsTheSloAndTheFiguresComeWithIntervals() throws Exception {
        Path file = BatchFixture.write(dir, "s.size.yaml", """
                base: small.yaml
                set:
                  workloads[0].arrival.rate: 40/s
                  duration: 60s
                candidates: {gpu: [h100-sxm], precision: [bf16], tensorParallel: [1, 2]}
                maxReplicas: 16
                replications: 3
                slo: {ttft: 300ms, tpot: 30ms, attainment: 99%}
                """);
        SizeSpec spec = SizeFile.load(file);
        BatchRunner runner = new BatchRunner(new StudyRuns(Files.readString(spec.base()), spec.base(), spec.fixed(),
                spec.slo(), dir.resolve("out")), Scenarios.validation(), 2);
        Sizing.Result result = new Sizing(spec, runner, 17).run((round, runs, searching) -> { });
        Sizing.Candidate tp1 = result.candidates().get(0);
        assertNotNull(tp1.replicas());
        String prefix = "h100-sxm-bf16-tp1-x" + tp1.replicas() + "-r";
        var answer = result.rows().stream().filter(r -> r.run().id().startsWith(prefix)).toList();
        assertEquals(3, answer.size());
        assertTrue(answer.stream().allMatch(r -> r.figures().meetsSlo()), "a count meets the SLO in every replication");
        var ttft = tp1.estimate().ttftP95Ms();
        double mean = answer.stream().mapToDouble(r -> r.figures().ttftP95Ms()).average().orElseThrow();
        assertEquals(mean, ttft.mean(), 1e-9, "the estimate is the mean over the replications");
        assertTrue(ttft.halfWidth() > 0 && ttft.low() < mean && mean < ttft.high(), "seeds differ, so does p95: " + ttft);
        if (tp1.replicas() > 1) {
            String fewer = "h100-sxm-bf16-tp1-x" + (tp1.replicas() - 1) + "-r";
            long met = result.rows().stream().filter(r -> r.run().id().startsWith(fewer) && r.figures().meetsSlo()).count();
            assertEquals(met, tp1.belowMetIn().longValue(), "the answer says how close one replica fewer came");
            assertEquals(met > 0, tp1.borderline());
        }
        // The other candidate that met the SLO is set beside the cheapest, with its verdicts.
        long meeting = result.candidates().stream().filter(c -> c.replicas() != null).count();
        assertEquals(meeting - 1, result.rivals().size());
    }

    @Test
    void aServerlessPoolIsNotResizedOnlyTheReplicasAreSearched() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("small.yaml"),
                BatchFixture.BASE.replace("count: 2", "provisioning: serverless\n      gpusPerNode: 1"));
        Path file = dir.resolve("s.size.yaml");
        java.nio.file.Files.writeString(file, """
                base: small.yaml
                set:
                  workloads[0].arrival.rate: 40/s
                  duration: 60s
                candidates: {gpu: [h100-sxm], precision: [bf16], tensorParallel: [1]}
                maxReplicas: 8
                slo: {ttft: 1s, tpot: 60ms, attainment: 99%}
                """);
        SizeSpec spec = SizeFile.load(file);
        assertEquals("serverless", spec.poolProvisioning());
        BatchRunner runner = new BatchRunner(new StudyRuns(Files.readString(spec.base()), spec.base(), spec.fixed(), spec.slo(), dir.resolve("out")), Scenarios.validation(), 2);
        Sizing.Result result = new Sizing(spec, runner, 17).run((round, runs, searching) -> { });
        assertTrue(result.rows().stream().allMatch(BatchRow::ok), "no run refused for a pool size: " + result.rows());
        assertNotNull(result.cheapest());
    }
}
