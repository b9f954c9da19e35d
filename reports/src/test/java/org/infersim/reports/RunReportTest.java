package org.infersim.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
    static final List<String> RUN_CHARTS = List.of(
            "Time to first token: distribution (CDF)",
            "Time per output token: distribution (CDF)",
            "Time to first token over time",
            "Time per output token over time",
            "Arrival and completion rate",
            "Queued and running requests",
            "Output tokens per second",
            "Replicas over time",
            "Engines stepping and KV-cache occupancy",
            "Preemptions per interval",
            "Cost so far",
            "Cost per million output tokens over time");

    @TempDir
    Path tmp;

    private final HtmlReportRenderer renderer = new HtmlReportRenderer();

    @Test
    void theHeadlineSaysHowMuchOfTheGpusWasUsedNotThatTheEnginesWereStepping() throws Exception {
        // A continuous-batching engine steps whenever it holds a request: at light load it is
        // "busy" nearly all the time while its GPUs move a fraction of their bandwidth.
        Path run = Fixtures.copy("run-quickstart", tmp);
        String html = Files.readString(renderer.renderRun(run));
        assertTrue(html.contains("GPU memory bandwidth used"), "the headline figure");
        assertTrue(html.contains("engines stepping"), "the stepping share, said as what it is");
        assertTrue(!html.contains("GPU busy"), "no figure calls stepping GPU busy");
    }

    @Test
    void aRunWithTrainingJobsShowsWhatPreemptionCostEachJob() throws Exception {
        // scenarios/training-preempted.yaml: a fine-tuning job evicted by the serving's scale-up.
        String html = Files.readString(renderer.renderRun(Fixtures.copy("run-jobs", tmp)));
        assertTrue(html.contains("<a href=\"#jobs\">Jobs</a>"), "listed in the contents");
        assertTrue(html.contains(">finetune-a<") && html.contains(">train (50)<"), "each job with its class");
        assertTrue(html.contains(">5.5 min<"), "the work it lost at its eviction");
        assertTrue(html.contains("GPU-hours by priority class") && html.contains(">inference (125)<"));
        assertTrue(html.contains(">16 (2 nodes)<"), "a pool given in nodes shows its GPUs");
        String quickstart = Files.readString(renderer.renderRun(Fixtures.copy("run-quickstart", tmp)));
        assertTrue(!quickstart.contains("id=\"jobs\""), "no jobs section in a run without jobs");
    }

    @Test
    void aThreeHourRunIsLabelledInHalfHoursNotTenthsThatRunTogether() throws Exception {
        String html = Files.readString(renderer.renderRun(Fixtures.copy("run-jobs", tmp)));
        String chart = html.substring(html.indexOf("<svg aria-label=\"Time to first token over time\""));
        chart = chart.substring(0, chart.indexOf("</svg>"));
        assertTrue(chart.contains(">0.5</text>") && chart.contains(">2.5</text>"), "half-hour ticks");
        assertTrue(!chart.contains(">0.1</text>") && !chart.contains(">1.1</text>"), "no tenths");
        assertEquals(0.5, XyChart.niceStep(3.0 / XyChart.MAX_X_TICKS));
        assertEquals(25.0, XyChart.niceStep(21));
        assertEquals(1.0, XyChart.niceStep(1));
    }

    @Test
    void aLongLegendMakesTheChartTallerInsteadOfSquashingThePlot() {
        XyChart chart = new XyChart("twelve configurations", "load", "cost");
        for (int i = 0; i < 12; i++) {
            chart.lineWithPoints("gpu=h100-sxm, precision=bf16, tensorParallel=" + i + ", replicas=4",
                    new double[] {1, 2}, new double[] {i, i + 1}, i);
        }
        assertEquals(12, chart.legendLines(HtmlPage.Size.HALF.width), "one name a line at half width");
        HtmlPage page = new HtmlPage("t", "t");
        page.chart(chart, "caption", HtmlPage.Size.HALF);
        String html = page.render();
        assertTrue(html.contains("viewBox=\"0 0 640 590\""), "400 plus ten more legend lines of 19");
    }

    @Test
    void aRunReportIsOneHtmlFileInTheResultsFolderWithEveryChartAsInlineSvg() throws Exception {
        Path run = Fixtures.copy("run-quickstart", tmp);
        Path report = renderer.renderRun(run);

        assertEquals(run.resolve("report.html"), report);
        String html = Files.readString(report);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertEquals(RUN_CHARTS.size(), Fixtures.count(html, "<figure class=\"chart\""));
        for (String title : RUN_CHARTS) {
            assertTrue(html.contains("<svg aria-label=\"" + title + "\""), "no chart " + title);
        }
        for (String figure : figures(html)) {
            assertTrue(figure.contains("<svg") && figure.contains("</svg>"), "a figure without its SVG");
            assertTrue(figure.contains("<figcaption>") && figure.length() > 2000, "a figure without caption or drawing");
            assertTrue(figure.contains("<text"), "a chart whose text (titles, axes) is not text");
        }
        // Axis titles and tick labels stay text, rotated ones and log axes included (not glyph outlines).
        List<String> figures = figures(html);
        assertTrue(figures.get(0).contains(">requests at or below (%)</text>"));
        assertTrue(figures.get(10).contains(">US dollars</text>"));
    }

    @Test
    void logAxesLabelTheirTicksAsText() throws Exception {
        String html = Files.readString(renderer.renderRun(Fixtures.copy("run-two-streams", tmp)));
        String ttftCdf = figures(html).get(0);
        assertTrue(ttftCdf.contains(">TTFT (ms, log scale)</text>"));
        assertTrue(ttftCdf.contains(">100</text>") && ttftCdf.contains(">1,000</text>"), "tick labels as text");
    }

    @Test
    void theReportHasTheSectionsAReviewerReadsInOrder() throws Exception {
        String html = Files.readString(renderer.renderRun(Fixtures.copy("run-quickstart", tmp)));
        List<String> sections = List.of("In brief", "Headline figures", "Latency distributions", "Latency over time",
                "Traffic and queues", "Replicas and utilization", "Cost", "Per replica and per pool");
        int at = 0;
        for (String s : sections) {
            int i = html.indexOf("<h2>" + s + "</h2>");
            assertTrue(i > at, "section " + s + " missing or out of order");
            at = i;
        }
        assertTrue(html.contains("<title>Run report: quickstart</title>"));
    }

    @Test
    void theHeadlineShowsTheSummaryFigures() throws Exception {
        String html = Files.readString(renderer.renderRun(Fixtures.copy("run-quickstart", tmp)));
        // summary.json of the fixture: TTFT p50 28.3771 ms, p99 113.574 ms; TPOT p95 10.2564 ms; $4.29/h.
        assertTrue(html.contains(">28.4</td>"));
        assertTrue(html.contains(">114</td>"));
        assertTrue(html.contains(">10.3 ms<"));
        assertTrue(html.contains("$4.29/h"));
        assertTrue(html.contains("2,318 requests arrived = 2,305 completed + 0 rejected + 13 still in flight"));
        assertTrue(html.contains("TTFT ≤ 1 s, TPOT ≤ 50 ms"));
        assertTrue(html.contains("llama-3.1-8b"));
        assertTrue(html.contains("$4.29/h (catalog price)"), "the price the run used where the scenario names none");
    }

    @Test
    void thePrefixCacheIsReportedOnlyWhenSomePromptWasServedFromIt() throws Exception {
        Path run = Fixtures.copy("run-quickstart", tmp);
        String plain = Files.readString(renderer.renderRun(run));
        assertFalse(plain.contains("Prefix cache"), "nothing was shared, so there is nothing to say");

        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var summary = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(run.resolve("summary.json").toFile());
        summary.get("streams").forEach(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n)
                .put("prefixCacheHitRate", 0.923).put("prefillTokensSaved", 21_659_008));
        summary.get("replicas").forEach(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n)
                .put("prefixCacheHitRate", 0.923).put("prefillTokensSaved", 21_659_008).put("cachedBlocksEvicted", 4321));
        ((com.fasterxml.jackson.databind.node.ObjectNode) summary.get("overall")).put("prefixCacheHitRate", 0.923)
                .put("prefillTokensSaved", 21_659_008);
        json.writeValue(run.resolve("summary.json").toFile(), summary);
        String html = Files.readString(renderer.renderRun(run));
        assertTrue(html.contains("Prefix-cache hits"), "a key figure in brief");
        assertTrue(html.contains("<h3>Prefix cache</h3>") || html.contains(">Prefix cache<"), "a table per stream");
        assertTrue(html.contains("92.3%"));
        assertTrue(html.contains("21,659,008"));
        assertTrue(html.contains("Prefix cache per replica") && html.contains("4,321"), "and per replica, with evictions");
    }

    @Test
    void theScenarioAsRunIsShownEscapedInAFoldedBlock() throws Exception {
        Path run = Fixtures.copy("run-quickstart", tmp);
        Files.writeString(run.resolve("scenario.yaml"),
                Files.readString(run.resolve("scenario.yaml")) + "# <script>alert('x')</script> & more\n");
        String html = Files.readString(renderer.renderRun(run));
        assertTrue(html.contains("<details><summary>The scenario file as it was run (scenario.yaml)</summary><pre>"));
        assertTrue(html.contains("# &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
        assertFalse(html.contains("<script>alert"));
    }

    @Test
    void nothingInTheReportReachesForTheNetwork() throws Exception {
        String html = Files.readString(renderer.renderRun(Fixtures.copy("run-quickstart", tmp)));
        assertFalse(html.contains("http"), "a URL in the report");
        assertFalse(html.contains("src="), "an external resource");
        assertFalse(html.contains("@import"));
        Matcher url = Pattern.compile("url\\((?!#)").matcher(html);
        assertFalse(url.find(), "a CSS url() that is not a reference inside the page");
        assertFalse(html.contains("<link"));
    }

    @Test
    void theSameResultsGiveTheSameReportByteForByteWhereverTheFolderIs() throws Exception {
        Path a = renderer.renderRun(Fixtures.copy("run-quickstart", tmp.resolve("a")));
        Path b = renderer.renderRun(Fixtures.copy("run-quickstart", tmp.resolve("b")));
        byte[] first = Files.readAllBytes(a);
        assertArrayEquals(first, Files.readAllBytes(b));
        assertArrayEquals(first, Files.readAllBytes(renderer.renderRun(a.getParent())), "rendering again changed it");
    }

    @Test
    void svgIdsAreUniqueOnThePageSoEachChartClipsToItsOwnPlot() throws Exception {
        String html = Files.readString(renderer.renderRun(Fixtures.copy("run-quickstart", tmp)));
        Matcher ids = Pattern.compile(" id=\"([^\"]+)\"").matcher(html);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (ids.find()) {
            assertTrue(seen.add(ids.group(1)), "id used twice: " + ids.group(1));
        }
        Matcher refs = Pattern.compile("url\\(#([^)]+)\\)").matcher(html);
        while (refs.find()) {
            assertTrue(seen.contains(refs.group(1)), "reference to a missing id: " + refs.group(1));
        }
    }

    @Test
    void chartsAreCompact() throws Exception {
        Path report = renderer.renderRun(Fixtures.copy("run-quickstart", tmp));
        for (String figure : figures(Files.readString(report))) {
            assertTrue(figure.length() < 60_000, "a chart of " + figure.length() + " characters");
        }
        assertTrue(Files.size(report) < 600_000, "report of " + Files.size(report) + " bytes");
        assertFalse(Files.readString(report).contains("font-face"), "embedded fonts");
    }

    @Test
    void severalStreamsEachGetALineAndTheirOwnSloTarget() throws Exception {
        String html = Files.readString(renderer.renderRun(Fixtures.copy("run-two-streams", tmp)));
        String ttftCdf = figures(html).get(0);
        assertTrue(ttftCdf.contains(">users<") && ttftCdf.contains(">premium<") && ttftCdf.contains(">all streams<"));
        assertTrue(ttftCdf.contains("SLO 1 s") && ttftCdf.contains("SLO 2 s"));
        assertTrue(ttftCdf.contains("log scale"), "TTFT spanning decades is drawn on a log axis");
        assertTrue(html.contains(">all streams</td>"));
        assertTrue(html.contains("time since start (h)"), "a day is charted in hours");
    }

    @Test
    void columnsThatLaterVersionsAddAreToleratedAndExtraReplicaStatesCharted() throws Exception {
        Path run = Fixtures.copy("run-quickstart", tmp);
        Path csv = run.resolve("timeseries.csv");
        List<String> lines = Files.readAllLines(csv);
        StringBuilder sb = new StringBuilder(lines.get(0)).append(",replicas_starting,some_future_text\n");
        for (String line : lines.subList(1, lines.size())) {
            sb.append(line).append(",0,hello\n");
        }
        Files.writeString(csv, sb.toString());
        String html = Files.readString(renderer.renderRun(run));
        assertEquals(RUN_CHARTS.size(), Fixtures.count(html, "<figure class=\"chart\""));
        assertTrue(html.contains(">replicas starting<"));
    }

    @Test
    void aPoolThatGrowsGetsANodesChartAndStaticPoolsDoNot() throws Exception {
        Path run = Fixtures.copy("run-quickstart", tmp);
        Path pools = run.resolve("pools.csv");
        String header = "time_s,pool,provisioning,nodes,nodes_provisioning,gpus,gpus_held,cost_so_far_usd\n";
        Files.writeString(pools, header + "10,h100,static,1,0,1,1,0.01\n20,h100,static,1,0,1,1,0.02\n");
        String html = Files.readString(renderer.renderRun(run));
        assertEquals(RUN_CHARTS.size(), Fixtures.count(html, "<figure class=\"chart\""), "a flat line says nothing");

        Files.writeString(pools, header + "10,h100,static,1,0,1,1,0.01\n10,burst,dynamic,0,2,0,0,0.5\n"
                + "20,h100,static,1,0,1,1,0.02\n20,burst,dynamic,2,0,16,8,1.1\n");
        html = Files.readString(renderer.renderRun(run));
        assertEquals(RUN_CHARTS.size() + 1, Fixtures.count(html, "<figure class=\"chart\""));
        assertTrue(html.contains("<svg aria-label=\"Nodes over time\""));
        assertTrue(html.contains(">burst (dynamic): ready<") && html.contains(">burst: provisioning<"));
        assertFalse(html.contains(">h100 (static)"));
    }

    @Test
    void aLongRunAtFineResolutionStillGivesASmallReport() throws Exception {
        Path run = Fixtures.copy("run-quickstart", tmp);
        Path csv = run.resolve("timeseries.csv");
        List<String> lines = Files.readAllLines(csv);
        StringBuilder sb = new StringBuilder(lines.get(0)).append('\n');
        int rows = 86_400; // a day, sampled every second
        for (int i = 0; i < rows; i++) {
            String sample = lines.get(1 + i % (lines.size() - 1));
            sb.append(i + 1).append(sample.substring(sample.indexOf(','))).append('\n');
        }
        Files.writeString(csv, sb.toString());
        Path report = renderer.renderRun(run);
        assertTrue(Files.size(report) < 1_500_000, "report of " + Files.size(report) + " bytes");
    }

    @Test
    void thinningALongLineKeepsItsExtremes() {
        double[] y = new double[100_000];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 7;
        }
        y[54_321] = 1000;
        y[77_777] = -5;
        int[] kept = XyChart.decimated(y);
        assertTrue(kept.length <= 2 * XyChart.BUCKETS);
        assertTrue(java.util.Arrays.stream(kept).anyMatch(i -> i == 54_321));
        assertTrue(java.util.Arrays.stream(kept).anyMatch(i -> i == 77_777));
        for (int i = 1; i < kept.length; i++) {
            assertTrue(kept[i] > kept[i - 1], "in order");
        }
        assertEquals(null, XyChart.decimated(new double[50]));
    }

    @Test
    void aFolderWithoutSummaryIsBadInputNamingTheFile() throws Exception {
        Path run = Fixtures.copy("run-quickstart", tmp);
        Files.delete(run.resolve("summary.json"));
        Problem p = problem(() -> renderer.renderRun(run));
        assertEquals(run.resolve("summary.json").toString(), p.file());
        assertTrue(p.message().contains("missing"), p.message());
    }

    @Test
    void aMalformedSummaryIsBadInputWithItsLine() throws Exception {
        Path run = Fixtures.copy("run-quickstart", tmp);
        Files.writeString(run.resolve("summary.json"), "{\n  \"scenario\" : \"x\",\n  \"seed\" : oops\n}\n");
        Problem p = problem(() -> renderer.renderRun(run));
        assertEquals(run.resolve("summary.json").toString(), p.file());
        assertEquals(3, p.line());
    }

    @Test
    void aCellThatIsNotANumberIsBadInputWithFileLineAndColumn() throws Exception {
        Path run = Fixtures.copy("run-quickstart", tmp);
        Path csv = run.resolve("timeseries.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(csv));
        lines.set(4, lines.get(4).replaceFirst("^([^,]*,[^,]*,[^,]*,)[^,]*", "$1fast"));
        Files.write(csv, lines);
        Problem p = problem(() -> renderer.renderRun(run));
        assertEquals(csv.toString(), p.file());
        assertEquals(5, p.line());
        assertEquals("arrival_rate_rps", p.path());
        assertTrue(p.message().contains("\"fast\""), p.message());
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsBadInputWithItsLine() throws Exception {
        Path run = Fixtures.copy("run-quickstart", tmp);
        Path csv = run.resolve("latency.csv");
        Files.writeString(csv, Files.readString(csv) + "chat,ttft,101\n");
        Problem p = problem(() -> renderer.renderRun(run));
        assertEquals(csv.toString(), p.file());
        assertEquals(Files.readAllLines(csv).size(), p.line());
        assertTrue(p.message().contains("expected 4 cells"), p.message());
    }

    @Test
    void aFileMissingARequiredColumnIsBadInput() throws Exception {
        Path run = Fixtures.copy("run-quickstart", tmp);
        Files.writeString(run.resolve("latency.csv"), "stream,metric,value_ms\nchat,ttft,1\n");
        Problem p = problem(() -> renderer.renderRun(run));
        assertEquals(1, p.line());
        assertTrue(p.message().contains("percentile"), p.message());
    }

    /** The renderer's interface throws IOException; bad input is its InvalidInputException cause. */
    static Problem problem(org.junit.jupiter.api.function.Executable render) {
        InvalidInputException bad = assertThrows(InvalidInputException.class, render);
        assertEquals(1, bad.problems().size(), bad.getMessage());
        return bad.problems().get(0);
    }

    static List<String> figures(String html) {
        Matcher m = Pattern.compile("<figure class=\"chart\".*?</figure>", Pattern.DOTALL).matcher(html);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @Test
    void anAutoscaledRunShowsWhatItsAutoscalerDidAndWhereItsColdStartsSpentTheirTime() throws Exception {
        Path run = Fixtures.copy("run-autoscaled", tmp);
        String html = Files.readString(renderer.renderRun(run));
        assertTrue(html.contains("Scaling and cold starts"), "the scaling section");
        for (String column : List.of("Peak replicas", "Scale-ups", "Cold starts", "Waited for a replica", "New node",
                "GPU wait", "Image", "Weights", "Engine")) {
            assertTrue(html.contains(">" + column + "<"), column);
        }
        assertTrue(html.contains(">stopped<"), "replicas the autoscaler removed say so");
        Path quickstart = Fixtures.copy("run-quickstart", tmp.resolve("q"));
        assertFalse(Files.readString(renderer.renderRun(quickstart)).contains("Scaling and cold starts"),
                "a fixed fleet has no such section");
    }

    @Test
    void anOnPremRunSaysWhatItDrawsWhatItCostsAndWhenOwningBeatsTheApi() throws Exception {
        // /tmp/rv/onprem.yaml: one H100 server on-prem, with a hosted API's prices to compare.
        String html = Files.readString(renderer.renderRun(Fixtures.copy("run-onprem", tmp)));
        assertTrue(html.contains("<a href=\"#power\">Power and ownership</a>"), "listed in the contents");
        assertTrue(html.contains("Power over time") && html.contains("times its PUE (1.56 here)"),
                "the power chart, with how to get the facility's draw");
        assertTrue(html.contains(">7.62 kW<") && html.contains(">4.2 J<"), "average power and joules per token");
        assertTrue(html.contains("The fleet is 1 server in 1 rack: 10.2 kW nameplate"), "the footprint");
        assertTrue(html.contains("Monthly cost by cost model") && html.contains(">$4,750<"),
                "the cost models, the on-prem month split into depreciation and the rest");
        assertTrue(html.contains("At this run&#39;s traffic, 35.9 billion tokens a month"), "build versus buy");
        assertTrue(html.contains("would bill $32,333 a month against $7,406 to own the fleet; owning is cheaper "
                + "above 8.23 billion tokens a month, 22.9% of this traffic"));

        Path quickstart = Fixtures.copy("run-quickstart", tmp.resolve("q"));
        String old = Files.readString(renderer.renderRun(quickstart));
        assertFalse(old.contains("Power and ownership"), "a summary without energy or fleet has no such section");
        assertEquals(RUN_CHARTS.size(), Fixtures.count(old, "<figure class=\"chart\""));
    }
}
