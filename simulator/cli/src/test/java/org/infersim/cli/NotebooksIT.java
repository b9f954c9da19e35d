package org.infersim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Executes every notebook in notebooks/ headless, as a researcher would run it top to bottom; a
 * cell that raises fails the build. Needs Jupyter (Debian's jupyter-nbconvert, which .ci/run
 * installs) and the executable jar, hence an integration test run after package.
 */
class NotebooksIT {
    private static final Path ROOT = Path.of(System.getProperty("infersim.root", "..")).toAbsolutePath().normalize();
    private static final String JUPYTER = "/usr/bin/jupyter";

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsWithoutAFailingCell() throws IOException {
        assumeTrue(Files.isExecutable(Path.of(JUPYTER)),
                "Jupyter is not installed (apt-get install jupyter-nbconvert python3-pandas python3-matplotlib): notebooks not run");
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(ROOT.resolve("notebooks"))) {
            notebooks = files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
        }
        Path out = ROOT.resolve("simulator/cli/target/notebooks");
        Files.createDirectories(out);
        return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
            Path log = out.resolve(nb.getFileName() + ".log");
            Process p = new ProcessBuilder(JUPYTER, "nbconvert", "--to", "notebook", "--execute",
                    "--ExecutePreprocessor.timeout=900", "--output-dir", out.toString(), nb.toString())
                    .directory(ROOT.resolve("notebooks").toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean finished = p.waitFor(20, TimeUnit.MINUTES);
            if (!finished) {
                p.destroyForcibly();
            }
            assertEquals(0, finished ? p.exitValue() : -1, nb + " failed; see " + log + ":\n" + tail(log));
            // Their charts are what a reader opens them for: each notebook shows at least one inline.
            String executed = Files.readString(out.resolve(nb.getFileName()));
            assertTrue(executed.contains("\"image/png\""), nb + " shows no chart");
        }));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
