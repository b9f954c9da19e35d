package org.infersim.plugin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings a scenario gave one policy, validated against its provider's {@link Setting}s
 * and typed by their kind (durations in nanoseconds, fractions as fractions); a setting left
 * out reads as its default.
 *
 * @param values the settings as written, by key, in the scenario's order
 */
public record Settings(Map<String, Object> values) {
    public static final Settings NONE = new Settings(Map.of());

    public Settings {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value written for the setting, or its default. */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        Object v = values.get(setting.key());
        return v == null ? setting.defaultValue() : (T) setting.kind().type().cast(v);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
