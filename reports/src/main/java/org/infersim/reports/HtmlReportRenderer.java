package org.infersim.reports;

import java.io.IOException;
import java.nio.file.Path;
import org.infersim.input.InvalidInputException;
import org.infersim.results.AtomicFile;
import org.infersim.results.ResultsFolder;

/**
 * The reports module's answer to {@code infersim report} and {@code --report}: reads a results
 * folder and writes its {@code report.html} atomically (a reader never sees half a report).
 *
 * <p>Bad input (a missing or malformed file) is an {@link InvalidInputException} naming the file
 * and line; the command line prints it and exits with status 2.
 */
public final class HtmlReportRenderer {

    /** Writes {@code report.html} into a run's results folder (summary.json and the rest). */
    public Path renderRun(Path runDir) throws IOException, InvalidInputException {
        return write(runDir, RunReport.render(RunResults.read(runDir)));
    }

    /** Writes {@code report.html} into a batch's folder (batch.csv and batch.json, and compare.json if any). */
    public Path renderBatch(Path batchDir) throws IOException, InvalidInputException {
        ComparisonResults comparison = ComparisonResults.present(batchDir) ? ComparisonResults.read(batchDir) : null;
        SizeResults size = SizeResults.present(batchDir) ? SizeResults.read(batchDir) : null;
        return write(batchDir, BatchReport.render(BatchResults.read(batchDir), comparison, size));
    }

    private static Path write(Path dir, String html) throws IOException {
        Path report = dir.resolve(ResultsFolder.REPORT);
        AtomicFile.write(report, html);
        return report;
    }
}
