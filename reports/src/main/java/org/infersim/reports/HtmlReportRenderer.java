package org.infersim.reports;

import java.io.IOException;
import java.nio.file.Path;
import org.infersim.results.AtomicFile;
import org.infersim.results.ReportRenderer;
import org.infersim.results.ResultsFolder;
import org.infersim.scenario.InvalidInputException;

/**
 * The reports module's answer to {@code infersim report} and {@code --report}: reads a results
 * folder and writes its {@code report.html} atomically (a reader never sees half a report).
 *
 * <p>Bad input (a missing or malformed file) is thrown as an {@link IOException} whose cause is
 * the {@link InvalidInputException} naming the file and line, since the interface can only throw
 * {@code IOException}; the command line unwraps it into a message and exit status 2.
 */
public final class HtmlReportRenderer implements ReportRenderer {

    @Override
    public Path renderRun(Path runDir) throws IOException {
        try {
            return write(runDir, RunReport.render(RunResults.read(runDir)));
        } catch (InvalidInputException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public Path renderBatch(Path batchDir) throws IOException {
        try {
            ComparisonResults comparison = ComparisonResults.present(batchDir) ? ComparisonResults.read(batchDir) : null;
            return write(batchDir, BatchReport.render(BatchResults.read(batchDir), comparison));
        } catch (InvalidInputException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static Path write(Path dir, String html) throws IOException {
        Path report = dir.resolve(ResultsFolder.REPORT);
        AtomicFile.write(report, html);
        return report;
    }
}
