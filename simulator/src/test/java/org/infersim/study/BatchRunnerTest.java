package org.infersim.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.infersim.study.batch.BatchFile;
import org.infersim.testing.BatchFixture;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchRunnerTest {
    @TempDir
    Path dir;

    private static final String BATCH = """
            base: small.yaml
            replications: 2
            parameters:
              deployments[0].tensorParallel: [1, 3]
              workloads[0].arrival.rate: [2/s, 6/s]
            slo: {ttft: 1s, tpot: 50ms, attainment: 95%}
            """;

    private List<BatchRow> runBatch(Path batchFile, Path out, int threads) throws Exception {
        BatchSpec spec = BatchFile.load(batchFile);
        BatchRunner runner = new BatchRunner(new StudyRuns(Files.readString(spec.base()), spec.base(), spec.fixed(), spec.slo(), out), Scenarios.validation(), threads);
        List<Variant> variants = BatchPlan.variants(spec);
        List<BatchRow> rows = runner.run(BatchPlan.runs(variants, spec.replications(), 17), BatchListener.NONE);
        BatchOutput.write(out, spec.name(), spec.base(), BatchOutput.columns(variants), spec.replications(),
                spec.loadPath(), spec.slo(), rows, new BatchAnalysis(rows, spec.loadPath(), spec.slo()));
        return rows;
    }

    @Test
    void resultsAreTheSameWhateverTheNumberOfThreads() throws Exception {
        Path batch = BatchFixture.write(dir, "b.batch.yaml", BATCH);
        runBatch(batch, dir.resolve("one"), 1);
        runBatch(batch, dir.resolve("two"), 2);
        assertEquals(Files.readString(dir.resolve("one/batch.csv")), Files.readString(dir.resolve("two/batch.csv")));
        assertEquals(Files.readString(dir.resolve("one/runs/v002-r2/summary.json")),
                Files.readString(dir.resolve("two/runs/v002-r2/summary.json")));
    }

    @Test
    void aVariantThatFailsValidationIsRecordedWithItsReasonAndTheOthersRun() throws Exception {
        Path batch = BatchFixture.write(dir, "b.batch.yaml", BATCH);
        List<BatchRow> rows = runBatch(batch, dir.resolve("out"), 2);
        assertEquals(8, rows.size());
        List<BatchRow> failed = rows.stream().filter(r -> !r.ok()).toList();
        assertEquals(List.of("v003-r1", "v003-r2", "v004-r1", "v004-r2"), failed.stream().map(r -> r.run().id()).toList());
        assertTrue(failed.get(0).message().startsWith("deployments[0].tensorParallel: 3 does not divide"), failed.get(0).message());
        assertTrue(rows.get(0).ok() && rows.get(0).figures().throughputRps() > 1);
        String csv = Files.readString(dir.resolve("out/batch.csv"));
        assertTrue(csv.contains("\nv003-r1,3,1,17,failed,deployments[0].tensorParallel: 3 does not divide the 32 attention heads"), csv);
        assertTrue(Files.readString(dir.resolve("out/runs/v003-r1/failed.txt")).contains("does not divide"));
    }

    @Test
    void replicationsRunOnIndependentSeedsAndTheVariantsShareThem() throws Exception {
        Path batch = BatchFixture.write(dir, "b.batch.yaml", BATCH);
        List<BatchRow> rows = runBatch(batch, dir.resolve("out"), 2);
        assertNotEquals(rows.get(0).figures().ttftP95Ms(), rows.get(1).figures().ttftP95Ms(),
                "two replications of one variant see different arrivals");
        String first = Files.readString(dir.resolve("out/runs/v001-r2/scenario.yaml"));
        String second = Files.readString(dir.resolve("out/runs/v002-r2/scenario.yaml"));
        assertEquals(seedLine(first), seedLine(second));
        assertTrue(first.contains("rate: 2/s") && second.contains("rate: 6/s"));
        assertTrue(first.contains("ttft: 1s") && first.contains("tpot: 50ms"), "the batch's SLO judges every run");
    }

    private static String seedLine(String yaml) {
        return yaml.lines().filter(l -> l.startsWith("seed:")).findFirst().orElseThrow();
    }

    @Test
    void runningTheSameBatchAgainSkipsTheRunsThatAreComplete() throws Exception {
        Path batch = BatchFixture.write(dir, "b.batch.yaml", BATCH);
        Path out = dir.resolve("out");
        runBatch(batch, out, 2);
        String before = Files.readString(out.resolve("batch.csv"));
        // An interrupted batch: one run lost its summary (it is written last), one never started.
        Files.delete(out.resolve("runs/v001-r2/summary.json"));
        Files.walk(out.resolve("runs/v002-r1")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        List<BatchRow> rows = runBatch(batch, out, 2);
        assertEquals(List.of("v001-r2", "v002-r1", "v003-r1", "v003-r2", "v004-r1", "v004-r2"),
                rows.stream().filter(r -> !r.resumed()).map(r -> r.run().id()).toList(),
                "only the incomplete runs, and the failed ones, run again");
        assertEquals(before, Files.readString(out.resolve("batch.csv")));
    }

    @Test
    void aChangedBatchDoesNotReuseResultsOfADifferentScenario() throws Exception {
        Path batch = BatchFixture.write(dir, "b.batch.yaml", BATCH);
        Path out = dir.resolve("out");
        runBatch(batch, out, 2);
        BatchFixture.write(dir, "b.batch.yaml", BATCH.replace("[2/s, 6/s]", "[3/s, 6/s]"));
        List<BatchRow> rows = runBatch(batch, out, 2);
        assertFalse(rows.get(0).resumed(), "v001 now means 3/s: its old 2/s results must not be reused");
        assertTrue(rows.get(2).resumed(), "v002 is unchanged");
    }
}
