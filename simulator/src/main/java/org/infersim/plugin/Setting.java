package org.infersim.plugin;

import java.math.BigDecimal;
import org.infersim.input.Quantities;

/**
 * One setting a policy accepts in a scenario, with its kind (how it is written and validated),
 * its default, written once here, and what it means. Scenario validation parses it by kind
 * (with units) and reports bad values with file, line and path, for built-in and registered
 * policies alike.
 *
 * @param meaning what it is, without the default: "averaging window"
 */
public record Setting<T>(String key, Kind kind, T defaultValue, String meaning) {
    /** How a setting is written in a scenario and what type the policy gets. */
    public enum Kind {
        /** Written with a unit ({@code 60s}), above 0; given to the policy in nanoseconds ({@code Long}). */
        DURATION(Long.class),
        /** Written as {@code 70%} or {@code 0.7}, above 0; given as a fraction ({@code Double}; may exceed 1, as 200%). */
        FRACTION(Double.class),
        /** A plain number above 0 ({@code Double}). */
        NUMBER(Double.class);

        private final Class<?> type;

        Kind(Class<?> type) {
            this.type = type;
        }

        public Class<?> type() {
            return type;
        }
    }

    public Setting {
        if (!kind.type().isInstance(defaultValue)) {
            throw new IllegalArgumentException(key + ": a " + kind + " setting's default is a " + kind.type().getSimpleName());
        }
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

    /** What it means with its default, as written in a scenario: "averaging window (60s)". */
    public String description() {
        return meaning + " (" + format(defaultValue) + ")";
    }

    /** A value of this setting as a scenario would write it: 60s, 70%, 1000. */
    public String format(Object value) {
        return switch (kind) {
            case DURATION -> Quantities.formatDuration((Long) value);
            case FRACTION -> plain((Double) value * 100) + "%";
            case NUMBER -> plain((Double) value);
        };
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
