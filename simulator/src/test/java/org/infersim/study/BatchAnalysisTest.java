package org.infersim.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchAnalysisTest {
    private static final BatchSlo SLO = new BatchSlo(2_000_000_000L, 100_000_000L, 0.99);

    private final List<BatchRow> rows = new ArrayList<>();

    /** A variant at a load with one run per (cost, p95 TTFT, attainment) given. */
    private void variant(String gpu, String load, double costPerHour, double... ttftAndAttainment) {
        pricedVariant(gpu, load, costPerHour, costPerHour / Double.parseDouble(load.replace("/s", "")), ttftAndAttainment);
    }

    private void pricedVariant(String gpu, String load, double costPerHour, double perMillion, double... ttftAndAttainment) {
        Map<String, com.fasterxml.jackson.databind.JsonNode> values = new LinkedHashMap<>();
        values.put("cluster.pools[0].gpu", new TextNode(gpu));
        values.put("workloads[0].arrival.rate", new TextNode(load));
        Variant v = new Variant(rows.size() == 0 ? 0 : rows.get(rows.size() - 1).run().variant().index() + 1, values, Map.of());
        for (int r = 0; r < ttftAndAttainment.length / 2; r++) {
            double ttft = ttftAndAttainment[2 * r];
            double attainment = ttftAndAttainment[2 * r + 1];
            RunFigures f = new RunFigures(8, costPerHour, costPerHour, perMillion, 1, 1, ttft / 2, ttft, ttft, 10.0, 20.0, 30.0,
                    ttft, attainment, 1, 0, 0, 0.5, 0.5, 0.0, null, null, null, null, RunFigures.meets(SLO, ttft, 20.0, attainment));
            rows.add(new BatchRow(new RunSpec(gpu + "-" + load + "-r" + r, v, r, r), true, "", f, false));
        }
    }

    @Test
    void theCheapestVariantMeetingTheSloIsFoundAtEachLoad() {
        variant("a100", "5/s", 20, 800, 1.0, 900, 0.995);
        variant("h100", "5/s", 30, 300, 1.0, 350, 1.0);
        variant("a100", "10/s", 20, 2500, 0.9, 1900, 0.992); // one replication misses: the variant misses
        variant("h100", "10/s", 30, 900, 0.999, 950, 0.998);
        variant("l4", "20/s", 10, 9000, 0.1);
        BatchAnalysis a = new BatchAnalysis(rows, "workloads[0].arrival.rate", SLO);
        assertEquals(3, a.cheapest().size());
        assertEquals("5/s", a.cheapest().get(0).load());
        assertEquals(List.of("a100-5/s-r0", "a100-5/s-r1"), a.cheapest().get(0).best().runIds());
        assertEquals(List.of("h100-10/s-r0", "h100-10/s-r1"), a.cheapest().get(1).best().runIds());
        assertNull(a.cheapest().get(2).best(), "nothing meets the SLO at 20/s");
        assertEquals(850, a.cheapest().get(0).best().ttftP95Ms(), 1e-9, "figures are averaged over replications");
    }

    @Test
    void variantsThatCostTheSameAreToldApartByTheirLatencyMarginNotByNoiseInCostPerToken() {
        // Three ways to split one 8-GPU node, all $34.32/h: the cost per million tokens differs in
        // its third digit by what each served, which says nothing.
        pricedVariant("tp2", "5/s", 34.32, 1.9061, 900, 1.0);
        pricedVariant("tp4", "5/s", 34.32, 1.9060, 400, 1.0);
        pricedVariant("tp8", "5/s", 34.32, 1.9059, 600, 1.0);
        BatchAnalysis.Cheapest c = new BatchAnalysis(rows, "workloads[0].arrival.rate", SLO).cheapest().get(0);
        assertEquals(List.of("tp4-5/s-r0"), c.best().runIds(), "the widest margin to the 2 s TTFT target");
        assertEquals(2, c.tiedOnCost(), "and the answer says two others cost the same");
    }

    @Test
    void theParetoFrontIsOnePerLoadThroughTheVariantsMeetingTheSlo() {
        variant("l4", "5/s", 10, 3000, 0.5); // $2 per M tokens (by this test's rule: $/h / load), misses the SLO
        variant("a100", "5/s", 20, 800, 1.0); // $4
        variant("a100-big", "5/s", 25, 900, 1.0); // $5 and slower than a100: dominated
        variant("h100", "5/s", 30, 300, 1.0); // $6
        variant("h100", "10/s", 30, 500, 1.0); // $3, but at another load: no alternative to the 5/s ones
        BatchAnalysis a = new BatchAnalysis(rows, "workloads[0].arrival.rate", SLO);
        assertEquals(List.of("a100-5/s-r0", "h100-5/s-r0", "h100-10/s-r0"),
                a.pareto().stream().flatMap(v -> v.runIds().stream()).toList());
    }

    @Test
    void withoutALoadAxisTheFrontIsOnCostPerHour() {
        pricedVariant("l4", "5/s", 10, 99, 1500, 1.0);
        pricedVariant("a100", "5/s", 20, 1, 800, 1.0);
        pricedVariant("l4-small", "5/s", 5, 1, 800, 0.5); // cheapest, but misses the SLO: not on the front
        BatchAnalysis a = new BatchAnalysis(rows, null, SLO);
        assertEquals(List.of("l4-5/s-r0", "a100-5/s-r0"), a.pareto().stream().flatMap(v -> v.runIds().stream()).toList());
    }
}
