package org.infersim.study.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infersim.run.BuiltInPolicies;
import org.infersim.study.BatchRow;
import org.infersim.study.RunSpec;
import org.junit.jupiter.api.Test;

/** The comparison's arithmetic on hand-made replications, without running the simulator. */
class PolicyComparisonTest {
    private static final String BASE = """
            name: two
            seed: 5
            deployments:
              - {name: a, autoscaler: {policy: kpa}}
            """;

    private static ComparisonPlan plan(List<String> policies, int replications) throws Exception {
        return ComparisonPlan.of("two-compare", Path.of("two.yaml"), BASE, Map.of(), null, policies, List.of(),
                replications, 5, BuiltInPolicies.load(), (input, message) -> new org.infersim.input.Problem("test", 0, input, message));
    }

    private static PolicyComparison.RunSample sample(Double ttft, Double slo, Long arrived) {
        Map<ComparedFigure, Double> f = new EnumMap<>(ComparedFigure.class);
        f.put(ComparedFigure.TTFT_P95, ttft);
        f.put(ComparedFigure.SLO_ATTAINMENT, slo);
        return new PolicyComparison.RunSample(f, arrived);
    }

    private static List<BatchRow> rows(ComparisonPlan plan, List<String> failed) {
        List<BatchRow> rows = new ArrayList<>();
        for (RunSpec r : plan.runs()) {
            boolean ok = !failed.contains(r.id());
            rows.add(new BatchRow(r, ok, ok ? "" : "it broke", null, false));
        }
        return rows;
    }

    @Test
    void aSignificantDifferenceTooSmallToActOnIsNegligibleAndNamesNoBetterPolicy() throws Exception {
        ComparisonPlan plan = plan(List.of("kpa", "hpa"), 5);
        // 0.9 ms lower on a 72 ms p95 at every replication: significant, 1.25% and under 1 ms.
        double[] hpa = {72.0, 72.4, 71.8, 72.2, 72.1};
        Map<String, PolicyComparison.RunSample> samples = new LinkedHashMap<>();
        for (int r = 0; r < 5; r++) {
            samples.put("kpa-r" + (r + 1), sample(hpa[r] - 0.9 + 0.01 * r, 0.99, 100L));
            samples.put("hpa-r" + (r + 1), sample(hpa[r], 0.99, 100L));
        }
        PolicyComparison.Difference d = PolicyComparison.of(plan, rows(plan, List.of()), samples, 0.95,
                Negligible.DEFAULT).differences().get(0);
        assertTrue(d.significant());
        assertTrue(d.negligible());
        assertNull(d.better(), "no policy is better by a margin nobody would act on");
        // With a threshold of 1%, the same 0.9 ms is worth having.
        PolicyComparison.Difference strict = PolicyComparison.of(plan, rows(plan, List.of()), samples, 0.95,
                new Negligible(0.01, 1.0)).differences().get(0);
        assertFalse(strict.negligible());
        assertEquals("kpa", strict.better());
    }

    @Test
    void pairedDifferencesAreSignificantWhereTheTwoIntervalsOverlap() throws Exception {
        ComparisonPlan plan = plan(List.of("kpa", "hpa"), 5);
        double[] kpa = {10, 12, 14, 16, 18};
        double[] hpa = {9, 10, 13, 14, 15};
        Map<String, PolicyComparison.RunSample> samples = new LinkedHashMap<>();
        for (int r = 0; r < 5; r++) {
            samples.put("kpa-r" + (r + 1), sample(kpa[r], 0.99, 100L + r));
            samples.put("hpa-r" + (r + 1), sample(hpa[r], 0.97, 100L + r));
        }
        PolicyComparison c = PolicyComparison.of(plan, rows(plan, List.of()), samples, 0.95, Negligible.DEFAULT);

        assertEquals(List.of(ComparedFigure.TTFT_P95, ComparedFigure.SLO_ATTAINMENT), c.figures(),
                "figures no run reports (GPU-hours, cost, cold starts here) are left out, not zeros");
        ConfidenceInterval k = c.policies().get(0).intervals().get(ComparedFigure.TTFT_P95);
        ConfidenceInterval h = c.policies().get(1).intervals().get(ComparedFigure.TTFT_P95);
        // kpa: 14 ± 3.926486. hpa: mean 12.2, squares 10.24+4.84+0.64+3.24+7.84 = 26.8, s² = 6.7,
        // s/√5 = 1.157584, half-width 2.776445 × 1.157584 = 3.213968.
        assertEquals(14.0, k.mean(), 1e-9);
        assertEquals(3.926486, k.halfWidth(), 1e-6);
        assertEquals(12.2, h.mean(), 1e-9);
        assertEquals(3.213968, h.halfWidth(), 1e-6);
        assertTrue(h.high() > k.low(), "the two intervals overlap");

        // Differences kpa − hpa per replication: 1, 2, 1, 2, 3: mean 1.8, squares 0.64+0.04+0.64+0.04+1.44
        // = 2.8, s² = 0.7, s/√5 = 0.374166, half-width 2.776445 × 0.374166 = 1.038851.
        PolicyComparison.Difference d = c.differences().get(0);
        assertEquals("kpa", d.policy());
        assertEquals("hpa", d.versus());
        assertEquals(ComparedFigure.TTFT_P95, d.figure());
        assertEquals(1.8, d.interval().mean(), 1e-9);
        assertEquals(1.038851, d.interval().halfWidth(), 1e-6);
        assertTrue(d.significant(), "pairing removes the traffic's variation that both policies share");
        assertEquals("hpa", d.better(), "kpa's p95 TTFT is higher: hpa is better");

        PolicyComparison.Difference slo = c.differences().get(1);
        assertEquals(ComparedFigure.SLO_ATTAINMENT, slo.figure());
        assertEquals(0.02, slo.interval().mean(), 1e-12);
        assertEquals("kpa", slo.better(), "a higher SLO attainment is better");
        assertTrue(c.sameArrivals());
    }

    @Test
    void everyPairIsComparedInTheOrderGiven() throws Exception {
        ComparisonPlan plan = plan(List.of("a", "b", "c"), 3);
        Map<String, PolicyComparison.RunSample> samples = new LinkedHashMap<>();
        for (int r = 1; r <= 3; r++) {
            samples.put("a-r" + r, sample(100.0 + r, null, 7L));
            samples.put("b-r" + r, sample(100.0 + r, null, 7L));
            samples.put("c-r" + r, sample(90.0 + 2 * r, null, 7L));
        }
        PolicyComparison c = PolicyComparison.of(plan, rows(plan, List.of()), samples, 0.95, Negligible.DEFAULT);
        assertEquals(List.of("a−b", "a−c", "b−c"),
                c.differences().stream().map(d -> d.policy() + "−" + d.versus()).toList());
        PolicyComparison.Difference ab = c.differences().get(0);
        assertEquals(0.0, ab.interval().halfWidth());
        assertFalse(ab.significant(), "identical at every replication: no difference");
        assertNull(ab.better());
        // a − c: 101−92, 102−94, 103−96 = 9, 8, 7: mean 8, s = 1, half-width t(0.975, 2)/√3 = 4.30265/1.73205 = 2.48414.
        PolicyComparison.Difference ac = c.differences().get(1);
        assertEquals(8.0, ac.interval().mean(), 1e-12);
        assertEquals(2.48414, ac.interval().halfWidth(), 1e-5);
        assertEquals("c", ac.better());
    }

    @Test
    void aFailedReplicationIsLeftOutOfTheMeanAndOfThePairs() throws Exception {
        ComparisonPlan plan = plan(List.of("kpa", "hpa"), 3);
        Map<String, PolicyComparison.RunSample> samples = new LinkedHashMap<>();
        samples.put("kpa-r1", sample(10.0, null, 50L));
        samples.put("kpa-r2", sample(20.0, null, 60L));
        samples.put("kpa-r3", sample(30.0, null, 70L));
        samples.put("hpa-r1", sample(8.0, null, 50L));
        samples.put("hpa-r3", sample(26.0, null, 71L));
        PolicyComparison c = PolicyComparison.of(plan, rows(plan, List.of("hpa-r2")), samples, 0.95, Negligible.DEFAULT);
        PolicyComparison.PolicyResult hpa = c.policies().get(1);
        assertEquals(Map.of("hpa-r2", "it broke"), hpa.failures());
        assertEquals(java.util.Arrays.asList(8.0, null, 26.0), hpa.values().get(ComparedFigure.TTFT_P95));
        assertEquals(2, hpa.intervals().get(ComparedFigure.TTFT_P95).n());
        assertEquals(17.0, hpa.intervals().get(ComparedFigure.TTFT_P95).mean(), 1e-12);
        PolicyComparison.Difference d = c.differences().get(0);
        assertEquals(2, d.interval().n(), "only replications 1 and 3 ran under both");
        assertEquals(3.0, d.interval().mean(), 1e-12);
        assertFalse(c.sameArrivals(), "replication 3 saw 70 and 71 arrivals");
        assertTrue(c.arrivals().get(1).same(), "a failed run has no arrivals to disagree with");
    }

    @Test
    void figuresAreReadFromTheSummaryTreeAndAbsentOnesAreNotZeros() throws Exception {
        ObjectMapper json = new ObjectMapper();
        var withColdStarts = json.readTree("""
                {"requests": {"arrived": 42},
                 "overall": {"ttftMs": {"p95": 812.5}, "sloAttainment": 0.975},
                 "cost": {"total": 12.5},
                 "deployments": [{"gpuHours": 1.5, "coldStarts": 2}, {"gpuHours": 0.5, "coldStarts": 1}]}
                """);
        PolicyComparison.RunSample s = ComparisonRunner.sample(withColdStarts);
        assertEquals(812.5, s.figures().get(ComparedFigure.TTFT_P95));
        assertEquals(0.975, s.figures().get(ComparedFigure.SLO_ATTAINMENT));
        assertEquals(2.0, s.figures().get(ComparedFigure.GPU_HOURS), "the sum over deployments");
        assertEquals(12.5, s.figures().get(ComparedFigure.COST));
        assertEquals(3.0, s.figures().get(ComparedFigure.COLD_STARTS));
        assertEquals(42L, s.arrived());

        var without = json.readTree("""
                {"overall": {"ttftMs": {"p95": null}}, "deployments": [{"gpuHours": 1.0}]}
                """);
        PolicyComparison.RunSample t = ComparisonRunner.sample(without);
        assertNull(t.figures().get(ComparedFigure.COLD_STARTS), "not reported, so not a zero");
        assertNull(t.figures().get(ComparedFigure.TTFT_P95), "no first token measured");
        assertNull(t.arrived());
    }
}
