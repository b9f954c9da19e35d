package org.infersim.results;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Rounds published figures to six significant digits, so that a summary reads as measured
 * figures rather than as floating-point noise, and so that byte-identical runs stay identical
 * across platforms that print doubles differently.
 */
public final class Decimal {
    private static final MathContext SIX = new MathContext(6);

    private Decimal() {}

    /** Rounded value; NaN and infinities become 0 (an empty measurement counts nothing). */
    public static double round(double v) {
        if (!Double.isFinite(v)) {
            return 0;
        }
        return v == 0 ? 0 : new BigDecimal(v).round(SIX).doubleValue();
    }

    /** Rounded value, or null when there is nothing to report (NaN or infinite). */
    public static Double of(double v) {
        return Double.isFinite(v) ? round(v) : null;
    }
}
