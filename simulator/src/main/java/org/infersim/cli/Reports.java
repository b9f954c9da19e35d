package org.infersim.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.infersim.results.ReportRenderer;

/** Finds the report renderer (the reports module) and says plainly when it is missing. */
final class Reports {
    private Reports() {}

    static ReportRenderer renderer() {
        return ReportRenderer.find().orElseThrow(() -> new IllegalStateException(
                "the reports module is not on the class path; run infersim through ./infersim, "
                        + "which builds reports/target/infersim.jar"));
    }

    static Path renderRun(Path dir) throws IOException {
        return renderer().renderRun(dir);
    }

    static Path renderBatch(Path dir) throws IOException {
        return renderer().renderBatch(dir);
    }
}
