package org.infersim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy comparison in a batch report. Two fixtures: compare-routers, written by infersim
 * compare (three routers, three replications, a fixed fleet), and compare-autoscalers, hand-made
 * through the simulator's own writers (ComparisonOutput) to stand for autoscalers before they
 * run: four policies of which one failed, cold starts, and replicas that follow a rising and
 * falling load. Its figures are invented; its format is the simulator's.
 */
class ComparisonReportTest {
    static final List<String> AUTOSCALER_CHARTS = List.of(
            "p95 TTFT by policy", "SLO attainment by policy", "GPU-hours by policy", "Cost by policy",
            "Cold starts by policy", "Ready replicas per policy, and the arrival rate",
            "Replicas starting (cold starts in progress) per policy", "Cost against p95 time to first token");

    @TempDir
    Path tmp;

    private String report(String fixture) throws Exception {
        return Files.readString(new HtmlReportRenderer().renderBatch(Fixtures.copy(fixture, tmp)));
    }

    @Test
    void aComparisonShowsEachFigureWithItsIntervalsTheDifferencesAndTheReplicasAgainstTheLoad() throws Exception {
        String html = report("compare-autoscalers");
        assertTrue(html.contains("<title>Policy comparison: bursty-kpa-compare</title>"));
        assertEquals(AUTOSCALER_CHARTS.size(), Fixtures.count(html, "<figure class=\"chart\""));
        for (String title : AUTOSCALER_CHARTS) {
            assertTrue(html.contains("<svg aria-label=\"" + title + "\""), "no chart " + title);
        }
        assertTrue(html.indexOf("<h2>Policy comparison</h2>") < html.indexOf("<h2>What was varied</h2>"),
                "the comparison comes first");
        assertFalse(html.contains("Cost and latency by policy"), "the per-parameter dots would repeat the intervals");
        String replicas = RunReportTest.figures(html).get(5);
        for (String legend : List.of(">kpa<", ">hpa<", ">predictive<", ">arrival rate (right axis)<",
                ">arrival rate (requests per second)<", ">ready replicas (all deployments)<")) {
            assertTrue(replicas.contains(legend), "the replicas chart lacks " + legend);
        }
        assertTrue(replicas.contains("No time series for my-policy (its first replication failed)."));
    }

    @Test
    void theVerdictsAreComputedFromTheIntervalsAndSayByHowMuch() throws Exception {
        String html = report("compare-autoscalers");
        // compare.json: predictive 650 ± 113.837 ms; kpa − predictive = +180 ± 74.5241; hpa − predictive = +833.333 ± 192.954.
        assertTrue(html.contains("<li>p95 TTFT: predictive is lowest, 650 ± 114 ms: lower than kpa by 180 ms "
                + "(95% interval 105 to 255) and than hpa by 833 ms (95% interval 640 to 1,026).</li>"), html);
        assertTrue(html.contains("<li>SLO attainment: predictive is highest, 98.0 ± 1.3%: higher than kpa by 1.9 "
                + "percentage points (95% interval 0.8 to 3.1)"));
        assertTrue(html.contains("<li>Cost: kpa is lowest, $33.8 ± 4.1: lower than predictive by $2.6"));
        assertTrue(html.contains("<li>Cold starts: hpa is lowest, 6.3 ± 1.4: lower than predictive by 2 (at every "
                + "replication) and than kpa by 8.0 (95% interval 3.0 to 13.0).</li>"));
    }

    @Test
    void theDifferencesTableHighlightsTheSignificantPairsAndLeavesOutTheFailedPolicy() throws Exception {
        String html = report("compare-autoscalers");
        String diffs = html.substring(html.indexOf("<h3>Paired differences</h3>"));
        diffs = diffs.substring(0, diffs.indexOf("</table>"));
        assertEquals(5 * 3, Fixtures.count(diffs, "<tr") - 1, "three pairs of the policies that ran, for five figures");
        assertEquals(15, Fixtures.count(diffs, "<tr class=\"highlight\">"), "every pair differs significantly here");
        assertFalse(diffs.contains("my-policy"));
        assertTrue(html.contains("Pairs with my-policy are left out: no run of it finished."));
        assertTrue(html.contains("my-policy: 3 of 3 runs failed (deployments[0].autoscaler.policy: unknown policy "
                + "&#39;my-policy&#39;"));
        String means = html.substring(html.indexOf("<h3>Means with their 95% confidence intervals</h3>"));
        means = means.substring(0, means.indexOf("</table>"));
        assertTrue(means.contains("<td class=\"num\" data-sort=\"1483.33\">1,483 ± 307</td>"), means);
        assertTrue(means.contains("<tr class=\"failed\"><td>my-policy</td>"), means);
    }

    @Test
    void figuresNoPolicyChangesTakeOneLineAndOverlappingReplicaLinesAreSaid() throws Exception {
        String html = report("compare-routers");
        assertEquals(2, Fixtures.count(html, "<figure class=\"chart\""), "p95 TTFT and Pareto; routers change no replicas");
        assertTrue(html.contains("SLO attainment, GPU-hours and Cost are the same under every policy at every "
                + "replication, so they are not charted."));
        assertTrue(html.contains("<li>Cost: the same under every policy at every replication ($0.286).</li>"), html);
        assertTrue(html.contains("Every policy kept the same number of replicas from start to end, so replicas over time "
                + "are not charted."));
        assertTrue(html.contains("every policy did count the same arrivals at every replication"));
        assertFalse(html.contains("cold starts in progress"), "this simulator does not report replicas starting");
    }

    @Test
    void aBatchWithoutACompareFileHasNoComparison() throws Exception {
        String html = report("batch-sweep");
        assertFalse(html.contains("Policy comparison"));
        assertTrue(html.contains("<title>Batch report:"));
    }
}
