package org.infersim.input;

import java.util.LinkedHashMap;
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

    /** Where each path of a document was written: a key at its key's line, a list item at its own. */
    public static SourceMap of(String file, YamlNode root) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        record(root, "", lines);
        return new SourceMap(file, lines);
    }

    private static void record(YamlNode node, String path, Map<String, Integer> lines) {
        lines.putIfAbsent(path, node.line());
        if (node instanceof YamlNode.Mapping m) {
            for (YamlNode.Entry e : m.entries().values()) {
                String p = path.isEmpty() ? e.key() : path + "." + e.key();
                lines.put(p, e.keyLine());
                record(e.value(), p, lines);
            }
        } else if (node instanceof YamlNode.Sequence s) {
            for (int i = 0; i < s.items().size(); i++) {
                record(s.items().get(i), path + "[" + i + "]", lines);
            }
        }
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
