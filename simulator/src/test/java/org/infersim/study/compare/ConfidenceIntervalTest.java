package org.infersim.study.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfidenceIntervalTest {
    @Test
    void studentsTQuantilesMatchTheTables() {
        // Two-sided 95%: t(0.975, df) from any table of Student's t.
        assertEquals(12.7062, ConfidenceInterval.tQuantile(0.95, 1), 1e-4);
        assertEquals(2.7764, ConfidenceInterval.tQuantile(0.95, 4), 1e-4);
        assertEquals(2.2622, ConfidenceInterval.tQuantile(0.95, 9), 1e-4);
        assertEquals(2.0423, ConfidenceInterval.tQuantile(0.95, 30), 1e-4);
        // 90%: t(0.95, 4).
        assertEquals(2.1318, ConfidenceInterval.tQuantile(0.90, 4), 1e-4);
    }

    @Test
    void aHandWorkedSampleOfFive() {
        // 10, 12, 14, 16, 18: mean 14; squares about the mean 16+4+0+4+16 = 40, s² = 40/4 = 10,
        // s/√n = √10/√5 = √2 = 1.41421; half-width 2.776445 × 1.414214 = 3.926486.
        ConfidenceInterval ci = ConfidenceInterval.of(new double[] {10, 12, 14, 16, 18});
        assertEquals(5, ci.n());
        assertEquals(14.0, ci.mean(), 1e-12);
        assertEquals(3.926486, ci.halfWidth(), 1e-6);
        assertEquals(10.073514, ci.low(), 1e-6);
        assertEquals(17.926486, ci.high(), 1e-6);
        assertTrue(ci.excludesZero());
        assertEquals(0.95, ci.level());
    }

    @Test
    void anIntervalAroundZeroDoesNotExcludeIt() {
        // -1, 1, -2, 2: mean 0, s² = 10/3, s/√4 = 0.91287; half-width 3.18245 × 0.91287 = 2.90516.
        ConfidenceInterval ci = ConfidenceInterval.of(new double[] {-1, 1, -2, 2});
        assertEquals(0.0, ci.mean(), 1e-12);
        assertEquals(2.90516, ci.halfWidth(), 1e-5);
        assertFalse(ci.excludesZero());
    }

    @Test
    void identicalValuesHaveNoSpreadAndAConstantNonZeroDifferenceIsCertain() {
        ConfidenceInterval zero = ConfidenceInterval.of(new double[] {0, 0, 0});
        assertEquals(0.0, zero.halfWidth());
        assertFalse(zero.excludesZero(), "[0, 0] contains 0");
        ConfidenceInterval five = ConfidenceInterval.of(new double[] {5, 5, 5});
        assertEquals(0.0, five.halfWidth());
        assertTrue(five.excludesZero());
    }

    @Test
    void fewerThanTwoValuesHaveNoInterval() {
        ConfidenceInterval one = ConfidenceInterval.of(new double[] {3});
        assertEquals(3.0, one.mean());
        assertTrue(Double.isNaN(one.halfWidth()));
        assertFalse(one.excludesZero(), "no interval, no verdict");
        ConfidenceInterval none = ConfidenceInterval.of(new double[0]);
        assertEquals(0, none.n());
        assertTrue(Double.isNaN(none.mean()));
    }
}
