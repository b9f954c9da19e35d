package org.infersim.study.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infersim.results.ResultsFolder;
import org.infersim.run.ScenarioValidation;
import org.infersim.study.BatchListener;
import org.infersim.study.BatchRow;
import org.infersim.study.StudyRuns;
import org.infersim.study.Workers;

/**
 * Runs a comparison as a batch (one results folder per policy and replication under
 * {@code runs/}, in parallel, resuming complete runs, recording failed ones), then reads each
 * run's summary back and writes the statistics. Figures are read from the written
 * {@code summary.json} rather than from memory, so a resumed run and a fresh one are read alike.
 */
public final class ComparisonRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The runs as they ended and the statistics drawn from them. */
    public record Outcome(List<BatchRow> rows, PolicyComparison comparison) {}

    private ComparisonRunner() {}

    public static Outcome run(ComparisonPlan plan, ScenarioValidation validation, Path outputDir, int threads,
                              BatchListener listener) throws IOException {
        return run(plan, Workers.local(validation, threads), outputDir, listener, Negligible.DEFAULT);
    }

    /** As {@link #run(ComparisonPlan, ScenarioValidation, Path, int, BatchListener)}, on the given workers, with a threshold of one's own. */
    public static Outcome run(ComparisonPlan plan, Workers workers, Path outputDir, BatchListener listener,
                              Negligible negligible) throws IOException {
        StudyRuns study = new StudyRuns(plan.baseText(), plan.baseFile(), plan.fixed(), plan.slo(), outputDir);
        List<BatchRow> rows = workers.executor(study).run(plan.runs(), listener);
        Map<String, PolicyComparison.RunSample> samples = new LinkedHashMap<>();
        for (BatchRow row : rows) {
            if (row.ok()) {
                Path summary = outputDir.resolve("runs").resolve(row.run().id()).resolve(ResultsFolder.SUMMARY);
                samples.put(row.run().id(), sample(JSON.readTree(summary.toFile())));
            }
        }
        PolicyComparison comparison = PolicyComparison.of(plan, rows, samples, ConfidenceInterval.LEVEL, negligible);
        ComparisonOutput.write(outputDir, plan, rows, comparison);
        return new Outcome(rows, comparison);
    }

    /** One run's compared figures and its arrival count, from its summary tree. */
    static PolicyComparison.RunSample sample(JsonNode summary) {
        Map<ComparedFigure, Double> figures = new EnumMap<>(ComparedFigure.class);
        for (ComparedFigure f : ComparedFigure.values()) {
            figures.put(f, f.read(summary));
        }
        JsonNode arrived = summary.path("requests").get("arrived");
        return new PolicyComparison.RunSample(figures, arrived != null && arrived.canConvertToLong() ? arrived.asLong() : null);
    }
}
