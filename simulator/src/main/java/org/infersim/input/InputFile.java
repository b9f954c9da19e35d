package org.infersim.input;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One YAML file being read (a scenario, a batch or a size file): its name, the folder its
 * relative paths are resolved against, where each path of it was written, and the problems found
 * so far. A problem is located by its path (the line comes from the {@link SourceMap}) or by the
 * node it concerns. The mappings of the file are read with {@link Fields}; the single values of
 * batch and size files with the readers at the end of this class, in those files' own words.
 */
public final class InputFile {
    private final SourceMap source;
    private final Path dir;
    private final List<Problem> problems;

    /**
     * @param dir      the folder relative paths in the file are resolved against
     * @param problems where problems go (shared with the reader of the YAML, and with other files)
     */
    public InputFile(String file, Path dir, YamlNode root, List<Problem> problems) {
        this.source = SourceMap.of(file, root);
        this.dir = dir;
        this.problems = problems;
    }

    /** A file's text, or a problem saying why it cannot be read as {@code what} ("a YAML batch file"). */
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

    public String name() {
        return source.file();
    }

    public SourceMap source() {
        return source;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** A problem at the line where the path was written. */
    public void problem(String path, String message) {
        problems.add(source.problem(path, message));
    }

    /** A problem at the line of a node. */
    public void problem(YamlNode node, String path, String message) {
        problems.add(new Problem(name(), node.line(), path, message));
    }

    /** All problems in line order, as an exception to throw, or null when there are none. */
    public InvalidInputException failure() {
        if (problems.isEmpty()) {
            return null;
        }
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(Problem::line));
        return new InvalidInputException(sorted);
    }

    // ---------------------------------------------------------------- mappings

    /**
     * A mapping with the keys it may have, unknown ones reported (with a did-you-mean); null
     * when the node is absent, or (after a problem) not a mapping.
     */
    public Fields fields(YamlNode node, String path, String what, List<String> allowed) {
        if (node == null) {
            return null;
        }
        if (!(node instanceof YamlNode.Mapping map)) {
            problem(path, "expected " + what + " (a mapping with keys " + String.join(", ", allowed) + "), got "
                    + node.describe());
            return null;
        }
        unknownKeys(map, path, allowed, "; expected one of: ");
        return new Fields(this, path, map);
    }

    /**
     * A mapping with a key {@code discriminator} (such as {@code type}) choosing among variants
     * with their own keys; keys of other variants are reported as not applying to this one. Null
     * after a problem.
     */
    public Fields typed(YamlNode node, String path, String what, String kind, String discriminator,
            Map<String, List<String>> variants) {
        if (!(node instanceof YamlNode.Mapping map)) {
            problem(path, "expected " + what + " (a mapping with a " + discriminator + ": "
                    + String.join(" | ", variants.keySet()) + "), got " + node.describe());
            return null;
        }
        Fields f = new Fields(this, path, map);
        if (!f.has(discriminator)) {
            f.missing(discriminator, String.join(" | ", variants.keySet()));
            return null;
        }
        String type = f.choice(discriminator, kind + " " + discriminator, Fields.choices(variants.keySet()));
        if (type == null) {
            return null;
        }
        List<String> allowed = variants.get(type);
        boolean ok = true;
        for (YamlNode.Entry e : map.entries().values()) {
            if (allowed.contains(e.key())) {
                continue;
            }
            ok = false;
            List<String> owners = variants.entrySet().stream().filter(v -> v.getValue().contains(e.key()))
                    .map(Map.Entry::getKey).toList();
            String hint = Suggestions.didYouMean(e.key(), allowed);
            if (!hint.isEmpty() || owners.isEmpty()) {
                problem(Fields.child(path, e.key()), "unknown key '" + e.key() + "'"
                        + (hint.isEmpty() ? "; a " + type + " " + kind + " has keys " + String.join(", ", allowed) : hint));
            } else {
                problem(Fields.child(path, e.key()), "'" + e.key() + "' does not apply to a " + type + " " + kind
                        + " (it belongs to " + String.join(", ", owners) + "); a " + type + " " + kind + " has keys "
                        + String.join(", ", allowed));
            }
        }
        return ok ? f.ofType(type) : null;
    }

    /** Keys a mapping may not have, in the words of batch and size files. */
    public void unknownKeys(YamlNode.Mapping map, String path, List<String> allowed) {
        unknownKeys(map, path, allowed, "; expected one of ");
    }

    private void unknownKeys(YamlNode.Mapping map, String path, List<String> allowed, String listed) {
        for (YamlNode.Entry e : map.entries().values()) {
            if (!allowed.contains(e.key())) {
                String hint = Suggestions.didYouMean(e.key(), allowed);
                problem(Fields.child(path, e.key()), "unknown key '" + e.key() + "'"
                        + (hint.isEmpty() ? listed + String.join(", ", allowed) : hint));
            }
        }
    }

    // ---------------------------------------------------------------- files named in the file

    /** A path written in the file, resolved against its folder; null after a problem. */
    public Path resolve(String name, String path) {
        try {
            return dir.resolve(name).normalize();
        } catch (InvalidPathException e) {
            problem(path, "'" + name + "' is not a valid path: " + e.getReason());
            return null;
        }
    }

    /** A file the file names (a trace, a length file), resolved; null after a problem if it is missing. */
    public Path existingFile(String name, String path, String what) {
        Path p = resolve(name, path);
        if (p == null) {
            return null;
        }
        if (!Files.isRegularFile(p)) {
            problem(path, what + " '" + name + "' not found (looked for " + p + ")");
            return null;
        }
        return p;
    }

    // ---------------------------------------------------------------- single values of batch and size files

    /** Text that is not blank: "expected {what}, got ...". */
    public String text(YamlNode node, String path, String what) {
        if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.ScalarKind.STRING && !s.text().isBlank()) {
            return s.text();
        }
        problem(node, path, "expected " + what + ", got " + node.describe());
        return null;
    }

    /** An integer in [min, max]: "expected a whole number from 1 to 1000, got ...". */
    public Long wholeNumber(YamlNode node, String path, long min, long max) {
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

    /** A duration longer than 0, in nanoseconds. */
    public Long positiveDuration(YamlNode node, String path) {
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

    /** A fraction in (0, 1], written as a percentage ({@code 99%}) or a number ({@code 0.99}). */
    public Double fraction(YamlNode node, String path) {
        String text = node instanceof YamlNode.Scalar s ? s.text() : "";
        try {
            double v = Quantities.parseShare(text);
            if (v > 0 && v <= 1) {
                return v;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problem(node, path, "expected a fraction such as 99% or 0.99 (above 0, at most 1), got " + node.describe());
        return null;
    }
}
