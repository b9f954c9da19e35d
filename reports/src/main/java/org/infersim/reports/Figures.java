package org.infersim.reports;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * How figures read in the report's text and tables: milliseconds to a sensible precision,
 * percentages, dollars, counts with thousands separators. One locale, so that the same results
 * give the same report on every machine.
 */
final class Figures {
    static final String NONE = "–";
    private static final DecimalFormatSymbols US = DecimalFormatSymbols.getInstance(Locale.US);

    private Figures() {}

    /** A latency in milliseconds: three significant digits, at least whole milliseconds above 100. */
    static String ms(Double v) {
        return v == null || !Double.isFinite(v) ? NONE : significant(v, 3);
    }

    /** A latency with its unit, in seconds from one second up. */
    static String msWithUnit(double v) {
        if (!Double.isFinite(v)) {
            return NONE;
        }
        return Math.abs(v) >= 1000 ? significant(v / 1000, 3) + " s" : significant(v, 3) + " ms";
    }

    /** A fraction as a percentage; two decimals near 100% so that 99.95% is not shown as 100%. */
    static String percent(Double fraction) {
        if (fraction == null || !Double.isFinite(fraction)) {
            return NONE;
        }
        double p = fraction * 100;
        if (fraction >= 0.99 && fraction < 1) {
            return fixed(Math.floor(p * 100) / 100, 2) + "%";
        }
        return fixed(p, 1) + "%";
    }

    static String dollars(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return NONE;
        }
        if (Math.abs(v) >= 100) {
            return "$" + new DecimalFormat("#,##0", US).format(v);
        }
        if (Math.abs(v) >= 1) {
            return "$" + fixed(v, 2);
        }
        return "$" + significant(v, 3);
    }

    static String count(long n) {
        return new DecimalFormat("#,##0", US).format(n);
    }

    /** A rate, a size or any other measured figure: three significant digits. */
    static String number(Double v) {
        return v == null || !Double.isFinite(v) ? NONE : significant(v, 3);
    }

    /** A simulated duration in the unit a person would say it in. */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return NONE;
        }
        if (seconds < 1) {
            return significant(seconds * 1000, 3) + " ms";
        }
        if (seconds < 120) {
            return significant(seconds, 3) + " s";
        }
        if (seconds < 2 * 3600) {
            return significant(seconds / 60, 3) + " min";
        }
        if (seconds < 2 * 86400) {
            return significant(seconds / 3600, 3) + " h";
        }
        return significant(seconds / 86400, 3) + " days";
    }

    static String significant(double v, int digits) {
        if (v == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(digits));
        DecimalFormat f = new DecimalFormat("#,##0.##########", US);
        return f.format(rounded);
    }

    static String fixed(double v, int decimals) {
        DecimalFormat f = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals), US);
        return f.format(v);
    }

    /** A number as a sort key for the browser: plain digits, no grouping, empty when undefined. */
    static String sortKey(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return "";
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
