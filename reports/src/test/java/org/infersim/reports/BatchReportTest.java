package org.infersim.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.infersim.input.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchReportTest {
    /** The fixture varies gpu × precision × load (4 levels), 2 replications: 32 runs, one failed. */
    static final List<String> BATCH_CHARTS = List.of(
            "Cost per million output tokens against load",
            "p95 time to first token against load",
            "p95 time per output token against load",
            "Cost per hour against load",
            "Cost per hour by gpu", "p95 TTFT by gpu", "p95 TPOT by gpu",
            "Cost per hour by precision", "p95 TTFT by precision", "p95 TPOT by precision",
            "Cost against p95 time to first token");

    @TempDir
    Path tmp;

    private final HtmlReportRenderer renderer = new HtmlReportRenderer();

    @Test
    void aBatchReportChartsCostAndLatencyAgainstEveryVariedParameterAndThePareto() throws Exception {
        String html = Files.readString(renderer.renderBatch(Fixtures.copy("batch-sweep", tmp)));
        assertEquals(BATCH_CHARTS.size(), Fixtures.count(html, "<figure class=\"chart\""));
        for (String title : BATCH_CHARTS) {
            assertTrue(html.contains("<svg aria-label=\"" + title + "\""), "no chart " + title);
        }
        for (String s : List.of("What was varied", "Cheapest configuration meeting the SLO",
                "Cost and latency against load", "Cost and latency by gpu", "Cost and latency by precision",
                "Cost against latency: the Pareto front", "All runs", "Failed runs")) {
            assertTrue(html.contains("<h2>" + s + "</h2>"), "no section " + s);
        }
    }

    @Test
    void aSizeReportAnswersFirstWithTheFewestReplicasPerCandidate() throws Exception {
        // infersim size on quickstart.yaml: an H100 meets the SLO with one replica, an A100 needs two.
        String html = Files.readString(renderer.renderBatch(Fixtures.copy("size-search", tmp)));
        assertTrue(html.contains("<title>Size report: small-size</title>"), "not a batch report reused");
        assertTrue(html.indexOf("id=\"sizing\"") < html.indexOf("id=\"varied\""), "the answer comes first");
        String table = html.substring(html.indexOf("id=\"sizing\""));
        table = table.substring(0, table.indexOf("</table>"));
        assertTrue(table.contains("<tr class=\"highlight\"><td>h100-sxm bf16 TP1</td>"), table);
        assertTrue(table.contains(">a100-80gb bf16 TP1<") && table.contains(">meets the SLO<"), table);
        assertTrue(html.contains("3 variants were run, not every one of the"), "the probes are not a sweep");
        assertTrue(html.contains("Each probe ran 3 replications under seeds every candidate shares"), "how sure it is");
        assertTrue(table.matches("(?s).*<td[^>]*>\\d+ ± [\\d.]+ ms</td>.*"), "latencies with their intervals: " + table);
        assertTrue(html.contains("Cost and latency by gpu") && !html.contains("Cost and latency by replicas")
                && !html.contains("Cost and latency by count"), "a search's probe sizes are not choices to chart");
    }

    @Test
    void aBatchSaysEveryCombinationRanOnlyWhenItDid() throws Exception {
        String full = Files.readString(renderer.renderBatch(Fixtures.copy("batch-sweep", tmp)));
        assertTrue(full.contains("Every combination of the values below was run"), "the sweep ran all 16");
        // Two of the values dropped from batch.json's runs: fewer variants than combinations.
        Path dir = Fixtures.copy("batch-sweep", tmp.resolve("partial"));
        List<String> csv = Files.readAllLines(dir.resolve("batch.csv"));
        Files.write(dir.resolve("batch.csv"), csv.subList(0, csv.size() - 4));
        String partial = Files.readString(renderer.renderBatch(dir));
        assertFalse(partial.contains("Every combination of the values below was run"), "not what ran");
        assertTrue(partial.contains("variants were run, not every one of the"));
    }

    @Test
    void theParetoChartShowsTheFrontTheSloAndTheCheapestPerLoad() throws Exception {
        String html = Files.readString(renderer.renderBatch(Fixtures.copy("batch-sweep", tmp)));
        String pareto = RunReportTest.figures(html).get(BATCH_CHARTS.size() - 1);
        for (String legend : List.of(">runs meeting the SLO<", ">runs missing the SLO<", ">Pareto front at 5/s<",
                ">Pareto front at 10/s<", ">Pareto front at 20/s<", ">cheapest meeting the SLO<", ">SLO 2 s<", ">5/s<",
                ">10/s<", ">20/s<")) {
            assertTrue(pareto.contains(legend), "the Pareto chart lacks " + legend);
        }
        assertFalse(pareto.contains(">40/s<"), "no run met the SLO at 40/s, so none is marked there");
        assertFalse(pareto.contains(">Pareto front at 40/s<"), "nor has it a front: its runs are no alternatives");
    }

    @Test
    void theTableOfRunsSortsAndHighlightsTheCheapest() throws Exception {
        String html = Files.readString(renderer.renderBatch(Fixtures.copy("batch-sweep", tmp)));
        String runs = html.substring(html.indexOf("<table class=\"sortable wide\">"));
        runs = runs.substring(0, runs.indexOf("</table>"));
        assertEquals(32, Fixtures.count(runs, "<tr") - 1, "one row per run under the header");
        assertEquals(3, Fixtures.count(runs, "<tr class=\"highlight\">"), "cheapest at 5/s, 10/s and 20/s");
        assertEquals(1, Fixtures.count(runs, "<tr class=\"failed\">"));
        assertTrue(runs.contains("<td class=\"num\" data-sort=\"23.92\">$23.92</td>"), "exact sort keys");
        assertTrue(html.contains("table.sortable"), "the sorting script");
        assertTrue(html.contains("no configuration met the SLO at this load"));
    }

    @Test
    void failedRunsAreListedWithTheirMessage() throws Exception {
        String html = Files.readString(renderer.renderBatch(Fixtures.copy("batch-sweep", tmp)));
        String failed = html.substring(html.indexOf("<h2>Failed runs</h2>"));
        assertTrue(failed.contains("run-024"));
        assertTrue(failed.contains("the run threw: KV cache exhausted, &quot;swap space&quot; of 4GiB too small"));
        assertTrue(failed.contains("gpu=h200, precision=bf16, rate=40/s"));
    }

    @Test
    void theSameBatchGivesTheSameReportAndNeedsNoNetwork() throws Exception {
        Path a = renderer.renderBatch(Fixtures.copy("batch-sweep", tmp.resolve("a")));
        Path b = renderer.renderBatch(Fixtures.copy("batch-sweep", tmp.resolve("b")));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        String html = Files.readString(a);
        assertFalse(html.contains("http"));
        assertFalse(html.contains("src="));
    }

    @Test
    void aBatchWithoutLoadOrSloPlotsCostPerHourAndSaysThereIsNoSlo() throws Exception {
        Path batch = Fixtures.copy("batch-sweep", tmp);
        Path json = batch.resolve("batch.json");
        String text = Files.readString(json)
                .replace("\"loadParameter\": \"workloads[0].arrival.rate\"", "\"loadParameter\": null")
                .replaceAll("\"slo\": \\{[^}]*}", "\"slo\": null")
                .replaceAll("(?s)\"cheapest\": \\[.*]", "\"cheapest\": []");
        text = text.substring(0, text.lastIndexOf(']') + 1) + "\n}\n";
        Files.writeString(json, text);
        String html = Files.readString(renderer.renderBatch(batch));
        assertTrue(html.contains("The batch sets no SLO"));
        assertFalse(html.contains("<h2>Cost and latency against load</h2>"));
        assertTrue(html.contains("<h2>Cost and latency by rate</h2>"), "the rate is then one more parameter");
        String pareto = RunReportTest.figures(html).get(RunReportTest.figures(html).size() - 1);
        assertTrue(pareto.contains(">US dollars per hour<"));
    }

    @Test
    void aParameterMissingFromTheCsvIsBadInputNamingTheColumn() throws Exception {
        Path batch = Fixtures.copy("batch-sweep", tmp);
        Path json = batch.resolve("batch.json");
        Files.writeString(json, Files.readString(json).replace("\"deployments[0].precision\"", "\"deployments[0].dtype\""));
        Problem p = RunReportTest.problem(() -> renderer.renderBatch(batch));
        assertEquals(batch.resolve("batch.csv").toString(), p.file());
        assertEquals("deployments[0].dtype", p.path());
    }

    @Test
    void aMissingBatchJsonIsBadInput() throws Exception {
        Path batch = Fixtures.copy("batch-sweep", tmp);
        Files.delete(batch.resolve("batch.json"));
        Problem p = RunReportTest.problem(() -> renderer.renderBatch(batch));
        assertEquals(batch.resolve("batch.json").toString(), p.file());
    }

    @Test
    void anUnknownMeetsSloValueIsBadInputWithItsLine() throws Exception {
        Path batch = Fixtures.copy("batch-sweep", tmp);
        Path csv = batch.resolve("batch.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(csv));
        lines.set(2, lines.get(2).replaceFirst(",true$", ",maybe"));
        Files.write(csv, lines);
        Problem p = RunReportTest.problem(() -> renderer.renderBatch(batch));
        assertEquals(3, p.line());
        assertEquals("meets_slo", p.path());
    }
}
