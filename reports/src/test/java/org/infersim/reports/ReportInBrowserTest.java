package org.infersim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports as a reader sees them: each is opened in headless Chromium by
 * src/test/browser/check-report.sh, which fails on a script error or console message and on a
 * chart the browser did not draw, and leaves a screenshot in target/browser-check/ to look at.
 */
class ReportInBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SCRIPT = Path.of("src/test/browser/check-report.sh");
    static final Path SCREENSHOTS = Path.of("target/browser-check");

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: /usr/bin/chromium is not installed "
                + "(apt-get install chromium; .ci/run installs it)");
    }

    @Test
    void theRunReportLoadsWithoutErrorsAndDrawsEveryChart() throws Exception {
        Path report = new HtmlReportRenderer().renderRun(Fixtures.copy("run-quickstart", tmp));
        Result r = check(report, SCREENSHOTS.resolve("run-report.png"), 9000);
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains(RunReportTest.RUN_CHARTS.size() + " of " + RunReportTest.RUN_CHARTS.size()
                + " charts drawn"), r.output());
        assertTrue(Files.size(SCREENSHOTS.resolve("run-report.png")) > 50_000, "an empty screenshot");
    }

    @Test
    void theBatchReportLoadsWithoutErrorsAndDrawsEveryChart() throws Exception {
        Path report = new HtmlReportRenderer().renderBatch(Fixtures.copy("batch-sweep", tmp));
        Result r = check(report, SCREENSHOTS.resolve("batch-report.png"), 12000);
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains(BatchReportTest.BATCH_CHARTS.size() + " of "
                + BatchReportTest.BATCH_CHARTS.size() + " charts drawn"), r.output());
    }

    @Test
    void theCheckCatchesAScriptError() throws Exception {
        Path report = new HtmlReportRenderer().renderRun(Fixtures.copy("run-quickstart", tmp));
        String html = Files.readString(report);
        Files.writeString(report, html.replace("</body>", "<script>notDefinedAnywhere();</script>\n</body>"));
        Result r = check(report, tmp.resolve("broken.png"), 1000);
        assertEquals(1, r.status(), r.output());
        assertTrue(r.output().contains("notDefinedAnywhere"), r.output());
    }

    @Test
    void theCheckCatchesAChartThatIsNotDrawn() throws Exception {
        Path report = new HtmlReportRenderer().renderRun(Fixtures.copy("run-quickstart", tmp));
        String html = Files.readString(report);
        Files.writeString(report, html.replaceFirst("<figure class=\"chart\" id=\"chart-1\"><svg",
                "<figure class=\"chart\" id=\"chart-1\"><svg style=\"display:none\""));
        Result r = check(report, tmp.resolve("hidden.png"), 1000);
        assertEquals(1, r.status(), r.output());
        assertTrue(r.output().contains("11 of 12 charts were drawn") || r.output().contains("only 11 of 12"),
                r.output());
    }

    record Result(int status, String output) {}

    static Result check(Path report, Path png, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Process p = new ProcessBuilder("bash", SCRIPT.toString(), report.toString(), png.toString(),
                Integer.toString(height)).redirectErrorStream(true).start();
        p.getOutputStream().close();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
            return new Result(-1, "check-report.sh timed out\n" + output);
        }
        return new Result(p.exitValue(), output);
    }
}
