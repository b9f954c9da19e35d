package org.infersim.input;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar of quantities written with their unit, for every input file (scenarios,
 * catalogs, batch and size files, results read back): durations ({@code 250ms}, {@code 1.5h}),
 * rates ({@code 20/s}, {@code 1200/min}), sizes ({@code 4GiB}, {@code 140GB}, and the Kubernetes
 * quantities {@code 15Gi}, {@code 500M}), bandwidths ({@code 3.35TB/s}), FLOP rates
 * ({@code 989TFLOPS}), power ({@code 700W}), prices ({@code $2.99/h}) and shares ({@code 75%}).
 * A number is digits with optional {@code _} separators, decimals and an exponent
 * ({@code 1_000}, {@code 0.5}, {@code 8.03e9}). Decimal prefixes (k, M, G, T, P; kB ... PB) are
 * powers of 1000, binary ones (Ki ... Pi; KiB ... PiB) powers of 1024.
 *
 * <p>Every parser throws {@link IllegalArgumentException} whose message says what was expected,
 * ready to be shown to a user; a reader with words of its own (the catalog's) catches it and
 * says it its way. The regular expressions are the ones the JSON Schema publishes.
 */
public final class Quantities {

    /** Expected-form hints, shared with the binder's messages. */
    public static final String DURATION_HINT = "expected a duration such as 250ms, 90s, 5m, 2h";
    public static final String DOLLARS_HINT = "expected an amount in dollars such as $285000, $285k or $1.2M";
    public static final String RATE_HINT = "expected a rate such as 20/s, 1200/min, 50/h";
    public static final String BYTES_HINT = "expected a size such as 512MiB, 4GiB, 80GB";
    public static final String PRICE_HINT = "expected a price per GPU-hour such as $2.99/h";
    public static final String BANDWIDTH_HINT = "expected a bandwidth such as 2GB/s, 250MB/s";
    public static final String FLOPS_HINT = "expected a dense FLOP rate such as 989TFLOPS or 1.979PFLOPS";
    public static final String WATTS_HINT = "expected a power such as 700W or 1kW";
    public static final String SHARE_HINT = "expected a plain number such as 0.75 (or 75%)";
    public static final String NUMBER_HINT = "expected a number such as 8030000000, 8_030_000_000 or 8.03e9";

    /** A non-negative number: digits with {@code _} separators, decimals, an exponent. */
    public static final String NUMBER_REGEX = "((?:[0-9][0-9_]*)?\\.?[0-9]+(?:[eE][+-]?[0-9]+)?)";
    /** A number that is zero, written without a unit ({@code 0}, {@code 0.0}): a size or duration of nothing. */
    public static final String ZERO_REGEX = "(?:0[0_]*)?\\.?0+(?:[eE][+-]?[0-9]+)?";
    private static final String BYTE_UNIT = "(B|kB|KB|KiB|MB|MiB|GB|GiB|TB|TiB|PB|PiB|k|M|G|T|P|Ki|Mi|Gi|Ti|Pi)";

    /** Pattern of a duration with its unit (also published in the JSON Schema). */
    public static final String DURATION_REGEX = NUMBER_REGEX + " ?(ns|us|µs|ms|s|min|m|h|d|y)";
    /** An amount in dollars, with an optional thousands ({@code k}) or millions ({@code M}) suffix. */
    public static final String DOLLARS_REGEX = "\\$? ?" + NUMBER_REGEX + " ?(k|K|M)?";
    public static final String RATE_REGEX = NUMBER_REGEX + " ?/ ?(s|min|h)";
    public static final String BYTES_REGEX = NUMBER_REGEX + " ?" + BYTE_UNIT;
    public static final String BANDWIDTH_REGEX = BYTES_REGEX + " ?/ ?s";
    public static final String PRICE_REGEX = "\\$? ?" + NUMBER_REGEX + "(?: ?/ ?(h|hr|hour|GPU-h|GPU-hour))?";
    public static final String FLOPS_REGEX = NUMBER_REGEX + " ?([kKMGTPE]?)(?:FLOPS|FLOP/s|FLOPs|F)";
    public static final String WATTS_REGEX = NUMBER_REGEX + " ?(W|kW|KW)";
    public static final String PERCENT_REGEX = NUMBER_REGEX + " ?%";

    private static final Pattern NUMBER = Pattern.compile(NUMBER_REGEX);
    private static final Pattern ZERO = Pattern.compile(ZERO_REGEX);
    private static final Pattern DURATION = Pattern.compile(DURATION_REGEX);
    private static final Pattern DOLLARS = Pattern.compile(DOLLARS_REGEX);
    private static final Pattern RATE = Pattern.compile(RATE_REGEX);
    private static final Pattern BYTES = Pattern.compile(BYTES_REGEX);
    private static final Pattern PRICE = Pattern.compile(PRICE_REGEX);
    private static final Pattern FLOPS = Pattern.compile(FLOPS_REGEX);
    private static final Pattern WATTS = Pattern.compile(WATTS_REGEX);
    private static final Pattern PERCENT = Pattern.compile(PERCENT_REGEX);
    private static final Pattern BARE = Pattern.compile("[+-]?" + NUMBER_REGEX);

    private static final Map<String, Long> NS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "µs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "min", 60_000_000_000L,
            "h", 3_600_000_000_000L,
            "d", 86_400_000_000_000L,
            // A year of 365 days: depreciation periods and contract terms, not calendar dates.
            "y", 365 * 86_400_000_000_000L);

    private static final Map<String, Double> SECONDS_PER_RATE_UNIT = Map.of("s", 1.0, "min", 60.0, "h", 3600.0);

    private static final Map<String, Long> BYTES_PER_UNIT = Map.ofEntries(
            Map.entry("B", 1L),
            Map.entry("kB", 1_000L), Map.entry("KB", 1_000L), Map.entry("k", 1_000L),
            Map.entry("KiB", 1L << 10), Map.entry("Ki", 1L << 10),
            Map.entry("MB", 1_000_000L), Map.entry("M", 1_000_000L),
            Map.entry("MiB", 1L << 20), Map.entry("Mi", 1L << 20),
            Map.entry("GB", 1_000_000_000L), Map.entry("G", 1_000_000_000L),
            Map.entry("GiB", 1L << 30), Map.entry("Gi", 1L << 30),
            Map.entry("TB", 1_000_000_000_000L), Map.entry("T", 1_000_000_000_000L),
            Map.entry("TiB", 1L << 40), Map.entry("Ti", 1L << 40),
            Map.entry("PB", 1_000_000_000_000_000L), Map.entry("P", 1_000_000_000_000_000L),
            Map.entry("PiB", 1L << 50), Map.entry("Pi", 1L << 50));

    private static final Map<String, Double> FLOPS_PREFIX = Map.of(
            "", 1.0, "k", 1e3, "K", 1e3, "M", 1e6, "G", 1e9, "T", 1e12, "P", 1e15, "E", 1e18);

    private Quantities() {}

    /**
     * A duration in nanoseconds: a non-negative number followed by ns, us (µs), ms, s, m (min), h
     * or d; decimals allowed ({@code 1.5h}). A bare number is ambiguous and refused, except 0.
     */
    public static long parseDurationNs(String text) {
        String s = text.strip();
        if (isZero(s)) {
            return 0;
        }
        Matcher m = matched(DURATION, s, DURATION_HINT);
        BigDecimal ns = number(m.group(1)).multiply(BigDecimal.valueOf(NS_PER_UNIT.get(m.group(2))));
        return toLong(ns, s, "duration");
    }

    /** Requests per second from {@code 20/s}, {@code 1200/min} or {@code 50/h}. */
    public static double parseRatePerSec(String text) {
        String s = text.strip();
        Matcher m = matched(RATE, s, RATE_HINT);
        return plain(m.group(1)) / SECONDS_PER_RATE_UNIT.get(m.group(2));
    }

    /**
     * Bytes from {@code 4GiB}, {@code 512MB}, {@code 1.5TB}, or a Kubernetes quantity
     * ({@code 15Gi}, {@code 500M}); a bare 0 is accepted. Rounded to a whole byte.
     */
    public static long parseBytes(String text) {
        String s = text.strip();
        if (isZero(s)) {
            return 0;
        }
        Matcher m = matched(BYTES, s, BYTES_HINT);
        BigDecimal bytes = number(m.group(1)).multiply(BigDecimal.valueOf(BYTES_PER_UNIT.get(m.group(2))));
        return toLong(bytes, s, "size");
    }

    /** Whole bytes per second from {@code 2GB/s} or {@code 250MiB/s}: the size is rounded to a byte first. */
    public static double parseBytesPerSec(String text) {
        return parseBytes(bandwidthSize(text));
    }

    /**
     * Bytes per second as written in a catalog ({@code 3.35TB/s}): the number times its unit in
     * double precision, without rounding to a whole byte; the size must have its unit.
     */
    public static double parseBandwidth(String text) {
        String size = bandwidthSize(text);
        Matcher m = BYTES.matcher(size);
        if (!m.matches()) {
            throw new IllegalArgumentException(BANDWIDTH_HINT + "; got '" + text.strip() + "'");
        }
        return plain(m.group(1)) * BYTES_PER_UNIT.get(m.group(2));
    }

    /** The size before {@code /s}, checked to be one. */
    private static String bandwidthSize(String text) {
        String s = text.strip();
        int slash = s.lastIndexOf('/');
        if (slash < 0 || !s.substring(slash + 1).strip().equals("s")) {
            throw new IllegalArgumentException(BANDWIDTH_HINT + "; got '" + s + "'");
        }
        String size = s.substring(0, slash).strip();
        try {
            parseBytes(size);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(BANDWIDTH_HINT + "; got '" + s + "'");
        }
        return size;
    }

    /** Dollars from {@code $285000}, {@code $285k}, {@code 1.2M} or {@code 285000}. */
    public static double parseDollars(String text) {
        String s = text.strip();
        Matcher m = matched(DOLLARS, s, DOLLARS_HINT);
        double scale = m.group(2) == null ? 1 : m.group(2).equals("M") ? 1e6 : 1e3;
        return plain(m.group(1)) * scale;
    }

    /**
     * Dollars per one of {@code units} from {@code $0.12/kWh} or {@code $2000/month}: the amount
     * and the unit it is per, which must be one of those given (the caller converts).
     */
    public static Map.Entry<Double, String> parseDollarsPer(String text, List<String> units, String hint) {
        String s = text.strip();
        int slash = s.lastIndexOf('/');
        String unit = slash < 0 ? "" : s.substring(slash + 1).strip();
        if (slash < 0 || !units.contains(unit)) {
            throw new IllegalArgumentException(hint + "; got '" + s + "'");
        }
        try {
            return Map.entry(parseDollars(s.substring(0, slash)), unit);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(hint + "; got '" + s + "'");
        }
    }

    /** Dollars per GPU-hour from {@code $2.99/h}, {@code 2.99/hr}, {@code 2.99/GPU-h}, {@code $2.99} or {@code 2.99}. */
    public static double parsePricePerHour(String text) {
        String s = text.strip();
        Matcher m = PRICE.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException(PRICE_HINT + "; got '" + s + "'");
        }
        return plain(m.group(1));
    }

    /** FLOP per second from {@code 989TFLOPS}, {@code 1.979PFLOPS} or {@code 121TF}; a bare 0 means none. */
    public static double parseFlops(String text) {
        String s = text.strip();
        if (isZero(s)) {
            return 0;
        }
        Matcher m = matched(FLOPS, s, FLOPS_HINT);
        return plain(m.group(1)) * FLOPS_PREFIX.get(m.group(2));
    }

    /** Watts from {@code 700W} or {@code 1kW}. */
    public static double parseWatts(String text) {
        String s = text.strip();
        Matcher m = matched(WATTS, s, WATTS_HINT);
        return plain(m.group(1)) * (m.group(2).equals("W") ? 1 : 1e3);
    }

    /**
     * A share as a fraction: a plain number ({@code 0.75}) or a percentage ({@code 75%}). A sign
     * is read, so that a negative share is refused by its range check, which says why.
     */
    public static double parseShare(String text) {
        String s = text.strip();
        String unsigned = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        double sign = s.startsWith("-") ? -1 : 1;
        Matcher pct = PERCENT.matcher(unsigned);
        if (pct.matches()) {
            return sign * plain(pct.group(1)) / 100;
        }
        if (!NUMBER.matcher(unsigned).matches()) {
            throw new IllegalArgumentException(SHARE_HINT + "; got '" + s + "'");
        }
        return sign * plain(unsigned);
    }

    /** A plain number ({@code 8030000000}, {@code 8_030_000_000}, {@code 8.03e9}), exactly as written. */
    public static BigDecimal parseNumber(String text) {
        String s = text.strip();
        if (!NUMBER.matcher(s).matches()) {
            throw new IllegalArgumentException(NUMBER_HINT + "; got '" + s + "'");
        }
        return number(s);
    }

    /** Whether the text is a number alone, without a sign or a unit. */
    public static boolean isBareNumber(String text) {
        return NUMBER.matcher(text.strip()).matches();
    }

    /** Whether the text is a zero written without a unit. */
    public static boolean isZero(String text) {
        return ZERO.matcher(text.strip()).matches();
    }

    /** A short human form of a duration, for messages: {@code 90s}, {@code 1.5h}, {@code 250ms}. */
    public static String formatDuration(long ns) {
        String[] units = {"d", "h", "m", "s", "ms", "us", "ns"};
        for (String unit : units) {
            long per = NS_PER_UNIT.get(unit);
            if (Math.abs(ns) >= per || per == 1) {
                BigDecimal v = BigDecimal.valueOf(ns).divide(BigDecimal.valueOf(per), 3, RoundingMode.HALF_UP)
                        .stripTrailingZeros();
                return v.toPlainString() + unit;
            }
        }
        return ns + "ns";
    }

    /** A short human form of a rate per second, for messages: {@code 20/s}. */
    public static String formatRate(double perSec) {
        return BigDecimal.valueOf(perSec).stripTrailingZeros().toPlainString() + "/s";
    }

    private static BigDecimal number(String digits) {
        return new BigDecimal(digits.replace("_", ""));
    }

    private static double plain(String digits) {
        return Double.parseDouble(digits.replace("_", ""));
    }

    private static Matcher matched(Pattern pattern, String s, String hint) {
        Matcher m = pattern.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException(bareOrBad(s, hint));
        }
        return m;
    }

    private static String bareOrBad(String s, String hint) {
        if (BARE.matcher(s).matches()) {
            return s + " has no unit; " + hint;
        }
        if (s.startsWith("-")) {
            return "'" + s + "' is negative; " + hint;
        }
        return hint + "; got '" + s + "'";
    }

    private static long toLong(BigDecimal value, String s, String what) {
        BigDecimal rounded = value.setScale(0, RoundingMode.HALF_UP);
        if (rounded.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("the " + what + " '" + s + "' is too large");
        }
        return rounded.longValueExact();
    }
}
