package org.infersim.study.size;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.infersim.study.RunFigures;
import org.infersim.study.compare.Negligible;
import org.junit.jupiter.api.Test;

class RivalTest {
    /** One replication's figures of a fleet: its price and its p95 latencies, the rest immaterial. */
    private static RunFigures run(double costPerHour, double ttftP95, double tpotP95) {
        return new RunFigures(4, costPerHour, costPerHour / 6, 1.0, 10, 1000, ttftP95 / 2, ttftP95, ttftP95 * 1.2,
                tpotP95 / 2, tpotP95, tpotP95 * 1.2, 5000.0, 0.995, 10, 0, 0, 0.5, 0.3, 0.0, null, null, null, null, true);
    }

    private static List<RunFigures> fleet(double cost, double[] ttft, double[] tpot) {
        List<RunFigures> runs = new ArrayList<>();
        for (int r = 0; r < ttft.length; r++) {
            runs.add(run(cost, ttft[r], tpot[r]));
        }
        return runs;
    }

    @Test
    void aFleetAtTheSamePriceWhoseLatenciesDifferOnlyByNoiseIsNotDistinguishable() {
        List<RunFigures> cheapest = fleet(55.08, new double[] {900, 950, 870, 990, 910}, new double[] {70, 72, 69, 74, 71});
        // The same seeds give both fleets the same bursts: the differences swing both ways.
        List<RunFigures> other = fleet(55.08, new double[] {930, 920, 900, 960, 915}, new double[] {71, 71, 70, 73, 72});
        Rival r = Rival.of("h200 fp8 TP4", other, cheapest, Negligible.DEFAULT);
        assertEquals(Rival.Verdict.SAME, r.cost());
        assertEquals(Rival.Verdict.SAME, r.ttft(), "+" + r.ttftP95Ms().mean() + " ± " + r.ttftP95Ms().halfWidth());
        assertTrue(r.notDistinguishable());
    }

    @Test
    void aConsistentLatencyGainAtTheSamePriceIsCalledLower() {
        List<RunFigures> cheapest = fleet(55.08, new double[] {900, 950, 870, 990, 910}, new double[] {70, 72, 69, 74, 71});
        List<RunFigures> faster = fleet(55.08, new double[] {700, 760, 690, 780, 705}, new double[] {70, 72, 69, 74, 71});
        Rival r = Rival.of("h200 fp8 TP4", faster, cheapest, Negligible.DEFAULT);
        assertEquals(Rival.Verdict.SAME, r.cost());
        assertEquals(Rival.Verdict.LOWER, r.ttft());
        assertEquals(Rival.Verdict.SAME, r.tpot(), "an identical TPOT is no difference");
        assertFalse(r.notDistinguishable(), "a faster fleet at the same price is an answer");
    }

    @Test
    void aPriceDifferenceIsExactEvenWithOneReplicationButALatencyOneIsNot() {
        List<RunFigures> cheapest = List.of(run(51.48, 982, 70.9));
        List<RunFigures> dearer = List.of(run(55.08, 923, 54.9));
        Rival r = Rival.of("h200 fp8 TP2", dearer, cheapest, Negligible.DEFAULT);
        assertEquals(Rival.Verdict.HIGHER, r.cost(), "a fleet's price does not depend on the seed");
        assertEquals(Rival.Verdict.UNKNOWN, r.ttft(), "one seed says nothing of latency noise");
    }

    @Test
    void aSignificantButTinyDifferenceIsBelowThePracticalThreshold() {
        List<RunFigures> cheapest = fleet(100.0, new double[] {72, 72, 72}, new double[] {20, 20, 20});
        // 0.5 ms on a 72 ms p95 in every replication: significant, and worthless.
        List<RunFigures> other = fleet(101.0, new double[] {71.5, 71.5, 71.5}, new double[] {20, 20, 20});
        Rival r = Rival.of("x", other, cheapest, Negligible.DEFAULT);
        assertEquals(Rival.Verdict.SAME, r.cost(), "1% dearer is within the 2% threshold");
        assertEquals(Rival.Verdict.SAME, r.ttft());
        assertEquals(Rival.Verdict.HIGHER, Rival.of("x", other, cheapest, new Negligible(0.001, 0)).cost(),
                "with a stricter threshold the same 1% is a difference");
    }
}
