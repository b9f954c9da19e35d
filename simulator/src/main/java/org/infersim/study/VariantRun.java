package org.infersim.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.infersim.input.InvalidInputException;
import org.infersim.results.ResultsFolder;
import org.infersim.results.RunSummary;
import org.infersim.run.ClusterRun;
import org.infersim.run.Progress;
import org.infersim.run.RunResult;
import org.infersim.run.ScenarioValidation;
import org.infersim.scenario.LoadedScenario;

/**
 * One run of a study, on whichever machine runs it: the variant's text loaded with every check,
 * simulated single-threaded, and its results folder written.
 */
public final class VariantRun {
    /** The run's summary, or why the variant could not run (then nothing was written). */
    public record Outcome(RunSummary summary, String failure) {}

    private VariantRun() {}

    /**
     * @param name how messages name the scenario
     * @param baseDir what its relative paths are resolved against
     * @param dir where its results folder is written
     */
    public static Outcome run(ScenarioValidation validation, String text, String name, Path baseDir, Path dir)
            throws IOException {
        try {
            LoadedScenario loaded = validation.parse(text, name, baseDir);
            RunResult result = new ClusterRun(loaded, null).run(Progress.NONE);
            ResultsFolder.write(dir, result.summary(), result.timeSeries(), result.latencies(), text);
            return new Outcome(result.summary(), null);
        } catch (InvalidInputException e) {
            // The base scenario is valid on its own, so the variant's values caused this;
            // the lines of the generated text would mean nothing to the user.
            return new Outcome(null, e.problems().stream()
                    .map(p -> (p.path() == null || p.path().isEmpty() ? "" : p.path() + ": ") + p.message())
                    .collect(Collectors.joining("; ")));
        } catch (RuntimeException e) {
            // A defect in the simulator must not take the other runs down; it is recorded for the report.
            return new Outcome(null, "internal error: " + e);
        }
    }
}
