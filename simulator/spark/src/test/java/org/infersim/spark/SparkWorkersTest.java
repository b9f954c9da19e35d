package org.infersim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.infersim.results.ResultsFolder;
import org.infersim.run.BuiltInPolicies;
import org.infersim.run.ScenarioValidation;
import org.infersim.study.BatchAnalysis;
import org.infersim.study.BatchListener;
import org.infersim.study.BatchOutput;
import org.infersim.study.BatchPlan;
import org.infersim.study.BatchRow;
import org.infersim.study.BatchSpec;
import org.infersim.study.StudyRuns;
import org.infersim.study.Variant;
import org.infersim.study.Workers;
import org.infersim.study.batch.BatchFile;
import org.infersim.testing.BatchFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches on Spark in local mode (two executor threads, one Spark application for the class). */
class SparkWorkersTest {
    private static final String BATCH = """
            base: small.yaml
            replications: 2
            set: {duration: 40s, warmup: 5s}
            parameters:
              deployments[0].tensorParallel: [1, 3]
              deployments[0].replicas: [1, 2]
            slo: {ttft: 1s, tpot: 60ms, attainment: 90%}
            """;

    private static SparkWorkers spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        spark = new SparkWorkers("local[2]", List.of());
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    /** The batch beside a base scenario of its own (the small fixture, changed). */
    private Path write(String base, String batch) throws IOException {
        Path file = BatchFixture.write(dir, "b.batch.yaml", batch);
        Files.writeString(dir.resolve("small.yaml"), base);
        return file;
    }

    /** Runs a batch file as {@code infersim batch} does, on the given workers, and writes batch.csv and batch.json. */
    private static List<BatchRow> runBatch(Path batchFile, Path out, Workers workers) throws Exception {
        BatchSpec spec = BatchFile.load(batchFile);
        List<Variant> variants = BatchPlan.variants(spec);
        List<BatchRow> rows = workers.executor(new StudyRuns(Files.readString(spec.base()), spec.base(), spec.fixed(),
                spec.slo(), out)).run(BatchPlan.runs(variants, spec.replications(), 17), BatchListener.NONE);
        BatchOutput.write(out, spec.name(), spec.base(), BatchOutput.columns(variants), spec.replications(),
                spec.loadPath(), spec.slo(), rows, new BatchAnalysis(rows, spec.loadPath(), spec.slo()));
        return rows;
    }

    private static Workers localThreads(List<Path> catalogs) {
        return Workers.local(new ScenarioValidation(BuiltInPolicies.load(), catalogs), 2);
    }

    @Test
    void aBatchOnSparkWritesTheSameResultsFolderAsOnLocalThreads() throws Exception {
        Path batch = write(BatchFixture.BASE, BATCH);
        runBatch(batch, dir.resolve("local"), localThreads(List.of()));
        List<BatchRow> rows = runBatch(batch, dir.resolve("spark"), spark);

        assertEquals(8, rows.size());
        assertEquals(Files.readString(dir.resolve("local/batch.csv")), Files.readString(dir.resolve("spark/batch.csv")));
        assertEquals(Files.readString(dir.resolve("local/batch.json")), Files.readString(dir.resolve("spark/batch.json")));
        for (String file : List.of(ResultsFolder.SUMMARY, ResultsFolder.TIME_SERIES, ResultsFolder.POOLS,
                ResultsFolder.LATENCY, ResultsFolder.SCENARIO)) {
            assertEquals(Files.readString(dir.resolve("local/runs/v002-r2").resolve(file)),
                    Files.readString(dir.resolve("spark/runs/v002-r2").resolve(file)), file);
        }
    }

    @Test
    void aVariantThatFailsItsChecksOnAnExecutorIsRecordedAsFailedAndTheOthersRun() throws Exception {
        List<BatchRow> rows = runBatch(write(BatchFixture.BASE, BATCH), dir.resolve("out"), spark);

        List<String> failed = rows.stream().filter(r -> !r.ok()).map(r -> r.run().id()).toList();
        assertEquals(List.of("v003-r1", "v003-r2", "v004-r1", "v004-r2"), failed);
        BatchRow tp3 = rows.stream().filter(r -> r.run().id().equals("v003-r1")).findFirst().orElseThrow();
        assertTrue(tp3.message().startsWith("deployments[0].tensorParallel: 3 does not divide"), tp3.message());
        assertEquals(tp3.message() + "\n", Files.readString(dir.resolve("out/runs/v003-r1/failed.txt")));
        assertFalse(ResultsFolder.isComplete(dir.resolve("out/runs/v003-r1")));
        assertTrue(rows.get(0).ok() && rows.get(0).figures().throughputRps() > 1);
    }

    @Test
    void runsWhoseResultsAreThereAreNotSubmittedAgain() throws Exception {
        Path batch = write(BatchFixture.BASE, BATCH.replace("deployments[0].tensorParallel: [1, 3]",
                "workloads[0].arrival.rate: [2/s, 6/s]"));
        Path out = dir.resolve("out");
        runBatch(batch, out, spark);
        Map<String, FileTime> written = summaryTimes(out);
        assertEquals(8, written.size());

        List<BatchRow> again = runBatch(batch, out, spark);
        assertTrue(again.stream().allMatch(BatchRow::resumed), "every run picked up, none submitted");
        assertEquals(written, summaryTimes(out));

        Files.delete(out.resolve("runs/v003-r2").resolve(ResultsFolder.SUMMARY));
        List<BatchRow> third = runBatch(batch, out, spark);
        assertEquals(List.of("v003-r2"), third.stream().filter(r -> !r.resumed()).map(r -> r.run().id()).toList());
        Map<String, FileTime> after = summaryTimes(out);
        after.remove("v003-r2");
        written.remove("v003-r2");
        assertEquals(written, after, "the other runs' results untouched");
        assertTrue(ResultsFolder.isComplete(out.resolve("runs/v003-r2")));
    }

    @Test
    void aScenarioReplayingATraceReadsItFromTheBaseScenariosFolder() throws Exception {
        StringBuilder trace = new StringBuilder("TIMESTAMP,ContextTokens,GeneratedTokens\n");
        for (int i = 0; i < 120; i++) {
            trace.append(String.format("2023-11-16 18:15:%02d.%07d,%d,%d%n", i / 4, (i % 4) * 2_500_000, 500 + 37 * i % 900,
                    50 + 13 * i % 200));
        }
        Files.writeString(dir.resolve("trace.csv"), trace);
        String replay = BatchFixture.BASE.replace("arrival: {type: poisson, rate: 4/s}", "arrival: {type: trace, file: trace.csv}")
                .lines().filter(l -> !l.contains("Tokens:")).collect(Collectors.joining("\n", "", "\n"));
        Path batch = write(replay,
                """
                base: small.yaml
                parameters:
                  deployments[0].replicas: [1, 2]
                """);
        runBatch(batch, dir.resolve("local"), localThreads(List.of()));
        List<BatchRow> rows = runBatch(batch, dir.resolve("spark"), spark);

        assertTrue(rows.stream().allMatch(BatchRow::ok), rows.toString());
        assertEquals(Files.readString(dir.resolve("local/batch.csv")), Files.readString(dir.resolve("spark/batch.csv")));
        assertTrue(Files.readString(dir.resolve("spark/runs/v001/summary.json")).contains("\"arrived\" : 120"));
    }

    @Test
    void aModelFromACatalogOverlayIsShippedToTheExecutors() throws Exception {
        Path catalog = Files.createDirectories(dir.resolve("my-catalog"));
        Files.writeString(catalog.resolve("models.yaml"), "models:\n" + renamedModel("llama-3.1-8b", "my-8b"));
        Path batch = write(BatchFixture.BASE.replace("model: llama-3.1-8b", "model: my-8b"), """
                base: small.yaml
                parameters:
                  workloads[0].arrival.rate: [2/s, 6/s]
                """);
        try (SparkWorkersOverlay overlay = new SparkWorkersOverlay(List.of(catalog))) {
            List<BatchRow> rows = runBatch(batch, dir.resolve("out"), overlay.workers);
            assertTrue(rows.stream().allMatch(BatchRow::ok), rows.stream().map(BatchRow::message).toList().toString());
        }
        runBatch(batch, dir.resolve("local"), localThreads(List.of(catalog)));
        assertEquals(Files.readString(dir.resolve("local/batch.csv")), Files.readString(dir.resolve("out/batch.csv")));
    }

    /** The class's Spark application with catalog overlays of its own (one SparkContext per JVM). */
    private static final class SparkWorkersOverlay implements AutoCloseable {
        final Workers workers;

        SparkWorkersOverlay(List<Path> catalogs) throws IOException {
            CatalogFiles files = CatalogFiles.read(catalogs);
            workers = study -> new SparkRunExecutor(spark.context(), study, files);
        }

        @Override
        public void close() {}
    }

    /** A built-in model's catalog entry under another id, without its Hugging Face aliases. */
    private static String renamedModel(String id, String newId) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("infersim.root"), "gpu-models", "models.yaml"));
        int from = lines.indexOf("  - id: " + id);
        int to = from + 1;
        while (to < lines.size() && !lines.get(to).startsWith("  - id: ")) {
            to++;
        }
        return lines.subList(from, to).stream().filter(l -> !l.startsWith("    huggingFace:"))
                .map(l -> l.equals("  - id: " + id) ? "  - id: " + newId : l).collect(Collectors.joining("\n")) + "\n";
    }

    private static Map<String, FileTime> summaryTimes(Path out) throws IOException {
        Map<String, FileTime> times = new LinkedHashMap<>();
        try (var runs = Files.list(out.resolve("runs"))) {
            for (Path run : runs.sorted().toList()) {
                if (ResultsFolder.isComplete(run)) {
                    times.put(run.getFileName().toString(), Files.getLastModifiedTime(run.resolve(ResultsFolder.SUMMARY)));
                }
            }
        }
        return times;
    }
}
