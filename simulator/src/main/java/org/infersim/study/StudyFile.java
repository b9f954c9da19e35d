package org.infersim.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infersim.input.InputFile;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.input.YamlNode;
import org.infersim.input.YamlReader;

/**
 * What batch and size files have in common: a name, the base scenario they vary, the settings
 * they fix ({@code set:}) and the SLO they judge runs by. Read into the file's problems (file,
 * line, path, what was expected), all of them at once.
 */
public final class StudyFile {
    static final List<String> SLO_KEYS = List.of("ttft", "tpot", "attainment");

    private final InputFile in;
    private final YamlNode root;

    private StudyFile(InputFile in, YamlNode root) {
        this.in = in;
        this.root = root;
    }

    /** The file read as YAML; its relative paths are resolved against its folder. */
    public static StudyFile read(Path path, String what) throws InvalidInputException {
        String file = path.toString();
        String text = InputFile.readText(path, what);
        List<Problem> problems = new ArrayList<>();
        YamlNode root = YamlReader.read(text, file, problems);
        return new StudyFile(new InputFile(file, path.toAbsolutePath().getParent(), root, problems), root);
    }

    public InputFile in() {
        return in;
    }

    public YamlNode root() {
        return root;
    }

    /** The base scenario a batch or size file names, read. */
    public record Base(Path file, String text) {}

    /** The {@code name} key, or the file's name without its extensions. */
    public String name(YamlNode.Mapping map, Path path) {
        String stem = path.getFileName().toString().replaceFirst("(\\.(batch|size))?\\.ya?ml$", "");
        String name = map.get("name") == null ? stem : in.text(map.get("name"), "name", "a name");
        if (name != null && !name.matches("[A-Za-z0-9._-]+")) {
            in.problem(map.get("name") == null ? map : map.get("name"), "name",
                    "'" + name + "' is not a valid name; use letters, digits, '.', '_' and '-' only");
        }
        return name;
    }

    /** The {@code base} key: the scenario file, relative to this file, and its text; null if unreadable. */
    public Base base(YamlNode.Mapping map) {
        YamlNode node = map.get("base");
        if (node == null) {
            in.problem(map, "base", "missing; expected the base scenario file, relative to this file");
            return null;
        }
        String b = in.text(node, "base", "a scenario file name");
        Path base = b == null ? null : in.resolve(b, "base");
        if (base == null) {
            return null;
        }
        try {
            String text = Files.readString(base);
            // The base must at least be YAML for its paths to be set; what else is wrong with it the
            // scenario check says, at the base's own lines.
            List<Problem> syntax = new ArrayList<>();
            try {
                YamlReader.read(text, base.toString(), syntax);
            } catch (InvalidInputException e) {
                in.problems().addAll(e.problems());
                return null;
            }
            return new Base(base, text);
        } catch (IOException e) {
            in.problem(node, "base", "cannot read the base scenario " + base + ": "
                    + (e instanceof NoSuchFileException ? "file not found" : e.getMessage()));
            return null;
        }
    }

    /** Scenario path to value, as in {@code set:} and each of {@code variants:}. */
    public Variant settings(YamlNode node, String at, int index) {
        if (!(node instanceof YamlNode.Mapping m)) {
            in.problem(node, at, "expected a mapping from scenario path to value, got " + node.describe());
            return new Variant(index, Map.of(), Map.of());
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (var e : m.entries().entrySet()) {
            if (ScenarioPath.parse(e.getKey()) == null || e.getKey().equals("seed")) {
                in.problems().add(new Problem(in.name(), e.getValue().keyLine(), at,
                        "'" + e.getKey() + "': " + (e.getKey().equals("seed")
                                ? "the seed is not varied here; replications give independent seeds" : ScenarioPath.HINT)));
                continue;
            }
            JsonNode value = json(e.getValue().value(), at + "." + e.getKey());
            if (value == null) {
                continue;
            }
            values.put(e.getKey(), value);
            lines.put(e.getKey(), e.getValue().value().line());
        }
        return new Variant(index, values, lines);
    }

    /**
     * A value as JSON, to be patched into the scenario; null after a problem. YAML's {@code .nan}
     * and {@code .inf} are numbers JSON cannot hold, and no setting takes them.
     */
    public JsonNode json(YamlNode node, String at) {
        return finite(node, at) ? node.toJson() : null;
    }

    private boolean finite(YamlNode node, String at) {
        if (node instanceof YamlNode.Mapping m) {
            boolean ok = true;
            for (YamlNode.Entry e : m.entries().values()) {
                ok &= finite(e.value(), at + "." + e.key());
            }
            return ok;
        }
        if (node instanceof YamlNode.Sequence seq) {
            boolean ok = true;
            for (int i = 0; i < seq.items().size(); i++) {
                ok &= finite(seq.items().get(i), at + "[" + i + "]");
            }
            return ok;
        }
        YamlNode.Scalar s = (YamlNode.Scalar) node;
        if (s.kind() != YamlNode.ScalarKind.DECIMAL) {
            return true;
        }
        if (!s.isFinite()) {
            in.problem(node, at, "expected a finite number, got " + s.text());
            return false;
        }
        return true;
    }

    /** {@code slo: {ttft, tpot, attainment}}; null after a problem. */
    public BatchSlo slo(YamlNode node) {
        if (!(node instanceof YamlNode.Mapping m)) {
            in.problem(node, "slo", "expected a mapping such as {ttft: 2s, tpot: 100ms, attainment: 99%}, got "
                    + node.describe());
            return null;
        }
        in.unknownKeys(m, "slo", SLO_KEYS);
        Long ttft = m.get("ttft") == null ? null : in.positiveDuration(m.get("ttft"), "slo.ttft");
        Long tpot = m.get("tpot") == null ? null : in.positiveDuration(m.get("tpot"), "slo.tpot");
        if (m.get("ttft") == null && m.get("tpot") == null) {
            in.problem(m, "slo", "expected at least one of ttft and tpot");
        }
        Double attainment = null;
        YamlNode a = m.get("attainment");
        if (a != null) {
            attainment = in.fraction(a, "slo.attainment");
        }
        return new BatchSlo(ttft == null ? 0 : ttft, tpot == null ? 0 : tpot, attainment);
    }
}
