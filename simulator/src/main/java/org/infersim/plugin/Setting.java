package org.infersim.plugin;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.infersim.input.Quantities;

/**
 * One setting a policy accepts in a scenario, with its kind (how it is written and validated),
 * its default, written once here, and what it means. Scenario validation parses it by kind
 * (with units) and reports bad values with file, line and path, for built-in and registered
 * policies alike.
 *
 * @param defaultValue what it reads as when left out; null for a setting a scenario must write
 * @param meaning      what it is, without the default: "averaging window"
 * @param words        the words a {@link Kind#WORD} setting accepts (empty for the other kinds)
 */
public record Setting<T>(String key, Kind kind, T defaultValue, String meaning, List<String> words) {
    /** How a setting is written in a scenario and what type the policy gets. */
    public enum Kind {
        /** Written with a unit ({@code 60s}), above 0; given to the policy in nanoseconds ({@code Long}). */
        DURATION(Long.class),
        /** Written as {@code 70%} or {@code 0.7}, above 0; given as a fraction ({@code Double}; may exceed 1, as 200%). */
        FRACTION(Double.class),
        /** A plain number above 0 ({@code Double}). */
        NUMBER(Double.class),
        /**
         * A file that must exist, written relative to the scenario's folder; given resolved
         * ({@code Path}), so that a policy reads what the scenario's author meant wherever it runs from.
         */
        FILE(Path.class),
        /** One of the setting's {@link Setting#words() words} ({@code String}). */
        WORD(String.class);

        private final Class<?> type;

        Kind(Class<?> type) {
            this.type = type;
        }

        public Class<?> type() {
            return type;
        }
    }

    public Setting {
        words = List.copyOf(words);
        if (defaultValue != null && !kind.type().isInstance(defaultValue)) {
            throw new IllegalArgumentException(key + ": a " + kind + " setting's default is a " + kind.type().getSimpleName());
        }
        if (kind == Kind.WORD ? words.isEmpty() || defaultValue != null && !words.contains(defaultValue)
                : !words.isEmpty()) {
            throw new IllegalArgumentException(key + ": a WORD setting lists its words, its default among them;"
                    + " the other kinds list none");
        }
    }

    public Setting(String key, Kind kind, T defaultValue, String meaning) {
        this(key, kind, defaultValue, meaning, List.of());
    }

    public static Setting<Long> duration(String key, long defaultNs, String meaning) {
        return new Setting<>(key, Kind.DURATION, defaultNs, meaning);
    }

    public static Setting<Double> fraction(String key, double defaultFraction, String meaning) {
        return new Setting<>(key, Kind.FRACTION, defaultFraction, meaning);
    }

    public static Setting<Double> number(String key, double defaultValue, String meaning) {
        return new Setting<>(key, Kind.NUMBER, defaultValue, meaning);
    }

    /** A file a scenario must name: its path relative to the scenario's folder. */
    public static Setting<Path> file(String key, String meaning) {
        return new Setting<>(key, Kind.FILE, null, meaning);
    }

    /** One of {@code words}, {@code defaultWord} when left out. */
    public static Setting<String> word(String key, String defaultWord, List<String> words, String meaning) {
        return new Setting<>(key, Kind.WORD, defaultWord, meaning, words);
    }

    /** Whether a scenario must write it (it has no default). */
    public boolean required() {
        return defaultValue == null;
    }

    /** What it means with its default, as written in a scenario: "averaging window (60s)". */
    public String description() {
        return meaning + " (" + (required() ? "required" : format(defaultValue)) + ")";
    }

    /** A value of this setting as a scenario would write it: 60s, 70%, 1000. */
    public String format(Object value) {
        return switch (kind) {
            case DURATION -> Quantities.formatDuration((Long) value);
            case FRACTION -> plain((Double) value * 100) + "%";
            case NUMBER -> plain((Double) value);
            case FILE, WORD -> value.toString();
        };
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
