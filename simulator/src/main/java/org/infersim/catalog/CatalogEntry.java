package org.infersim.catalog;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.infersim.input.Problem;
import org.infersim.input.Suggestions;
import org.infersim.input.YamlNode;

/**
 * One mapping of a catalog file being bound (a GPU, a model, a MIG profile): reads its fields,
 * remembers which numbers need a source, and at the end reports unknown keys, numbers without a
 * source and sources that name no field. Every problem goes to the file's list, with its line.
 */
final class CatalogEntry {
    final YamlNode.Mapping node;
    final String path;
    private final String file;
    private final List<Problem> problems;
    private final List<String> allowed;
    /** Numbers read in this entry and its children: source key → the line of the number. */
    private final Map<String, Integer> numbers;
    private final Map<String, String> numberPaths;
    /** Field names a source key may name (this entry's and its children's). */
    final Set<String> sourceable;
    boolean ok = true;

    CatalogEntry(String file, List<Problem> problems, YamlNode.Mapping node, String path, List<String> allowed) {
        this(file, problems, node, path, allowed, new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashSet<>());
    }

    private CatalogEntry(String file, List<Problem> problems, YamlNode.Mapping node, String path, List<String> allowed,
            Map<String, Integer> numbers, Map<String, String> numberPaths, Set<String> sourceable) {
        this.file = file;
        this.problems = problems;
        this.node = node;
        this.path = path;
        this.allowed = allowed;
        this.numbers = numbers;
        this.numberPaths = numberPaths;
        this.sourceable = sourceable;
        for (String k : allowed) {
            if (!k.equals("sources")) {
                sourceable.add(k);
            }
        }
    }

    /** A nested mapping whose numbers are sourced in this entry's {@code sources}. */
    CatalogEntry child(YamlNode.Mapping child, String childPath, List<String> childAllowed) {
        return new CatalogEntry(file, problems, child, childPath, childAllowed, numbers, numberPaths, sourceable);
    }

    /** How a node reads in a catalog's messages: "'abc'", "a mapping", "a list", "nothing". */
    static String describe(YamlNode node) {
        if (node instanceof YamlNode.Scalar s) {
            return s.kind() == YamlNode.ScalarKind.NULL ? "nothing" : "'" + s.text() + "'";
        }
        return node instanceof YamlNode.Mapping ? "a mapping" : "a list";
    }

    /** The text of a scalar that is not empty, or null. */
    static String text(YamlNode node) {
        return node instanceof YamlNode.Scalar s && s.kind() != YamlNode.ScalarKind.NULL ? s.text() : null;
    }

    /** ", did you mean 'x'?" for a key one or two edits away from an expected one, else "". */
    static String suggestion(String key, List<String> expected) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : expected) {
            int d = Suggestions.distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int allowed = Math.max(1, Math.min(3, key.length() / 4));
        return best != null && bestDistance <= allowed ? " '" + key + "' (did you mean '" + best + "'?)" : " '" + key + "'";
    }

    String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(int line, String problemPath, String message) {
        problems.add(new Problem(file, line, problemPath, message));
    }

    void problem(String key, String message) {
        problem(node.lineOf(key), at(key), message);
        ok = false;
    }

    /** The value of a key, or null when it is absent or empty (a problem when it is required). */
    YamlNode node(String key, boolean required, String hint) {
        YamlNode v = node.get(key);
        if (v == null || v instanceof YamlNode.Scalar s && s.kind() == YamlNode.ScalarKind.NULL) {
            if (required) {
                problem(node.line(), path, "missing '" + key + "'" + (hint == null ? "" : " (" + hint + ")"));
                ok = false;
            }
            return null;
        }
        return v;
    }

    String id(Map<String, Integer> seen) {
        String id = string("id");
        if (id == null) {
            return null;
        }
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            problem("id", "expected an id of letters, digits, '.', '_' and '-' such as h100-sxm, got '" + id + "'");
            return id;
        }
        Integer first = seen.putIfAbsent(id.toLowerCase(Locale.ROOT), node.lineOf("id"));
        if (first != null) {
            problem("id", "id '" + id + "' appears twice in this file (first at line " + first + ")");
        }
        return id;
    }

    String string(String key) {
        return string(key, true);
    }

    String string(String key, boolean required) {
        YamlNode v = node(key, required, null);
        if (v == null) {
            return null;
        }
        String t = text(v);
        if (t == null || t.isBlank()) {
            problem(key, "expected text, got " + describe(v));
            return null;
        }
        return t.strip();
    }

    /** An optional list of text (names, not numbers: they need no source); empty when absent. */
    List<String> strings(String key, String hint) {
        YamlNode v = node(key, false, null);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof YamlNode.Sequence list)) {
            problem(key, "expected " + hint + ", got " + describe(v));
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        for (YamlNode item : list.items()) {
            String t = text(item);
            if (t == null || t.isBlank()) {
                problem(item.line(), at(key), "expected " + hint + ", got " + describe(item));
                ok = false;
            } else {
                out.add(t.strip());
            }
        }
        return out;
    }

    Boolean bool(String key) {
        YamlNode v = node(key, true, "true or false");
        if (v == null) {
            return null;
        }
        String t = text(v) == null ? "" : text(v).strip().toLowerCase(Locale.ROOT);
        if (!t.equals("true") && !t.equals("false")) {
            problem(key, "expected true or false, got " + describe(v));
            return null;
        }
        needsSource(key, node.lineOf(key), at(key));
        return t.equals("true");
    }

    <T> T number(String key, Function<String, T> parser, String hint) {
        return number(key, parser, hint, true, null);
    }

    <T> T optionalNumber(String key, Function<String, T> parser, String hint, T absent) {
        return number(key, parser, hint, false, absent);
    }

    private <T> T number(String key, Function<String, T> parser, String hint, boolean required, T absent) {
        YamlNode v = node(key, required, hint.replaceFirst("^expected ", ""));
        if (v == null) {
            return absent;
        }
        if (text(v) == null) {
            problem(key, hint + ", got " + describe(v));
            return null;
        }
        needsSource(key, node.lineOf(key), at(key));
        try {
            return parser.apply(text(v));
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return null;
        }
    }

    Integer integer(String key, String hint) {
        return integer(key, hint, true, null);
    }

    Integer optionalInteger(String key, String hint, Integer absent) {
        return integer(key, hint, false, absent);
    }

    private Integer integer(String key, String hint, boolean required, Integer absent) {
        Long n = number(key, t -> CatalogReader.count(t, hint), hint, required, absent == null ? null : (long) absent);
        if (n == null) {
            return null;
        }
        if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
            problem(key, hint + ", got " + n + " (too large)");
            return null;
        }
        return n.intValue();
    }

    void needsSource(String key, int line, String fieldPath) {
        numbers.put(key, line);
        numberPaths.put(key, fieldPath);
    }

    void positive(String key, Number value) {
        if (value != null && value.doubleValue() <= 0) {
            problem(key, "expected a positive value, got " + text(node.get(key)));
        }
    }

    void fraction(String key, Double value) {
        if (value != null && (value <= 0 || value > 1)) {
            problem(key, "expected a fraction of peak in (0, 1], got " + text(node.get(key)));
        }
    }

    void unknownKeys() {
        for (String k : node.entries().keySet()) {
            if (!allowed.contains(k)) {
                problem(node.lineOf(k), at(k), "unknown key" + suggestion(k, allowed) + "; expected one of "
                        + String.join(", ", allowed));
                ok = false;
            }
        }
    }

    /** Unknown keys, then the sources: every number has one, every source names a field. */
    Map<String, String> finish() {
        unknownKeys();
        Map<String, String> sources = new LinkedHashMap<>();
        YamlNode s = node.get("sources");
        String sourcesPath = at("sources");
        if (s == null || s instanceof YamlNode.Scalar n && n.kind() == YamlNode.ScalarKind.NULL) {
            if (!numbers.isEmpty()) {
                problem(node.line(), path, "missing 'sources': every number needs one, saying where it comes from ("
                        + String.join(", ", numbers.keySet()) + ")");
                ok = false;
            }
            return sources;
        }
        if (!(s instanceof YamlNode.Mapping map)) {
            problem(s.line(), sourcesPath, "expected a mapping from field name to where its number comes from, got "
                    + describe(s));
            ok = false;
            return sources;
        }
        for (YamlNode.Entry src : map.entries().values()) {
            String key = src.key();
            YamlNode v = src.value();
            if (!sourceable.contains(key)) {
                problem(map.lineOf(key), sourcesPath + "." + key, "names no field of this entry"
                        + suggestion(key, List.copyOf(sourceable)).replaceFirst("^ '[^']*'", "")
                        + "; a source is keyed by the name of the field it documents");
                ok = false;
            } else if (text(v) == null || text(v).isBlank()) {
                problem(v.line(), sourcesPath + "." + key, "expected text saying where the number comes from, got "
                        + describe(v));
                ok = false;
            } else {
                sources.put(key, text(v).strip());
            }
        }
        for (Map.Entry<String, Integer> n : numbers.entrySet()) {
            if (!sources.containsKey(n.getKey()) && !map.entries().containsKey(n.getKey())) {
                problem(n.getValue(), numberPaths.get(n.getKey()), "no source for this number: add 'sources."
                        + n.getKey() + "' saying where it comes from");
                ok = false;
            }
        }
        return sources;
    }
}
