package org.infersim.study.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infersim.input.InputFile;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.input.Suggestions;
import org.infersim.input.YamlNode;
import org.infersim.run.ScenarioValidation;
import org.infersim.study.BatchPlan;
import org.infersim.study.BatchSlo;
import org.infersim.study.BatchSpec;
import org.infersim.study.StudyFile;
import org.infersim.study.Parameter;
import org.infersim.study.ScenarioPatch;
import org.infersim.study.ScenarioPath;
import org.infersim.study.Variant;
import org.infersim.study.VariantCheck;
import org.infersim.study.VariantScenarios;
import org.infersim.study.compare.ComparisonPlan;

/**
 * Reads a batch file: a base scenario and the settings to vary. Every problem is collected with
 * its file, line and path, as for scenarios; paths are checked against the base scenario so that
 * a misspelt or missing path is reported before anything runs.
 *
 * <pre>
 * name: rag-70b-sweep
 * base: rag-70b-h100.yaml          # relative to this file
 * set: {duration: 10m}             # the same for every run
 * replications: 2                  # independent seeds per variant
 * parameters:                      # cartesian product
 *   cluster.pools[0].gpu: [h100-sxm, h200]
 *   deployments[0].tensorParallel, deployments[0].replicas: [[2, 4], [4, 2]]   # varied together
 *   workloads[0].arrival.rate: [2/s, 4/s]
 * variants:                        # or an explicit list (combined with parameters if both)
 *   - {deployments[0].precision: fp8}
 * load: workloads[0].arrival.rate  # the load axis of cost curves (found by itself if omitted)
 * slo: {ttft: 2s, tpot: 100ms, attainment: 99%}
 * </pre>
 *
 * <p>Or, instead of parameters and variants, a comparison of policies (see {@link ComparisonPlan}):
 * <pre>
 * compare:
 *   policies: [kpa, hpa, predictive]
 *   path: deployments[*].autoscaler.policy   # the default; or a list of paths
 * replications: 5                            # the default in a comparison
 * </pre>
 */
public final class BatchFile {
    public static final List<String> KEYS = List.of("name", "base", "set", "replications", "parameters", "variants", "load", "slo",
            "compare");
    public static final List<String> COMPARE_KEYS = List.of("policies", "path");
    static final int COMPARE_REPLICATIONS = 5;
    static final int MAX_RUNS = 100_000;

    private final String file;
    private final StudyFile study;
    private final InputFile in;
    private final List<Problem> problems;

    private BatchFile(StudyFile study) {
        this.study = study;
        this.in = study.in();
        this.file = in.name();
        this.problems = in.problems();
    }

    /** Reads and checks a batch file; all problems at once. */
    public static BatchSpec load(Path path) throws InvalidInputException {
        return new BatchFile(StudyFile.read(path, "a YAML batch file")).read(path);
    }

    private BatchSpec read(Path path) throws InvalidInputException {
        YamlNode root = study.root();
        if (!(root instanceof YamlNode.Mapping map)) {
            throw new InvalidInputException(new Problem(file, root.line(), "",
                    "expected a batch: a mapping with base, parameters or variants, and optionally replications, load and slo"));
        }
        in.unknownKeys(map, "", KEYS);

        String name = study.name(map, path);
        StudyFile.Base baseScenario = study.base(map);
        Path base = baseScenario == null ? null : baseScenario.file();
        String baseText = baseScenario == null ? null : baseScenario.text();

        BatchSpec.CompareSection compare = map.get("compare") == null ? null : compare(map.get("compare"));
        int replications = compare != null ? COMPARE_REPLICATIONS : 1;
        if (map.get("replications") != null) {
            Long r = in.wholeNumber(map.get("replications"), "replications", 1, 1000);
            replications = r == null ? 1 : r.intValue();
            if (compare != null && r != null && r < 2) {
                problem(map.get("replications"), "replications",
                        "a comparison needs at least two replications for a confidence interval, got " + r);
            }
        }

        Variant fixed = map.get("set") == null ? new Variant(0, Map.of(), Map.of()) : study.settings(map.get("set"), "set", 0);
        List<Parameter> parameters = parameters(map.get("parameters"));
        List<Variant> variants = variants(map.get("variants"));
        if (compare != null) {
            for (String key : List.of("parameters", "variants", "load")) {
                if (map.get(key) != null) {
                    problem(map.get(key), key, "a comparison varies only the policy; remove " + key
                            + " (or compare the policies in a batch of its own)");
                }
            }
        } else if (map.get("parameters") == null && map.get("variants") == null) {
            problems.add(new Problem(file, map.line(), "parameters",
                    "missing; a batch needs parameters (values per path, combined) or variants (an explicit list)"));
        }

        String load = null;
        if (map.get("load") != null && compare == null) {
            load = in.text(map.get("load"), "load", "the path of the varied arrival rate");
        } else if (compare == null) {
            for (Parameter p : parameters) {
                for (String s : p.paths()) {
                    if (load == null && (s.endsWith(".arrival.rate") || s.endsWith(".arrival.rateScale"))) {
                        load = s;
                    }
                }
            }
        }
        if (map.get("load") != null && load != null) {
            String written = load;
            List<String> varied = new ArrayList<>();
            parameters.forEach(p -> varied.addAll(p.paths()));
            variants.forEach(v -> varied.addAll(v.values().keySet()));
            if (!varied.contains(written)) {
                problem(map.get("load"), "load", "'" + written + "' is not varied by this batch"
                        + Suggestions.didYouMean(written, varied));
            }
        }

        BatchSlo slo = map.get("slo") == null ? null : study.slo(map.get("slo"));

        if (baseText != null) {
            checkPaths(ScenarioPatch.of(baseText), fixed, parameters, variants, base);
        }
        long runs = compare != null ? (long) replications * compare.policies().size()
                : (long) replications * Math.max(1, variants.size())
                * parameters.stream().mapToLong(p -> p.values().size()).reduce(1, (a, b) -> a * b);
        if (runs > MAX_RUNS) {
            problems.add(new Problem(file, map.line(), "", "the batch expands to " + runs + " runs; at most " + MAX_RUNS));
        }
        if (in.failure() != null) {
            throw in.failure();
        }
        return new BatchSpec(name, path, base, fixed.values(), parameters, variants, replications, load, slo, compare,
                fixed.lines(), map.get("slo") == null ? 0 : map.lineOf("slo"));
    }

    /**
     * Refuses the batch when the scenario of any of its variants has a problem, each at the
     * batch file's line of the value that caused it (see {@link VariantCheck}).
     */
    public static void check(BatchSpec spec, ScenarioValidation validation) throws InvalidInputException, IOException {
        String baseText = Files.readString(spec.base());
        Map<String, VariantCheck.Written> fixed = new LinkedHashMap<>();
        spec.fixedLines().forEach((p, line) -> fixed.put(p, new VariantCheck.Written("set." + p, line)));
        if (spec.slo() != null) {
            for (int i = 0; i < ScenarioPatch.of(baseText).count("workloads"); i++) {
                fixed.put("workloads[" + i + "].slo", new VariantCheck.Written("slo", spec.sloLine()));
            }
        }
        List<VariantCheck.Located> located = new ArrayList<>();
        for (Variant v : BatchPlan.variants(spec)) {
            Map<String, VariantCheck.Written> where = new LinkedHashMap<>(fixed);
            v.values().forEach((p, value) -> where.put(p, written(spec, p, value, v.lines().getOrDefault(p, 0))));
            located.add(new VariantCheck.Located(v, where));
        }
        new VariantCheck(spec.file().toString(), spec.base(), new VariantScenarios(baseText, spec.fixed(), spec.slo()),
                validation).check(located);
    }

    /** Where the batch file wrote a variant's value: the parameter's value, or the explicit variant's. */
    private static VariantCheck.Written written(BatchSpec spec, String path, JsonNode value, int line) {
        for (Parameter p : spec.parameters()) {
            int k = p.paths().indexOf(path);
            for (int i = 0; k >= 0 && i < p.values().size(); i++) {
                if (p.values().get(i).get(k).equals(value)) {
                    String at = "parameters[\"" + String.join(", ", p.paths()) + "\"][" + i + "]";
                    return new VariantCheck.Written(p.paths().size() == 1 ? at : at + "[" + k + "]", p.valueLines().get(i));
                }
            }
        }
        for (Variant e : spec.explicitVariants()) {
            if (value.equals(e.values().get(path)) && Integer.valueOf(line).equals(e.lines().get(path))) {
                return new VariantCheck.Written("variants[" + e.index() + "]." + path, line);
            }
        }
        return new VariantCheck.Written(path, line);
    }

    /**
     * The compare section's policies and paths. Whether the paths lead somewhere in the base and
     * the names are usable is for {@link ComparisonPlan#of} to say, with these lines.
     */
    private BatchSpec.CompareSection compare(YamlNode node) {
        if (!(node instanceof YamlNode.Mapping m)) {
            problem(node, "compare", "expected a mapping such as {policies: [kpa, hpa], path: deployments[0].autoscaler.policy}, got "
                    + node.describe());
            return null;
        }
        in.unknownKeys(m, "compare", COMPARE_KEYS);
        List<String> policies = new ArrayList<>();
        int policiesLine = m.line();
        YamlNode p = m.get("policies");
        if (p == null) {
            problem(m, "compare.policies", "missing; expected the list of policies to compare, such as [kpa, hpa]");
        } else {
            policiesLine = p.line();
            policies = strings(p, "compare.policies", "a policy name");
        }
        List<String> paths = new ArrayList<>();
        int pathsLine = m.line();
        YamlNode path = m.get("path");
        if (path != null) {
            pathsLine = path.line();
            paths = path instanceof YamlNode.Sequence ? strings(path, "compare.path", "a scenario path")
                    : new ArrayList<>(java.util.Collections.singletonList(in.text(path, "compare.path", "a scenario path")));
            paths.removeIf(java.util.Objects::isNull);
        }
        return new BatchSpec.CompareSection(policies, policiesLine, paths, pathsLine);
    }

    private List<String> strings(YamlNode node, String at, String what) {
        List<String> out = new ArrayList<>();
        if (!(node instanceof YamlNode.Sequence seq) || seq.items().isEmpty()) {
            problem(node, at, "expected a non-empty list of " + what + "s, got " + node.describe());
            return out;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            String s = in.text(seq.items().get(i), at + "[" + i + "]", what);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private List<Parameter> parameters(YamlNode node) {
        List<Parameter> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof YamlNode.Mapping map)) {
            problem(node, "parameters", "expected a mapping from scenario path to a list of values, got " + node.describe());
            return out;
        }
        map.entries().forEach((key, entry) -> {
            String at = "parameters[\"" + key + "\"]";
            List<String> paths = new ArrayList<>();
            for (String part : key.split(",")) {
                String p = part.trim();
                if (ScenarioPath.parse(p) == null) {
                    problems.add(new Problem(file, entry.keyLine(), at, "'" + p + "': " + ScenarioPath.HINT));
                    return;
                }
                if (p.equals("seed")) {
                    problems.add(new Problem(file, entry.keyLine(), at,
                            "the seed is not a parameter: use replications for independent seeds"));
                    return;
                }
                paths.add(p);
            }
            if (!(entry.value() instanceof YamlNode.Sequence seq) || seq.items().isEmpty()) {
                problem(entry.value(), at, "expected a non-empty list of values, got " + entry.value().describe());
                return;
            }
            List<List<JsonNode>> values = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            for (int i = 0; i < seq.items().size(); i++) {
                YamlNode item = seq.items().get(i);
                JsonNode value = study.json(item, at + "[" + i + "]");
                if (value == null) {
                    continue;
                }
                if (paths.size() == 1) {
                    values.add(List.of(value));
                } else if (item instanceof YamlNode.Sequence tuple && tuple.items().size() == paths.size()) {
                    values.add(tuple.items().stream().map(YamlNode::toJson).toList());
                } else {
                    problem(item, at + "[" + i + "]", "expected a list of " + paths.size()
                            + " values, one for each of " + String.join(", ", paths) + "; got " + item.describe());
                    continue;
                }
                lines.add(item.line());
            }
            out.add(new Parameter(paths, values, entry.keyLine(), lines));
        });
        return out;
    }

    private List<Variant> variants(YamlNode node) {
        List<Variant> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof YamlNode.Sequence seq) || seq.items().isEmpty()) {
            problem(node, "variants", "expected a non-empty list of mappings from scenario path to value, got " + node.describe());
            return out;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode item = seq.items().get(i);
            out.add(study.settings(item, "variants[" + i + "]", i));
        }
        return out;
    }

    private void checkPaths(ScenarioPatch patch, Variant fixed, List<Parameter> parameters, List<Variant> variants,
                            Path base) {
        for (String s : fixed.values().keySet()) {
            String why = patch.whyNotSettable(ScenarioPath.parse(s));
            if (why != null) {
                problems.add(new Problem(file, fixed.lines().get(s), "set." + s, why + " (" + base.getFileName() + ")"));
            }
        }
        List<String> varied = new ArrayList<>();
        List<String> all = new ArrayList<>(fixed.values().keySet());
        parameters.forEach(p -> all.addAll(p.paths()));
        variants.forEach(v -> all.addAll(v.values().keySet()));
        for (int i = 0; i < patch.count("cluster.pools"); i++) {
            String gpu = "cluster.pools[" + i + "].gpu";
            String price = "cluster.pools[" + i + "].price";
            if (all.contains(gpu) && !all.contains(price) && patch.get(price) != null) {
                problems.add(new Problem(file, lineOf(gpu, fixed, parameters, variants), gpu, "varies, but " + base.getFileName() + " fixes " + price
                        + " at " + Variant.display(patch.get(price)) + " for every GPU type; vary the price with the GPU"
                        + " (list them together) or remove it from the base to use each GPU's catalog price"));
            }
        }
        for (Parameter p : parameters) {
            for (String s : p.paths()) {
                String why = patch.whyNotSettable(ScenarioPath.parse(s));
                if (why != null) {
                    problems.add(new Problem(file, p.line(), s, why + " (" + base.getFileName() + ")"));
                }
                if (varied.stream().anyMatch(v -> ScenarioPath.parse(v).covers(s) || ScenarioPath.parse(s).covers(v))) {
                    problems.add(new Problem(file, p.line(), s, "varied twice (it overlaps another parameter)"));
                }
                if (fixed.values().keySet().stream().anyMatch(v -> ScenarioPath.parse(v).covers(s) || ScenarioPath.parse(s).covers(v))) {
                    problems.add(new Problem(file, p.line(), s, "both set and varied; a path is either fixed by set or varied"));
                }
                varied.add(s);
            }
        }
        for (Variant v : variants) {
            for (String s : v.values().keySet()) {
                String why = patch.whyNotSettable(ScenarioPath.parse(s));
                if (why != null) {
                    problems.add(new Problem(file, v.lines().get(s), "variants[" + v.index() + "]." + s,
                            why + " (" + base.getFileName() + ")"));
                }
                if (varied.stream().anyMatch(p -> ScenarioPath.parse(p).covers(s) || ScenarioPath.parse(s).covers(p))) {
                    problems.add(new Problem(file, v.lines().get(s), "variants[" + v.index() + "]." + s,
                            "also a parameter; a path is varied either by parameters or by variants"));
                }
            }
        }
    }

    private static int lineOf(String path, Variant fixed, List<Parameter> parameters, List<Variant> variants) {
        for (Parameter p : parameters) {
            if (p.paths().contains(path)) {
                return p.line();
            }
        }
        for (Variant v : variants) {
            if (v.lines().containsKey(path)) {
                return v.lines().get(path);
            }
        }
        return fixed.lines().getOrDefault(path, 0);
    }

    private void problem(YamlNode node, String path, String message) {
        in.problem(node, path, message);
    }
}
