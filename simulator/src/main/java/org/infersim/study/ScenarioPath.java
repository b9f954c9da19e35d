package org.infersim.study;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path into a scenario as users write it and as validation messages print it:
 * {@code deployments[0].tensorParallel}, {@code cluster.pools[1].gpu}.
 */
public record ScenarioPath(String text, List<Object> segments) {
    /** A path's syntax, as the published batch and size schemas write it too. */
    public static final String SYNTAX_REGEX = "[A-Za-z_][A-Za-z0-9_]*(\\[\\d{1,6}])*(\\.[A-Za-z_][A-Za-z0-9_]*(\\[\\d{1,6}])*)*";
    private static final Pattern SYNTAX = Pattern.compile(SYNTAX_REGEX);
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)|\\[(\\d+)]");

    public static final String HINT = "expected a scenario path such as deployments[0].tensorParallel";

    /** Parses a path; null when it is not one. Segments are String keys and Integer indices. */
    public static ScenarioPath parse(String text) {
        if (!SYNTAX.matcher(text).matches()) {
            return null;
        }
        List<Object> segments = new ArrayList<>();
        Matcher m = SEGMENT.matcher(text);
        while (m.find()) {
            segments.add(m.group(1) != null ? m.group(1) : Integer.valueOf(m.group(2)));
        }
        return new ScenarioPath(text, List.copyOf(segments));
    }

    /** True when {@code other} is this path or lies inside it. */
    public boolean covers(String other) {
        return other.equals(text) || other.startsWith(text + ".") || other.startsWith(text + "[");
    }
}
