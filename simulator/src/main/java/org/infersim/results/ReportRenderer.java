package org.infersim.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Turns a results folder into a self-contained HTML report. Implemented by the reports module and
 * found through {@link ServiceLoader}, so that the engine does not depend on the chart library
 * and results flow one way: simulation, results, reports.
 */
public interface ReportRenderer {

    /** Writes {@code report.html} into a run's results folder (summary.json and the rest). */
    Path renderRun(Path runDir) throws IOException;

    /** Writes {@code report.html} into a batch's folder (batch.csv and batch.json). */
    Path renderBatch(Path batchDir) throws IOException;

    /** The renderer on the class path, if the reports module is there. */
    static Optional<ReportRenderer> find() {
        return ServiceLoader.load(ReportRenderer.class).findFirst();
    }
}
