package org.infersim.input;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The typed reader of one mapping of an input file: each reader returns the value of a key, or
 * null after adding a problem that names the path and says what was expected ("missing required
 * key 'duration' (a duration such as 250ms, 90s, 5m, 2h)", "unknown router 'rr'; did you mean
 * ...?"). An absent optional key is null without a problem. Made by {@link InputFile#fields} and
 * {@link InputFile#typed}, which report the keys the mapping may not have.
 */
public final class Fields {
    /** A name of something the file defines: a pool, a deployment, a workload, a run. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    public static final String NAME_HINT = "letters, digits, '.', '_' and '-' only";

    private final InputFile in;
    private final String path;
    private final YamlNode.Mapping map;
    private final String type;

    Fields(InputFile in, String path, YamlNode.Mapping map) {
        this(in, path, map, null);
    }

    private Fields(InputFile in, String path, YamlNode.Mapping map, String type) {
        this.in = in;
        this.path = path;
        this.map = map;
        this.type = type;
    }

    Fields ofType(String chosen) {
        return new Fields(in, path, map, chosen);
    }

    /** The path of the mapping itself, such as {@code deployments[0].engine}. */
    public String path() {
        return path;
    }

    /** The variant chosen by the discriminator of a mapping read with {@link InputFile#typed}. */
    public String type() {
        return type;
    }

    public boolean has(String key) {
        return map.entries().containsKey(key);
    }

    public YamlNode node(String key) {
        return map.get(key);
    }

    /** The path of a key of this mapping. */
    public String at(String key) {
        return child(path, key);
    }

    /** The path of a key below another path. */
    public static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** A problem at a key of this mapping. */
    public void problem(String key, String message) {
        in.problem(at(key), message);
    }

    /** A problem at the mapping itself. */
    public void problem(String message) {
        in.problem(path, message);
    }

    /** Reports a key that must be there and is not. */
    public void missing(String key, String expected) {
        in.problem(path, "missing required key '" + key + "' (" + expected + ")");
    }

    /** The value of a required key, or null after reporting it missing. */
    public YamlNode require(String key, String expected) {
        YamlNode n = map.get(key);
        if (n == null) {
            missing(key, expected);
        }
        return n;
    }

    /** A nested mapping with its own keys; null when absent, or after a problem. */
    public Fields child(String key, String what, List<String> allowed) {
        return in.fields(node(key), at(key), what, allowed);
    }

    /** A nested mapping whose {@code type} chooses among variants; null after a problem. */
    public Fields typedChild(String key, String what, String kind, Map<String, List<String>> variants) {
        return typedChild(key, what, kind, "type", variants);
    }

    /** Same, with the variant chosen by the key {@code discriminator}. */
    public Fields typedChild(String key, String what, String kind, String discriminator,
            Map<String, List<String>> variants) {
        return in.typed(node(key), at(key), what, kind, discriminator, variants);
    }

    // ---------------------------------------------------------------- scalars

    /** A scalar of the expected kind, or null (after a problem when present but wrong, or required and missing). */
    public YamlNode.Scalar scalar(String key, boolean required, String expected) {
        YamlNode n = node(key);
        if (n == null) {
            if (required) {
                missing(key, expected);
            }
            return null;
        }
        if (n instanceof YamlNode.Scalar s && s.kind() != YamlNode.ScalarKind.NULL) {
            return s;
        }
        problem(key, "expected " + expected + ", got " + n.describe());
        return null;
    }

    public String string(String key, boolean required, String expected) {
        YamlNode.Scalar s = scalar(key, required, expected);
        if (s == null) {
            return null;
        }
        if (s.kind() != YamlNode.ScalarKind.STRING) {
            problem(key, "expected " + expected + ", got " + s.describe() + " (quote it if it is a name: '"
                    + s.text() + "')");
            return null;
        }
        return s.text();
    }

    /** A required name matching {@link #NAME}, unique among {@code taken} when given. */
    public String name(String key, Set<String> taken) {
        String name = string(key, true, "a name (" + NAME_HINT + ")");
        if (name == null) {
            return null;
        }
        if (!NAME.matcher(name).matches()) {
            problem(key, "'" + name + "' is not a valid name; use " + NAME_HINT);
            return null;
        }
        if (taken != null && taken.contains(name)) {
            problem(key, "the name '" + name + "' is already used; names must be unique");
            return null;
        }
        return name;
    }

    /** A scalar of one kind, or null (after a problem when present but of another kind, or required and missing). */
    private YamlNode.Scalar scalar(String key, boolean required, String expected, YamlNode.ScalarKind kind) {
        YamlNode.Scalar s = scalar(key, required, expected);
        if (s != null && s.kind() != kind) {
            problem(key, "expected " + expected + ", got " + s.describe());
            return null;
        }
        return s;
    }

    public Long integer(String key, boolean required, long min, long max) {
        YamlNode.Scalar s = scalar(key, required, "an integer", YamlNode.ScalarKind.INTEGER);
        if (s == null) {
            return null;
        }
        BigInteger v;
        try {
            v = new BigInteger(s.text().replace("_", ""));
        } catch (NumberFormatException e) {
            problem(key, "expected a decimal integer, got '" + s.text() + "'");
            return null;
        }
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            boolean bounded = min != Long.MIN_VALUE && min != Integer.MIN_VALUE;
            String range = bounded && (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) ? "at least " + min
                    : "from " + min + " to " + max;
            problem(key, "expected an integer " + range + ", got " + v);
            return null;
        }
        return v.longValue();
    }

    public Double number(String key, boolean required) {
        YamlNode.Scalar s = scalar(key, required, "a number");
        if (s == null) {
            return null;
        }
        if (!s.isNumber()) {
            problem(key, "expected a number, got " + s.describe());
            return null;
        }
        if (!s.isFinite()) {
            problem(key, "expected a finite number, got " + s.text());
            return null;
        }
        return Double.parseDouble(s.text().replace("_", ""));
    }

    public Boolean bool(String key) {
        YamlNode.Scalar s = scalar(key, true, "true or false", YamlNode.ScalarKind.BOOLEAN);
        return s == null ? null : Boolean.parseBoolean(s.text());
    }

    /** A number in (0, 1], or null after a problem. */
    public Double fraction(String key, boolean required, String ofWhat) {
        Double v = number(key, required);
        if (v != null && !(v > 0 && v <= 1)) {
            problem(key, "expected a fraction " + ofWhat + " in (0, 1], got " + format(v));
            return null;
        }
        return v;
    }

    /** A share written as a percentage ({@code 70%}) or a number ({@code 0.7}), above 0. */
    public Double share(String key) {
        YamlNode n = node(key);
        Double v;
        if (n instanceof YamlNode.Scalar s && s.isNumber()) {
            v = number(key, true);
        } else if (n instanceof YamlNode.Scalar s && s.text().strip().endsWith("%")) {
            try {
                v = Quantities.parseShare(s.text());
            } catch (IllegalArgumentException e) {
                problem(key, "expected a percentage such as 70% or a fraction such as 0.7, got " + n.describe());
                return null;
            }
        } else {
            problem(key, "expected a percentage such as 70% or a fraction such as 0.7, got " + n.describe());
            return null;
        }
        if (v != null && !(v > 0)) {
            problem(key, "expected a share above 0, got " + format(v));
            return null;
        }
        return v;
    }

    // ---------------------------------------------------------------- quantities

    /** A quantity written with its unit, parsed by one of {@link Quantities}' parsers. */
    public <T> T quantity(String key, boolean required, String hint, Function<String, T> parse) {
        YamlNode.Scalar s = scalar(key, required, hint.replaceFirst("^expected ", ""));
        if (s == null) {
            return null;
        }
        if (s.kind() == YamlNode.ScalarKind.BOOLEAN) {
            problem(key, hint + "; got " + s.describe());
            return null;
        }
        try {
            return parse.apply(s.text());
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return null;
        }
    }

    public Long duration(String key, boolean required) {
        return quantity(key, required, Quantities.DURATION_HINT, Quantities::parseDurationNs);
    }

    /** An optional duration longer than 0. */
    public Long positiveDuration(String key) {
        Long v = duration(key, false);
        if (v != null && v <= 0) {
            problem(key, "expected a duration longer than 0");
            return null;
        }
        return v;
    }

    /** A duration of at least 0 (a delay, a grace period). */
    public Long nonNegativeDuration(String key) {
        Long v = duration(key, true);
        if (v != null && v < 0) {
            problem(key, "expected a duration of at least 0");
            return null;
        }
        return v;
    }

    public Double rate(String key, boolean required) {
        return quantity(key, required, Quantities.RATE_HINT, Quantities::parseRatePerSec);
    }

    /** A rate above 0. */
    public Double positiveRate(String key, boolean required) {
        Double r = rate(key, required);
        if (r != null && !(r > 0)) {
            problem(key, "expected a rate above 0");
            return null;
        }
        return r;
    }

    public Long bytes(String key) {
        return quantity(key, true, Quantities.BYTES_HINT, Quantities::parseBytes);
    }

    /** Bytes per second above 0. */
    public Double bandwidth(String key) {
        Double v = quantity(key, true, Quantities.BANDWIDTH_HINT, Quantities::parseBytesPerSec);
        if (v != null && v <= 0) {
            problem(key, "expected a bandwidth above 0");
            return null;
        }
        return v;
    }

    public Double price(String key) {
        return quantity(key, false, Quantities.PRICE_HINT, Quantities::parsePricePerHour);
    }

    // ---------------------------------------------------------------- choices, lists, references

    /** One of the options, by its label; an unknown label gets a did-you-mean and the list of labels. */
    public <E> E choice(String key, String what, Map<String, E> options) {
        String expected = "one of " + String.join(", ", options.keySet());
        YamlNode.Scalar s = scalar(key, true, expected);
        if (s == null) {
            return null;
        }
        E value = options.get(s.text());
        if (value == null) {
            String hint = Suggestions.didYouMean(s.text(), options.keySet());
            problem(key, "unknown " + what + " '" + s.text() + "'" + hint
                    + (hint.isEmpty() ? "; expected " : " Expected ") + expected);
        }
        return value;
    }

    public List<YamlNode> list(String key, boolean nonEmpty, String expected) {
        YamlNode n = require(key, expected);
        if (n == null) {
            return null;
        }
        if (!(n instanceof YamlNode.Sequence seq)) {
            problem(key, "expected " + expected + ", got " + n.describe());
            return null;
        }
        if (nonEmpty && seq.items().isEmpty()) {
            problem(key, "expected " + expected + ", got an empty list");
            return null;
        }
        return seq.items();
    }

    /**
     * A reference by name to an earlier definition. Optional when exactly one is defined.
     * Returns null after a problem; an invalid definition with that name still resolves, so that
     * its own problem is not repeated here.
     */
    public <T> T reference(String key, String what, Map<String, T> defined, String where) {
        if (!has(key)) {
            if (defined.size() == 1) {
                return defined.values().iterator().next();
            }
            if (defined.size() > 1) {
                missing(key, "one of " + String.join(", ", defined.keySet())
                        + "; it may be left out only when exactly one " + what + " exists");
            }
            return null;
        }
        String name = string(key, true, "the name of a " + what + " in " + where);
        if (name == null) {
            return null;
        }
        T target = defined.get(name);
        if (target == null) {
            String hint = Suggestions.didYouMean(name, defined.keySet());
            problem(key, "unknown " + what + " '" + name + "'" + hint
                    + (defined.isEmpty() ? "; no valid " + what + " is defined in " + where
                    : (hint.isEmpty() ? "; defined: " : " Defined: ") + String.join(", ", defined.keySet())));
        }
        return target;
    }

    /** A file the key names, resolved against the input file's folder; null after a problem if it is missing. */
    public java.nio.file.Path existingFile(String key, String what, String expected) {
        String name = string(key, true, expected);
        return name == null ? null : in.existingFile(name, at(key), what);
    }

    // ---------------------------------------------------------------- for the tables of choices

    /** The labels of an enum's values, in order: {@code FIRST_FIT} is {@code first-fit}. */
    public static <E extends Enum<E>> Map<String, E> choices(E[] values) {
        return choices(values, v -> v.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** Values by their label, in order. */
    public static <E> Map<String, E> choices(E[] values, Function<E, String> label) {
        Map<String, E> m = new LinkedHashMap<>();
        for (E v : values) {
            m.put(label.apply(v), v);
        }
        return m;
    }

    /** Labels that stand for themselves, in order. */
    public static Map<String, String> choices(Collection<String> labels) {
        Map<String, String> m = new LinkedHashMap<>();
        labels.forEach(k -> m.put(k, k));
        return m;
    }

    /** A map in the order written: {@code ordered("a", 1, "b", 2)}. */
    @SuppressWarnings("unchecked")
    public static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return m;
    }

    /** A number as a message shows it: {@code 0.25}, {@code 3}. */
    public static String format(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
