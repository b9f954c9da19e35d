package org.infersim.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quantities of the catalogs, written with their unit: sizes ({@code 80GB}, {@code 2GiB}),
 * bandwidths ({@code 3.35TB/s}), FLOP rates ({@code 989TFLOPS}, {@code 1.979PFLOPS}), power
 * ({@code 700W}, {@code 1kW}), durations ({@code 1.5ms}, {@code 10us}, {@code 250ns}) and prices
 * ({@code $6.88/h}). Decimal prefixes are powers of 1000, binary ones (KiB, MiB, GiB, TiB) powers
 * of 1024. Each parser throws {@link IllegalArgumentException} with a message saying what was
 * expected, ready for a user.
 */
final class CatalogUnits {
    static final String BYTES_HINT = "expected a size such as 80GB, 141GB or 2GiB";
    static final String BANDWIDTH_HINT = "expected a bandwidth such as 3.35TB/s or 900GB/s";
    static final String FLOPS_HINT = "expected a dense FLOP rate such as 989TFLOPS or 1.979PFLOPS";
    static final String WATTS_HINT = "expected a power such as 700W or 1kW";
    static final String DURATION_HINT = "expected a duration such as 1.5ms, 10us or 250ns";
    static final String PRICE_HINT = "expected a price per GPU-hour such as $6.88/h";
    static final String FACTOR_HINT = "expected a plain number such as 0.75 (or 75%)";

    private static final String NUMBER = "((?:[0-9][0-9_]*)?\\.?[0-9]+(?:[eE][+-]?[0-9]+)?)";
    private static final String BYTE_UNIT = "(B|kB|KB|KiB|MB|MiB|GB|GiB|TB|TiB|PB|PiB)";

    private static final Pattern BYTES = Pattern.compile(NUMBER + " ?" + BYTE_UNIT);
    private static final Pattern BANDWIDTH = Pattern.compile(NUMBER + " ?" + BYTE_UNIT + " ?/ ?s");
    private static final Pattern FLOPS = Pattern.compile(NUMBER + " ?([kKMGTPE]?)(?:FLOPS|FLOP/s|FLOPs|F)");
    private static final Pattern WATTS = Pattern.compile(NUMBER + " ?(W|kW|KW)");
    private static final Pattern DURATION = Pattern.compile(NUMBER + " ?(ns|us|µs|ms|s)");
    private static final Pattern PRICE = Pattern.compile("\\$? ?" + NUMBER + " ?/ ?(h|hr|hour|GPU-h|GPU-hour)");
    private static final Pattern PERCENT = Pattern.compile(NUMBER + " ?%");
    private static final Pattern PLAIN = Pattern.compile(NUMBER);

    private static final Map<String, Double> BYTES_PER_UNIT = Map.ofEntries(
            Map.entry("B", 1.0),
            Map.entry("kB", 1e3), Map.entry("KB", 1e3), Map.entry("KiB", 0x1p10),
            Map.entry("MB", 1e6), Map.entry("MiB", 0x1p20),
            Map.entry("GB", 1e9), Map.entry("GiB", 0x1p30),
            Map.entry("TB", 1e12), Map.entry("TiB", 0x1p40),
            Map.entry("PB", 1e15), Map.entry("PiB", 0x1p50));

    private static final Map<String, Double> PREFIX = Map.of(
            "", 1.0, "k", 1e3, "K", 1e3, "M", 1e6, "G", 1e9, "T", 1e12, "P", 1e15, "E", 1e18);

    private static final Map<String, Long> NS_PER_UNIT = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L);

    private CatalogUnits() {}

    /** Bytes, rounded to the nearest byte. */
    static long bytes(String text) {
        Matcher m = match(BYTES, text, BYTES_HINT);
        return exact(m.group(1), BYTES_PER_UNIT.get(m.group(2)), BYTES_HINT, text).setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /** Bytes per second. */
    static double bandwidth(String text) {
        Matcher m = match(BANDWIDTH, text, BANDWIDTH_HINT);
        return number(m.group(1), BANDWIDTH_HINT, text) * BYTES_PER_UNIT.get(m.group(2));
    }

    /** FLOP per second; a bare 0 means "none". */
    static double flops(String text) {
        if (isZero(text)) {
            return 0;
        }
        Matcher m = match(FLOPS, text, FLOPS_HINT);
        return number(m.group(1), FLOPS_HINT, text) * PREFIX.get(m.group(2));
    }

    /** Watts. */
    static double watts(String text) {
        Matcher m = match(WATTS, text, WATTS_HINT);
        return number(m.group(1), WATTS_HINT, text) * (m.group(2).equals("W") ? 1 : 1e3);
    }

    /** Nanoseconds, rounded; a bare 0 is allowed. */
    static long durationNs(String text) {
        if (isZero(text)) {
            return 0;
        }
        Matcher m = match(DURATION, text, DURATION_HINT);
        return exact(m.group(1), NS_PER_UNIT.get(m.group(2)), DURATION_HINT, text).setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /** Dollars per GPU-hour. */
    static double pricePerHour(String text) {
        Matcher m = match(PRICE, text, PRICE_HINT);
        return number(m.group(1), PRICE_HINT, text);
    }

    /** A plain fraction such as 0.75, or a percentage such as 75%. */
    static double factor(String text) {
        String s = text.strip();
        Matcher pct = PERCENT.matcher(s);
        if (pct.matches()) {
            return number(pct.group(1), FACTOR_HINT, text) / 100;
        }
        Matcher m = match(PLAIN, s, FACTOR_HINT);
        return number(m.group(1), FACTOR_HINT, text);
    }

    /** A whole number written plainly or in exponent form: {@code 8030000000}, {@code 8_030_000_000}, {@code 8.03e9}. */
    static long count(String text, String hint) {
        Matcher m = match(PLAIN, text, hint);
        try {
            return new BigDecimal(m.group(1).replace("_", "")).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(hint + ", got '" + text.strip() + "' (not a whole number)");
        }
    }

    private static Matcher match(Pattern pattern, String text, String hint) {
        String s = text == null ? "" : text.strip();
        Matcher m = pattern.matcher(s);
        if (!m.matches()) {
            if (!s.isEmpty() && PLAIN.matcher(s).matches() && pattern != PLAIN) {
                throw new IllegalArgumentException(hint + ", got the bare number '" + s + "' (write its unit)");
            }
            throw new IllegalArgumentException(hint + ", got '" + s + "'");
        }
        return m;
    }

    private static boolean isZero(String text) {
        String s = text == null ? "" : text.strip();
        return PLAIN.matcher(s).matches() && new BigDecimal(s.replace("_", "")).signum() == 0;
    }

    private static double number(String digits, String hint, String text) {
        try {
            return Double.parseDouble(digits.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(hint + ", got '" + text.strip() + "'");
        }
    }

    private static BigDecimal exact(String digits, double perUnit, String hint, String text) {
        try {
            return new BigDecimal(digits.replace("_", "")).multiply(new BigDecimal(perUnit));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(hint + ", got '" + text.strip() + "'");
        }
    }
}
