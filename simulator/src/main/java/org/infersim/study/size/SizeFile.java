package org.infersim.study.size;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.infersim.input.InputFile;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.input.Suggestions;
import org.infersim.input.YamlNode;
import org.infersim.run.ScenarioValidation;
import org.infersim.study.BatchSlo;
import org.infersim.study.StudyFile;
import org.infersim.study.ScenarioPatch;
import org.infersim.study.ScenarioPath;
import org.infersim.study.Variant;
import org.infersim.study.VariantCheck;
import org.infersim.study.VariantScenarios;

/**
 * Reads a size file: which deployment of a base scenario to size, the candidates, and the SLO.
 *
 * <pre>
 * name: rag-70b-size
 * base: rag-70b-h100.yaml
 * deployment: llama70b                 # may be left out when the base has one deployment
 * set: {duration: 10m, workloads[0].arrival.rate: 12/s}
 * candidates:
 *   gpu: [h100-sxm, h200]
 *   precision: [bf16, fp8]
 *   tensorParallel: [2, 4, 8]
 * maxReplicas: 32
 * slo: {ttft: 2s, tpot: 100ms, attainment: 99%}
 * </pre>
 */
public final class SizeFile {
    /** Independent seeds per probe when the file does not say. */
    public static final int DEFAULT_REPLICATIONS = 5;

    public static final List<String> KEYS = List.of("name", "base", "deployment", "set", "candidates", "maxReplicas",
            "replications", "slo");
    public static final List<String> CANDIDATE_KEYS = List.of("gpu", "precision", "tensorParallel");

    private final String file;
    private final StudyFile study;
    private final InputFile in;
    private final Map<String, Integer> lines = new LinkedHashMap<>();

    private SizeFile(StudyFile study) {
        this.study = study;
        this.in = study.in();
        this.file = in.name();
    }

    public static SizeSpec load(Path path) throws InvalidInputException {
        return new SizeFile(StudyFile.read(path, "a YAML size file")).read(path);
    }

    private SizeSpec read(Path path) throws InvalidInputException {
        YamlNode root = study.root();
        if (!(root instanceof YamlNode.Mapping map)) {
            throw new InvalidInputException(new Problem(file, root.line(), "",
                    "expected a size file: a mapping with base, candidates and slo"));
        }
        in.unknownKeys(map, "", KEYS);
        String name = study.name(map, path);
        StudyFile.Base base = study.base(map);
        Variant fixed = map.get("set") == null ? new Variant(0, Map.of(), Map.of()) : study.settings(map.get("set"), "set", 0);

        List<String> gpus = List.of();
        List<String> precisions = List.of();
        List<Integer> tps = List.of();
        YamlNode c = map.get("candidates");
        if (c == null) {
            in.problems().add(new Problem(file, map.line(), "candidates",
                    "missing; expected {gpu: [...], precision: [...], tensorParallel: [...]}"));
        } else if (!(c instanceof YamlNode.Mapping cm)) {
            in.problem(c, "candidates", "expected {gpu: [...], precision: [...], tensorParallel: [...]}, got " + c.describe());
        } else {
            in.unknownKeys(cm, "candidates", CANDIDATE_KEYS);
            gpus = list(cm, "gpu", "GPU ids such as h100-sxm", s -> s.kind() == YamlNode.ScalarKind.STRING ? s.text() : null);
            precisions = list(cm, "precision", "precisions such as bf16 or fp8",
                    s -> s.kind() == YamlNode.ScalarKind.STRING ? s.text() : null);
            tps = list(cm, "tensorParallel", "tensor-parallel degrees such as 1, 2, 4, 8",
                    s -> s.kind() == YamlNode.ScalarKind.INTEGER && s.text().matches("[1-9][0-9]{0,2}")
                            ? Integer.valueOf(s.text()) : null);
        }
        int maxReplicas = 64;
        if (map.get("maxReplicas") != null) {
            Long m = in.wholeNumber(map.get("maxReplicas"), "maxReplicas", 1, 10_000);
            maxReplicas = m == null ? maxReplicas : m.intValue();
        }
        // One seed decides nothing a planner should buy on: five, as `compare` runs by default.
        int replications = DEFAULT_REPLICATIONS;
        if (map.get("replications") != null) {
            Long r = in.wholeNumber(map.get("replications"), "replications", 1, 100);
            replications = r == null ? DEFAULT_REPLICATIONS : r.intValue();
        }
        BatchSlo slo = null;
        if (map.get("slo") == null) {
            in.problems().add(new Problem(file, map.line(), "slo",
                    "missing; sizing needs the SLO to meet, such as {ttft: 2s, tpot: 100ms, attainment: 99%}"));
        } else {
            slo = study.slo(map.get("slo"));
        }

        int deployment = -1;
        int pool = -1;
        String provisioning = "static";
        boolean byCount = true;
        if (base != null) {
            ScenarioPatch patch = ScenarioPatch.of(base.text());
            deployment = deployment(map.get("deployment"), patch, map);
            if (deployment >= 0) {
                pool = pool(patch, deployment, map.get("deployment") == null ? map : map.get("deployment"));
            }
            JsonNode mode = pool < 0 ? null : patch.get("cluster.pools[" + pool + "].provisioning");
            provisioning = mode == null ? "static" : mode.asText();
            byCount = pool < 0 || patch.get("cluster.pools[" + pool + "].nodes") == null;
            for (String s : fixed.values().keySet()) {
                String why = patch.whyNotSettable(ScenarioPath.parse(s));
                if (why != null) {
                    in.problems().add(new Problem(file, fixed.lines().get(s), "set." + s, why));
                }
            }
            if (pool >= 0 && patch.get("cluster.pools[" + pool + "].price") != null && gpus.size() > 1) {
                in.problem(c, "candidates.gpu", "the base fixes cluster.pools[" + pool + "].price for every GPU type;"
                        + " remove it from the base to price each candidate from the catalog");
            }
        }
        if (in.failure() != null) {
            throw in.failure();
        }
        fixed.lines().forEach((p, line) -> lines.put("set." + p, line));
        lines.put("slo", map.lineOf("slo"));
        return new SizeSpec(name, path, base.file(), fixed.values(), deployment, pool, provisioning, byCount, gpus,
                precisions, tps, maxReplicas, replications, slo, lines);
    }

    /**
     * Refuses the sizing when the scenario of any candidate has a problem, each at the size
     * file's line of the value that caused it (see {@link VariantCheck}). A candidate is checked
     * at one replica: the count is the search's to choose.
     */
    public static void check(SizeSpec spec, ScenarioValidation validation) throws InvalidInputException, IOException {
        String baseText = Files.readString(spec.base());
        Map<String, VariantCheck.Written> fixed = new LinkedHashMap<>();
        spec.fixed().keySet().forEach(p -> fixed.put(p, written(spec, "set." + p)));
        for (int i = 0; i < ScenarioPatch.of(baseText).count("workloads"); i++) {
            fixed.put("workloads[" + i + "].slo", written(spec, "slo"));
        }
        String pool = "cluster.pools[" + spec.pool() + "]";
        String dep = "deployments[" + spec.deployment() + "]";
        List<VariantCheck.Located> located = new ArrayList<>();
        for (int g = 0; g < spec.gpus().size(); g++) {
            for (int p = 0; p < spec.precisions().size(); p++) {
                for (int t = 0; t < spec.tensorParallel().size(); t++) {
                    Map<String, VariantCheck.Written> where = new LinkedHashMap<>(fixed);
                    where.put(pool + ".gpu", written(spec, "candidates.gpu[" + g + "]"));
                    where.put(dep + ".precision", written(spec, "candidates.precision[" + p + "]"));
                    VariantCheck.Written tp = written(spec, "candidates.tensorParallel[" + t + "]");
                    for (String path : List.of(dep + ".tensorParallel", pool + ".gpusPerNode", pool + ".count")) {
                        where.put(path, tp);
                    }
                    Variant v = new Variant(located.size(), Sizing.values(spec, spec.gpus().get(g), spec.precisions().get(p),
                            spec.tensorParallel().get(t), 1), Map.of());
                    located.add(new VariantCheck.Located(v, where));
                }
            }
        }
        new VariantCheck(spec.file().toString(), spec.base(), new VariantScenarios(baseText, spec.fixed(), spec.slo()),
                validation).check(located);
    }

    private static VariantCheck.Written written(SizeSpec spec, String at) {
        return new VariantCheck.Written(at, spec.lines().getOrDefault(at, 0));
    }

    private <T> List<T> list(YamlNode.Mapping m, String key, String what, Function<YamlNode.Scalar, T> item) {
        YamlNode node = m.get(key);
        String at = "candidates." + key;
        if (node == null) {
            in.problems().add(new Problem(file, m.line(), at, "missing; expected a list of " + what));
            return List.of();
        }
        if (!(node instanceof YamlNode.Sequence seq) || seq.items().isEmpty()) {
            in.problem(node, at, "expected a non-empty list of " + what + ", got " + node.describe());
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode n = seq.items().get(i);
            T v = n instanceof YamlNode.Scalar s ? item.apply(s) : null;
            if (v == null) {
                in.problem(n, at + "[" + i + "]", "expected one of " + what + ", got " + n.describe());
            } else if (out.contains(v)) {
                in.problem(n, at + "[" + i + "]", "'" + v + "' is listed twice");
            } else {
                lines.put(at + "[" + out.size() + "]", n.line());
                out.add(v);
            }
        }
        return out;
    }

    private int deployment(YamlNode node, ScenarioPatch patch, YamlNode.Mapping map) {
        int count = patch.count("deployments");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode n = patch.get("deployments[" + i + "].name");
            names.add(n == null ? "" : n.asText());
        }
        if (node == null) {
            if (count == 1) {
                return 0;
            }
            in.problems().add(new Problem(file, map.line(), "deployment",
                    "missing; the base scenario has " + count + " deployments: name the one to size (" + String.join(", ", names) + ")"));
            return -1;
        }
        String name = in.text(node, "deployment", "the name of a deployment of the base scenario");
        int index = names.indexOf(name);
        if (name != null && index < 0) {
            in.problem(node, "deployment", "no deployment '" + name + "' in the base scenario"
                    + Suggestions.didYouMean(name, names) + " (it has " + String.join(", ", names) + ")");
        }
        return index;
    }

    /** The deployment's pool, which must serve it alone since the sizing changes its GPUs. */
    private int pool(ScenarioPatch patch, int deployment, YamlNode at) {
        int pools = patch.count("cluster.pools");
        JsonNode named = patch.get("deployments[" + deployment + "].pool");
        int index = -1;
        for (int i = 0; i < pools; i++) {
            JsonNode n = patch.get("cluster.pools[" + i + "].name");
            if (named == null ? pools == 1 : n != null && n.asText().equals(named.asText())) {
                index = i;
            }
        }
        if (index < 0) {
            in.problem(at, "deployment", "cannot tell which pool the deployment runs on; name it with pool: in the base scenario");
            return -1;
        }
        for (int d = 0; d < patch.count("deployments"); d++) {
            JsonNode other = patch.get("deployments[" + d + "].pool");
            boolean same = other == null ? pools == 1 : other.asText().equals(patch.get("cluster.pools[" + index + "].name").asText());
            if (d != deployment && same) {
                in.problem(at, "deployment", "its pool also serves deployments[" + d + "]; sizing needs a pool of its own");
                return -1;
            }
        }
        return index;
    }
}
