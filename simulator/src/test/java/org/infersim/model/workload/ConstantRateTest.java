package org.infersim.model.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.infersim.scenario.ArrivalSpec;
import org.infersim.scenario.ArrivalSpec.Step;
import org.junit.jupiter.api.Test;

/** Deterministic arrivals: an exact grid per stage, the count each stage's length and rate give. */
class ConstantRateTest {
    private static final long S = 1_000_000_000L;

    private static List<Long> arrivalsBefore(ArrivalSpec.Constant spec, long endNs) {
        ConstantRate c = new ConstantRate(spec);
        List<Long> out = new ArrayList<>();
        for (long t = c.next(0); t < endNs; t = c.next(t)) {
            out.add(t);
        }
        return out;
    }

    private static long countIn(List<Long> times, long fromNs, long toNs) {
        return times.stream().filter(t -> t > fromNs && t <= toNs).count();
    }

    @Test
    void oneRateIsAGridWhoseFirstPointIsOneGapAfterZero() {
        List<Long> t = arrivalsBefore(new ArrivalSpec.Constant(List.of(new Step(0, 4))), 2 * S);
        assertEquals(List.of(250_000_000L, 500_000_000L, 750_000_000L, S, 1_250_000_000L, 1_500_000_000L,
                1_750_000_000L), t, "the one at 2 s is the end of the run, which sends nothing");
    }

    @Test
    void aLongStageDoesNotDriftFromItsGrid() {
        // 1/3 s is no whole number of nanoseconds: adding rounded gaps would drift by 1/3 ns per arrival.
        ConstantRate c = new ConstantRate(new ArrivalSpec.Constant(List.of(new Step(0, 3))));
        long t = 0;
        for (int k = 1; k <= 3_000_000; k++) {
            t = c.next(t);
        }
        assertEquals(1_000_000 * S, t, "the three millionth arrival is at exactly a million seconds");
    }

    @Test
    void eachStageHoldsExactlyItsLengthTimesItsRate() {
        ArrivalSpec.Constant spec = new ArrivalSpec.Constant(List.of(new Step(0, 5), new Step(120 * S, 10),
                new Step(180 * S, 0), new Step(200 * S, 2.5), new Step(260 * S, 7)));
        List<Long> t = arrivalsBefore(spec, 300 * S + 1);
        assertEquals(600, countIn(t, 0, 120 * S), "2 min at 5/s");
        assertEquals(600, countIn(t, 120 * S, 180 * S), "1 min at 10/s");
        assertEquals(0, countIn(t, 180 * S, 200 * S), "a rate of 0 is silence");
        assertEquals(150, countIn(t, 200 * S, 260 * S), "1 min at 2.5/s");
        assertEquals(280, countIn(t, 260 * S, 300 * S), "40 s at 7/s");
        assertEquals(1630, t.size(), "no arrival is counted twice or lost at a boundary");
        assertEquals(t.stream().distinct().count(), t.size());
        assertEquals(120 * S + 100_000_000L, t.get(600), "a stage's grid starts one of its gaps after its start");
    }

    @Test
    void aRateTooHighForTheNanosecondStillGivesDistinctIncreasingTimes() {
        List<Long> t = arrivalsBefore(new ArrivalSpec.Constant(List.of(new Step(0, 3e9))), 100);
        assertEquals(100 - 1, t.size(), "one a nanosecond, from 1 ns to 99 ns");
        for (int i = 1; i < t.size(); i++) {
            assertEquals(t.get(i - 1) + 1, t.get(i));
        }
    }

    @Test
    void theExpectedRateIsTheStagesSchedule() {
        var rate = RateFunction.expected(new ArrivalSpec.Constant(List.of(new Step(0, 5), new Step(120 * S, 10))));
        assertEquals(5.0, rate.applyAsDouble(0));
        assertEquals(5.0, rate.applyAsDouble(120 * S - 1));
        assertEquals(10.0, rate.applyAsDouble(120 * S));
    }
}
