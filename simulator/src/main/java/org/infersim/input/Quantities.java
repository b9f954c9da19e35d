package org.infersim.input;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quantities written with their unit, as in scenario files: durations ({@code 250ms}, {@code 1.5h}),
 * rates ({@code 20/s}, {@code 1200/min}), sizes ({@code 4GiB}, {@code 140GB}) and prices
 * ({@code $2.99/h}). Decimal prefixes are powers of 1000, binary ones (KiB, MiB, GiB, TiB) powers
 * of 1024.
 *
 * <p>Every parser throws {@link IllegalArgumentException} whose message says what was expected,
 * ready to be shown to a user. The regular expressions are the ones the JSON Schema publishes.
 */
public final class Quantities {

    /** Expected-form hints, shared with the binder's messages. */
    public static final String DURATION_HINT = "expected a duration such as 250ms, 90s, 5m, 2h";
    public static final String RATE_HINT = "expected a rate such as 20/s, 1200/min, 50/h";
    public static final String BYTES_HINT = "expected a size such as 512MiB, 4GiB, 80GB";
    public static final String PRICE_HINT = "expected a price per GPU-hour such as $2.99/h";
    public static final String BANDWIDTH_HINT = "expected a bandwidth such as 2GB/s, 250MB/s";

    private static final String NUMBER = "([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)";

    /** Pattern of a duration with its unit (also published in the JSON Schema). */
    public static final String DURATION_REGEX = NUMBER + " ?(ns|us|µs|ms|s|min|m|h|d)";
    public static final String RATE_REGEX = NUMBER + " ?/ ?(s|min|h)";
    public static final String BYTES_REGEX = NUMBER + " ?(B|kB|KB|KiB|MB|MiB|GB|GiB|TB|TiB)";
    public static final String PRICE_REGEX = "\\$?" + NUMBER + "(?: ?/ ?(h|hr|hour))?";

    private static final Pattern DURATION = Pattern.compile(DURATION_REGEX);
    private static final Pattern RATE = Pattern.compile(RATE_REGEX);
    private static final Pattern BYTES = Pattern.compile(BYTES_REGEX);
    private static final Pattern PRICE = Pattern.compile(PRICE_REGEX);
    private static final Pattern BARE = Pattern.compile("[+-]?" + NUMBER);

    private static final Map<String, Long> NS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "µs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "min", 60_000_000_000L,
            "h", 3_600_000_000_000L,
            "d", 86_400_000_000_000L);

    private static final Map<String, Double> SECONDS_PER_RATE_UNIT = Map.of("s", 1.0, "min", 60.0, "h", 3600.0);

    private static final Map<String, Long> BYTES_PER_UNIT = Map.ofEntries(
            Map.entry("B", 1L),
            Map.entry("kB", 1_000L),
            Map.entry("KB", 1_000L),
            Map.entry("KiB", 1L << 10),
            Map.entry("MB", 1_000_000L),
            Map.entry("MiB", 1L << 20),
            Map.entry("GB", 1_000_000_000L),
            Map.entry("GiB", 1L << 30),
            Map.entry("TB", 1_000_000_000_000L),
            Map.entry("TiB", 1L << 40));

    private Quantities() {}

    /**
     * A duration in nanoseconds: a non-negative number followed by ns, us (µs), ms, s, m (min), h
     * or d; decimals allowed ({@code 1.5h}). A bare number is ambiguous and refused, except 0.
     */
    public static long parseDurationNs(String text) {
        String s = text.strip();
        if (isBareZero(s)) {
            return 0;
        }
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException(bareOrBad(s, DURATION_HINT));
        }
        BigDecimal ns = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NS_PER_UNIT.get(m.group(2))));
        return toLong(ns, s, "duration");
    }

    /** Requests per second from {@code 20/s}, {@code 1200/min} or {@code 50/h}. */
    public static double parseRatePerSec(String text) {
        String s = text.strip();
        Matcher m = RATE.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException(bareOrBad(s, RATE_HINT));
        }
        return Double.parseDouble(m.group(1)) / SECONDS_PER_RATE_UNIT.get(m.group(2));
    }

    /** Bytes from {@code 4GiB}, {@code 512MB}, {@code 1.5TB}; a bare 0 is accepted. Rounded to a whole byte. */
    public static long parseBytes(String text) {
        String s = text.strip();
        if (isBareZero(s)) {
            return 0;
        }
        Matcher m = BYTES.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException(bareOrBad(s, BYTES_HINT));
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(BYTES_PER_UNIT.get(m.group(2))));
        return toLong(bytes, s, "size");
    }

    /** Bytes per second from {@code 2GB/s} or {@code 250MiB/s}. */
    public static double parseBytesPerSec(String text) {
        String s = text.strip();
        int slash = s.lastIndexOf('/');
        if (slash < 0 || !s.substring(slash + 1).strip().equals("s")) {
            throw new IllegalArgumentException(BANDWIDTH_HINT + "; got '" + s + "'");
        }
        try {
            return parseBytes(s.substring(0, slash).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(BANDWIDTH_HINT + "; got '" + s + "'");
        }
    }

    /** Dollars per GPU-hour from {@code $2.99/h}, {@code 2.99/hr}, {@code $2.99} or {@code 2.99}. */
    public static double parsePricePerHour(String text) {
        String s = text.strip();
        Matcher m = PRICE.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException(PRICE_HINT + "; got '" + s + "'");
        }
        return Double.parseDouble(m.group(1));
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

    private static boolean isBareZero(String s) {
        return s.matches("0+(\\.0+)?");
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
