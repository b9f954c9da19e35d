package org.infersim.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.infersim.input.InvalidInputException;
import org.infersim.reports.HtmlReportRenderer;
import org.infersim.results.ResultsFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "report", description = "Writes report.html for a run's or a batch's results folder.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RESULTS_DIR", description = "A folder written by infersim run, batch or size.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        Path report;
        try {
            if (Files.isRegularFile(dir.resolve("batch.csv"))) {
                report = new HtmlReportRenderer().renderBatch(dir);
            } else if (ResultsFolder.isComplete(dir)) {
                report = new HtmlReportRenderer().renderRun(dir);
            } else {
                System.err.println(dir + ": not a results folder (expected summary.json from infersim run, "
                        + "or batch.csv from infersim batch)");
                return Main.BAD_INPUT;
            }
        } catch (InvalidInputException bad) {
            bad.problems().forEach(System.err::println);
            return Main.BAD_INPUT;
        } catch (FileSystemException unwritable) {
            System.err.println("infersim report: cannot write the report: " + OutputFolder.reason(unwritable));
            return Main.BAD_INPUT;
        }
        System.out.println("Report: " + report);
        return 0;
    }
}
