package org.infersim.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.infersim.results.BatchCsv;

/**
 * One combination of parameter values: scenario path to value, in the batch file's order, and
 * where in the batch file each value was written.
 */
public record Variant(int index, Map<String, JsonNode> values, Map<String, Integer> lines) {
    public Variant {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        lines = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(lines));
    }

    /** The value as a CSV cell and a label shows it: scalars as written, structures as JSON. */
    public static String display(JsonNode value) {
        return BatchCsv.value(value);
    }

    /**
     * {@code tensorParallel=4, rate=2/s}: each path shortened to its last key, or to as many of
     * its last parts as it takes to tell it from the variant's other paths.
     */
    public String label() {
        if (values.isEmpty()) {
            return "base scenario";
        }
        StringBuilder sb = new StringBuilder();
        for (var e : values.entrySet()) {
            if (e.getValue().isMissingNode()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(shortName(e.getKey())).append('=').append(display(e.getValue()));
        }
        return sb.toString();
    }

    private String shortName(String path) {
        String[] parts = path.split("\\.");
        for (int n = 1; n < parts.length; n++) {
            String suffix = String.join(".", java.util.Arrays.copyOfRange(parts, parts.length - n, parts.length));
            long same = values.keySet().stream().filter(p -> p.equals(suffix) || p.endsWith("." + suffix)).count();
            if (same == 1) {
                return suffix;
            }
        }
        return path;
    }
}
