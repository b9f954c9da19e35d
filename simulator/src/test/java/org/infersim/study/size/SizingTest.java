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
            // The run with one replica fewer was made and missed the SLO: n is the fewest.
            String fewer = "h100-sxm-bf16-tp1-x" + (n - 1);
            var row = result.rows().stream().filter(r -> r.run().id().equals(fewer)).findFirst().orElseThrow();
            assertFalse(row.figures().meetsSlo(), fewer + " should miss the SLO");
        }
        assertTrue(h100.runs() <= 2 * (32 - Integer.numberOfLeadingZeros(16)), "searched, not swept: " + h100.runs());
        assertEquals(h100.replicas() * 1, h100.figures().gpus(), "the pool is sized to the replicas");
        Sizing.Candidate l4 = result.candidates().get(1);
        assertTrue(l4.replicas() == null ? l4.reason() != null : l4.figures().meetsSlo());
        double cheapestCost = result.candidates().stream().filter(c -> c.replicas() != null)
                .mapToDouble(c -> c.figures().costPerHourUsd()).min().orElseThrow();
        assertEquals(cheapestCost, result.cheapest().figures().costPerHourUsd());
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
