package org.infersim.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.infersim.results.AtomicFile;
import org.infersim.results.ResultsFolder;
import org.infersim.results.RunSummary;
import org.infersim.results.SummaryJson;

/**
 * The runs of one study as its results folder holds them: each run's scenario text (from
 * {@link VariantScenarios}) and its folder under {@code runs/}, what an earlier run left there
 * (resume), and how a run's end is recorded. Whatever executes the runs, this is where they
 * are planned and written, on the machine that holds the results folder.
 */
public final class StudyRuns {
    static final String FAILED = "failed.txt";

    private final VariantScenarios scenarios;
    private final Path baseFile;
    private final BatchSlo slo;
    private final Path runsDir;

    public StudyRuns(String baseText, Path baseFile, Map<String, JsonNode> fixed, BatchSlo slo, Path outputDir) {
        this.scenarios = new VariantScenarios(baseText, fixed, slo);
        this.baseFile = baseFile;
        this.slo = slo;
        this.runsDir = outputDir.resolve("runs");
    }

    /** The variant's scenario, as {@link VariantScenarios} writes it. */
    public String text(RunSpec spec) {
        return scenarios.text(spec.variant(), spec.seed());
    }

    /** How messages name the run's scenario. */
    public String name(RunSpec spec) {
        return baseFile + " (run " + spec.id() + ")";
    }

    /** The folder the scenario's relative paths (traces, length files) are resolved against: the base's. */
    public Path baseDir() {
        return baseFile.toAbsolutePath().getParent();
    }

    public Path folder(RunSpec spec) {
        return runsDir.resolve(spec.id());
    }

    /**
     * The row of a complete earlier run of the same text; null when there is none, or when its
     * files cannot be read back (cut short or damaged): the run is done again.
     */
    public BatchRow earlier(RunSpec spec, String text) {
        Path dir = folder(spec);
        if (!ResultsFolder.isComplete(dir)) {
            return null;
        }
        try {
            if (!text.equals(Files.readString(dir.resolve(ResultsFolder.SCENARIO)))) {
                return null;
            }
            return new BatchRow(spec, true, "", RunFigures.of(SummaryJson.read(dir.resolve(ResultsFolder.SUMMARY)), slo), true);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** Makes the run's folder ready for a new run: no summary, no failure left from before. */
    public void clear(RunSpec spec) throws IOException {
        Path dir = folder(spec);
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(ResultsFolder.SUMMARY));
        Files.deleteIfExists(dir.resolve(FAILED));
    }

    /** The row of a run that simulated, its results folder written. */
    public BatchRow finished(RunSpec spec, RunSummary summary) {
        return new BatchRow(spec, true, "", RunFigures.of(summary, slo), false);
    }

    /**
     * Writes a run's results folder from the files' content (a run simulated elsewhere), each
     * file atomically and the summary last, as {@link ResultsFolder#write} does, and answers its row.
     */
    public BatchRow written(RunSpec spec, Map<String, String> files) throws IOException {
        Path dir = folder(spec);
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (!file.getKey().equals(ResultsFolder.SUMMARY)) {
                AtomicFile.write(dir.resolve(file.getKey()), file.getValue());
            }
        }
        String summary = files.get(ResultsFolder.SUMMARY);
        AtomicFile.write(dir.resolve(ResultsFolder.SUMMARY), summary);
        return new BatchRow(spec, true, "", RunFigures.of(SummaryJson.read(dir.resolve(ResultsFolder.SUMMARY)), slo), false);
    }

    /** Records a run that could not simulate, with why, and answers its row. */
    public BatchRow failed(RunSpec spec, String text, String why) {
        Path dir = folder(spec);
        try {
            AtomicFile.write(dir.resolve(ResultsFolder.SCENARIO), text);
            AtomicFile.write(dir.resolve(FAILED), why + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BatchRow(spec, false, why, null, false);
    }
}
