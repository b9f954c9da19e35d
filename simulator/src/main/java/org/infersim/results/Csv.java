package org.infersim.results;

/** How numbers and text appear in the CSV files infersim writes. */
public final class Csv {
    private Csv() {}

    /** Six significant digits, no exponent for everyday magnitudes, empty when undefined. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        double r = Decimal.round(v);
        if (r == Math.rint(r) && Math.abs(r) < 1e15) {
            return Long.toString((long) r);
        }
        return java.math.BigDecimal.valueOf(r).stripTrailingZeros().toPlainString();
    }

    /** Quotes a text cell when it holds a separator, a quote or a line break. */
    public static String text(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
