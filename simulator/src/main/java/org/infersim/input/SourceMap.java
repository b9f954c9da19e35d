package org.infersim.input;

import java.util.Map;

/**
 * Where each path of a scenario was written, so that checks made after parsing (a model that
 * does not fit its GPUs) can still point at the line. Paths look like
 * {@code deployments[0].tensorParallel}.
 */
public record SourceMap(String file, Map<String, Integer> lines) {
    public static final SourceMap EMPTY = new SourceMap("<none>", Map.of());

    public SourceMap {
        lines = Map.copyOf(lines);
    }

    /** The line of a path, or of its closest written ancestor; 0 when unknown. */
    public int lineOf(String path) {
        String p = path;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return lines.getOrDefault("", 0);
            }
            p = p.substring(0, cut);
        }
    }

    public Problem problem(String path, String message) {
        return new Problem(file, lineOf(path), path, message);
    }
}
