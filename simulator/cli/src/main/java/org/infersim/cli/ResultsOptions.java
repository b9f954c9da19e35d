package org.infersim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of every command that writes a results folder: where, whether to add a report, how quietly. */
final class ResultsOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Results folder (default: a folder under results/ named for the input).")
    Path output;

    @Option(names = "--report", description = "Also write report.html, a self-contained HTML report.")
    boolean report;

    @Option(names = {"-q", "--quiet"}, description = "No progress and no table.")
    boolean quiet;

    /** The results folder, created; null after saying why it cannot be (it exists and is not a folder). */
    Path folder(String command, String defaultName) throws IOException {
        Path dir = output != null ? output : Path.of("results", defaultName);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            System.err.println("infersim " + command + ": --output " + dir + ": exists and is not a directory");
            return null;
        }
        Files.createDirectories(dir);
        return dir;
    }
}
