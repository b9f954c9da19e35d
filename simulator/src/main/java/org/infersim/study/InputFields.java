package org.infersim.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.input.Quantities;
import org.infersim.input.Suggestions;
import org.infersim.input.YamlNode;

/**
 * Reads the typed values of a batch or size file, collecting a problem (file, line, path, what
 * was expected) for each one that is wrong instead of stopping at the first.
 */
public final class InputFields {
    static final List<String> SLO_KEYS = List.of("ttft", "tpot", "attainment");

    final String file;
    public final List<Problem> problems = new ArrayList<>();

    public InputFields(String file) {
        this.file = file;
    }

    /** All problems in line order, as an exception to throw, or null when there are none. */
    public InvalidInputException failure() {
        if (problems.isEmpty()) {
            return null;
        }
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(java.util.Comparator.comparingInt(Problem::line));
        return new InvalidInputException(sorted);
    }

    /** The base scenario a batch or size file names, read. */
    public record Base(Path file, String text) {}

    public static String readText(Path path, String what) throws InvalidInputException {
        String name = path.toString();
        try {
            return Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(new Problem(name, 0, "", "file not found"));
        } catch (MalformedInputException e) {
            throw new InvalidInputException(new Problem(name, 0, "", "not UTF-8 text; expected " + what));
        } catch (IOException e) {
            throw new InvalidInputException(new Problem(name, 0, "", "cannot read: " + e.getMessage()));
        }
    }

    /** The {@code name} key, or the file's name without its extensions. */
    public String name(YamlNode.Mapping map, Path path) {
        String stem = path.getFileName().toString().replaceFirst("(\\.(batch|size))?\\.ya?ml$", "");
        String name = map.get("name") == null ? stem : string(map.get("name"), "name", "a name");
        if (name != null && !name.matches("[A-Za-z0-9._-]+")) {
            problem(map.get("name") == null ? map : map.get("name"), "name",
                    "'" + name + "' is not a valid name; use letters, digits, '.', '_' and '-' only");
        }
        return name;
    }

    /** The {@code base} key: the scenario file, relative to {@code path}, and its text; null if unreadable. */
    public Base base(YamlNode.Mapping map, Path path) {
        YamlNode node = map.get("base");
        if (node == null) {
            problems.add(new Problem(file, map.line(), "base", "missing; expected the base scenario file, relative to this file"));
            return null;
        }
        String b = string(node, "base", "a scenario file name");
        if (b == null) {
            return null;
        }
        Path base = path.toAbsolutePath().getParent().resolve(b).normalize();
        try {
            return new Base(base, Files.readString(base));
        } catch (IOException e) {
            problem(node, "base", "cannot read the base scenario " + base + ": "
                    + (e instanceof NoSuchFileException ? "file not found" : e.getMessage()));
            return null;
        }
    }

    /** Scenario path to value, as in {@code set:} and each of {@code variants:}. */
    public Variant settings(YamlNode node, String at, int index) {
        if (!(node instanceof YamlNode.Mapping m)) {
            problem(node, at, "expected a mapping from scenario path to value, got " + node.describe());
            return new Variant(index, Map.of(), Map.of());
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (var e : m.entries().entrySet()) {
            if (ScenarioPath.parse(e.getKey()) == null || e.getKey().equals("seed")) {
                problems.add(new Problem(file, e.getValue().keyLine(), at,
                        "'" + e.getKey() + "': " + (e.getKey().equals("seed")
                                ? "the seed is not varied here; replications give independent seeds" : ScenarioPath.HINT)));
                continue;
            }
            values.put(e.getKey(), e.getValue().value().toJson());
            lines.put(e.getKey(), e.getValue().value().line());
        }
        return new Variant(index, values, lines);
    }

    public BatchSlo slo(YamlNode node) {
        if (!(node instanceof YamlNode.Mapping m)) {
            problem(node, "slo", "expected a mapping such as {ttft: 2s, tpot: 100ms, attainment: 99%}, got " + node.describe());
            return null;
        }
        unknownKeys(m, "slo", SLO_KEYS);
        Long ttft = m.get("ttft") == null ? null : duration(m.get("ttft"), "slo.ttft");
        Long tpot = m.get("tpot") == null ? null : duration(m.get("tpot"), "slo.tpot");
        if (m.get("ttft") == null && m.get("tpot") == null) {
            problem(m, "slo", "expected at least one of ttft and tpot");
        }
        Double attainment = null;
        YamlNode a = m.get("attainment");
        if (a != null) {
            attainment = fraction(a, "slo.attainment");
        }
        return new BatchSlo(ttft == null ? 0 : ttft, tpot == null ? 0 : tpot, attainment);
    }

    Double fraction(YamlNode node, String path) {
        String text = node instanceof YamlNode.Scalar s ? s.text().trim() : "";
        try {
            double v = text.endsWith("%") ? Double.parseDouble(text.substring(0, text.length() - 1).trim()) / 100
                    : Double.parseDouble(text);
            if (v > 0 && v <= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(node, path, "expected a fraction such as 99% or 0.99 (above 0, at most 1), got " + node.describe());
        return null;
    }

    Long duration(YamlNode node, String path) {
        String text = node instanceof YamlNode.Scalar s ? s.text() : "";
        try {
            long ns = Quantities.parseDurationNs(text);
            if (ns > 0) {
                return ns;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problem(node, path, Quantities.DURATION_HINT + " above 0; got " + node.describe());
        return null;
    }

    public String string(YamlNode node, String path, String what) {
        if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.ScalarKind.STRING && !s.text().isBlank()) {
            return s.text();
        }
        problem(node, path, "expected " + what + ", got " + node.describe());
        return null;
    }

    public Long integer(YamlNode node, String path, long min, long max) {
        if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.ScalarKind.INTEGER) {
            try {
                long v = Long.parseLong(s.text());
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problem(node, path, "expected a whole number from " + min + " to " + max + ", got " + node.describe());
        return null;
    }

    public void unknownKeys(YamlNode.Mapping map, String at, List<String> known) {
        for (var e : map.entries().entrySet()) {
            if (!known.contains(e.getKey())) {
                String hint = Suggestions.didYouMean(e.getKey(), known);
                problems.add(new Problem(file, e.getValue().keyLine(), at.isEmpty() ? e.getKey() : at + "." + e.getKey(),
                        "unknown key '" + e.getKey() + "'"
                                + (hint.isEmpty() ? "; expected one of " + String.join(", ", known) : hint)));
            }
        }
    }

    public void problem(YamlNode node, String path, String message) {
        problems.add(new Problem(file, node.line(), path, message));
    }
}
