package org.infersim.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of every command that writes a results folder: where, whether to add a report, how quietly. */
final class ResultsOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Results folder (default: a folder under results/ named for the input). It must be new, "
                    + "empty or one infersim wrote before, unless --force is given.")
    Path output;

    @Option(names = "--force", description = "Write into the results folder even if it holds files infersim did not "
            + "write (those named like its results are replaced).")
    boolean force;

    @Option(names = "--report", description = "Also write report.html, a self-contained HTML report.")
    boolean report;

    @Option(names = {"-q", "--quiet"}, description = "No progress and no table.")
    boolean quiet;

    /** The results folder, created; null after saying why it cannot be used (see {@link OutputFolder}). */
    Path folder(String command, String defaultName) {
        if (output != null) {
            String given = output.toString();
            return OutputFolder.claim(command, output, "--output " + (given.isEmpty() ? "''" : given), force);
        }
        Path dir = Path.of("results", OutputFolder.folderName(defaultName));
        return OutputFolder.claim(command, dir, "results folder " + dir, force);
    }
}
