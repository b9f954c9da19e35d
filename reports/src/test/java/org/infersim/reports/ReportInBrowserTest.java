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
    void theComparisonReportLoadsWithoutErrorsAndDrawsEveryChart() throws Exception {
        Path report = new HtmlReportRenderer().renderBatch(Fixtures.copy("compare-autoscalers", tmp));
        Result r = check(report, SCREENSHOTS.resolve("compare-report.png"), 4600);
        assertEquals(0, r.status(), r.output());
        int charts = ComparisonReportTest.AUTOSCALER_CHARTS.size();
        assertTrue(r.output().contains(charts + " of " + charts + " charts drawn"), r.output());
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

    @Test
    void clickingAColumnHeaderSortsTheRunsByValueWithEmptyCellsLast() throws Exception {
        Path report = new HtmlReportRenderer().renderBatch(Fixtures.copy("batch-sweep", tmp));
        String html = Files.readString(report);
        // A reader's clicks, scripted: sort by p95 TTFT once (ascending), then by $/M tokens twice (descending).
        String clicks = """
                <script>
                (function () {
                  var table = document.querySelector('table.sortable');
                  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
                  function column(name) { return headers.filter(function (h) { return h.textContent === name; })[0]; }
                  function rows() { return Array.prototype.map.call(table.tBodies[0].rows, function (r) { return r.cells[0].textContent; }); }
                  column('TTFT p95').click();
                  var byTtft = rows();
                  column('$/M tokens').click();
                  column('$/M tokens').click();
                  var byCost = rows();
                  var root = document.documentElement;
                  root.setAttribute('data-ttft-first', byTtft[0]);
                  root.setAttribute('data-ttft-last', byTtft[byTtft.length - 1]);
                  root.setAttribute('data-cost-first', byCost[0]);
                  root.setAttribute('data-cost-last', byCost[byCost.length - 1]);
                  root.setAttribute('data-cost-sort', column('$/M tokens').getAttribute('aria-sort'));
                })();
                </script>
                </body>""";
        Files.writeString(report, html.replace("</body>", clicks));
        String root = htmlElement(dumpDom(report));
        assertTrue(root.contains("data-ttft-first=\"run-026\""), root);
        assertTrue(root.contains("data-ttft-last=\"run-024\""), "the failed run, without figures, last: " + root);
        assertTrue(root.contains("data-cost-first=\"run-017\""), root);
        assertTrue(root.contains("data-cost-last=\"run-024\""), "still last when descending: " + root);
        assertTrue(root.contains("data-cost-sort=\"descending\""), root);
    }

    static String dumpDom(Path page) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--dump-dom", page.toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "chromium did not finish");
        try (var files = Files.walk(profile)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // A browser helper may still be writing its profile; a leftover temporary folder is harmless.
        }
        return dom;
    }

    static String htmlElement(String dom) {
        int start = dom.indexOf("<html");
        return start < 0 ? dom : dom.substring(start, dom.indexOf('>', start) + 1);
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
