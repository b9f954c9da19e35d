package org.infersim.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.infersim.input.InvalidInputException;
import org.infersim.results.AtomicFile;
import org.infersim.results.ResultsFolder;
import org.infersim.results.SummaryJson;
import org.infersim.run.ClusterRun;
import org.infersim.run.Progress;
import org.infersim.run.RunResult;
import org.infersim.run.ScenarioValidation;
import org.infersim.scenario.LoadedScenario;

/**
 * Runs many variants of one base scenario on a pool of threads, each run single-threaded and
 * written to its own folder under {@code runs/}. Runs are independent, so the results do not
 * depend on the number of threads. Only each run's figures are kept in memory; a run whose
 * folder already holds the results of the same scenario text is not run again (resume).
 */
public final class BatchRunner {
    static final String FAILED = "failed.txt";

    private final VariantScenarios scenarios;
    private final Path baseFile;
    private final ScenarioValidation validation;
    private final BatchSlo slo;
    private final Path runsDir;

    /** @param validation how each run's scenario is loaded: the policies and catalogs of the process */
    public BatchRunner(String baseText, Path baseFile, ScenarioValidation validation, Map<String, JsonNode> fixed,
                       BatchSlo slo, Path outputDir) {
        this.scenarios = new VariantScenarios(baseText, fixed, slo);
        this.baseFile = baseFile;
        this.validation = validation;
        this.slo = slo;
        this.runsDir = outputDir.resolve("runs");
    }

    /** Runs every spec (or picks up its earlier result); rows come back in the order given. */
    public List<BatchRow> run(List<RunSpec> specs, int threads, BatchListener listener) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, specs.size())), r -> {
            Thread t = new Thread(r, "infersim-batch");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<BatchRow>> futures = new ArrayList<>();
            for (RunSpec spec : specs) {
                futures.add(pool.submit(() -> {
                    BatchRow row = runOne(spec);
                    listener.runFinished(row, done.incrementAndGet(), specs.size());
                    return row;
                }));
            }
            List<BatchRow> rows = new ArrayList<>(specs.size());
            for (Future<BatchRow> f : futures) {
                rows.add(f.get());
            }
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("batch interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a batch worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The variant's scenario, as {@link VariantScenarios} writes it. */
    String scenarioText(RunSpec spec) {
        return scenarios.text(spec.variant(), spec.seed());
    }

    private BatchRow runOne(RunSpec spec) {
        Path dir = runsDir.resolve(spec.id());
        String text = scenarioText(spec);
        try {
            RunFigures earlier = earlierResult(dir, text);
            if (earlier != null) {
                return new BatchRow(spec, true, "", earlier, true);
            }
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(ResultsFolder.SUMMARY));
            Files.deleteIfExists(dir.resolve(FAILED));
            LoadedScenario loaded;
            try {
                Path base = baseFile.toAbsolutePath().getParent();
                loaded = validation.parse(text, baseFile + " (run " + spec.id() + ")", base);
            } catch (InvalidInputException e) {
                // The base scenario is valid on its own, so the variant's values caused this;
                // the lines of the generated text would mean nothing to the user.
                String why = e.problems().stream()
                        .map(p -> (p.path() == null || p.path().isEmpty() ? "" : p.path() + ": ") + p.message())
                        .collect(Collectors.joining("; "));
                return failed(spec, dir, text, why);
            }
            RunResult result = new ClusterRun(loaded, null).run(Progress.NONE);
            ResultsFolder.write(dir, result.summary(), result.timeSeries(), result.latencies(), text);
            return new BatchRow(spec, true, "", RunFigures.of(result.summary(), slo), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            // A defect in the simulator must not take the other runs down; it is recorded for the report.
            return failed(spec, dir, text, "internal error: " + e);
        }
    }

    /**
     * The figures of a complete earlier run of the same text in {@code dir}; null when there is
     * none, or when its files cannot be read back (cut short or damaged): the run is done again.
     */
    private RunFigures earlierResult(Path dir, String text) {
        if (!ResultsFolder.isComplete(dir)) {
            return null;
        }
        try {
            if (!text.equals(Files.readString(dir.resolve(ResultsFolder.SCENARIO)))) {
                return null;
            }
            return RunFigures.of(SummaryJson.read(dir.resolve(ResultsFolder.SUMMARY)), slo);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static BatchRow failed(RunSpec spec, Path dir, String text, String why) {
        try {
            AtomicFile.write(dir.resolve(ResultsFolder.SCENARIO), text);
            AtomicFile.write(dir.resolve(FAILED), why + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BatchRow(spec, false, why, null, false);
    }
}
