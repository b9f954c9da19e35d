package org.infersim.study.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.plugin.Policies;
import org.infersim.plugin.PolicyFamily;
import org.infersim.plugin.PolicyProvider;
import org.infersim.scenario.AutoscalerConfig;
import org.infersim.study.BatchPlan;
import org.infersim.study.BatchSlo;
import org.infersim.study.RunSpec;
import org.infersim.study.ScenarioPatch;
import org.infersim.study.ScenarioPath;
import org.infersim.study.Variant;

/**
 * What a policy comparison runs: the base scenario under each policy, at every replication.
 * Replication r of every policy runs on the same seed ({@link BatchPlan#seed}), and each component
 * draws from its own random stream split from that seed, so every policy sees the same arrivals
 * and the same request lengths (common random numbers): differences between policies are then
 * measured on the same traffic, which makes paired differences far tighter than independent runs.
 *
 * @param paths the scenario paths that the policy name is written to (wildcards expanded)
 * @param fixed settings the same for every run (a batch file's {@code set:})
 * @param slo the SLO every workload is judged by, or null to keep each workload's own
 */
public record ComparisonPlan(String name, Path baseFile, String baseText, Map<String, JsonNode> fixed, BatchSlo slo,
                             List<ComparedPolicy> policies, List<String> paths, int replications, long baseSeed) {

    /**
     * Whether some workload of the base sends its next request only when an answer comes back (a
     * closed loop, or multi-turn sessions): its arrivals then depend on the policy, while each
     * user's and each session's draws stay common.
     */
    public boolean arrivalsFollowAnswers() {
        ScenarioPatch patch = ScenarioPatch.of(baseText);
        for (int i = 0; i < patch.count("workloads"); i++) {
            JsonNode type = patch.get("workloads[" + i + "].arrival.type");
            if ((type != null && "closed".equals(type.asText())) || patch.get("workloads[" + i + "].session") != null) {
                return true;
            }
        }
        return false;
    }

    /** Where the policy is set when no path is given: every deployment's autoscaler that the base configures. */
    public static final String DEFAULT_PATH = "deployments[*].autoscaler.policy";
    public static final int MAX_REPLICATIONS = 1000;

    /** Policy names become folder names (runs/kpa-r1), so they keep to a safe alphabet. */
    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** One policy: its name and the scenario values that select it. */
    public record ComparedPolicy(String name, Map<String, JsonNode> values) {
        public ComparedPolicy {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    /** Turns a problem with one of the inputs (policies, path, replications) into a located problem. */
    public interface Blame {
        Problem problem(String input, String message);
    }

    public ComparisonPlan {
        fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        policies = List.copyOf(policies);
        paths = List.copyOf(paths);
    }

    /**
     * A plan that writes each policy's name at the given paths ({@code [*]} stands for every entry
     * of a list where the rest of the path can be set; none given means {@link #DEFAULT_PATH}).
     * Every problem is reported at once, blamed on the input it comes from.
     *
     * @param known the policies of the process, whose settings decide what a replaced autoscaler keeps
     */
    public static ComparisonPlan of(String name, Path baseFile, String baseText, Map<String, JsonNode> fixed,
                                    BatchSlo slo, List<String> policyNames, List<String> pathPatterns,
                                    int replications, long baseSeed, Policies known, Blame blame)
            throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        ScenarioPatch patch = ScenarioPatch.of(baseText);
        List<String> patterns = pathPatterns.isEmpty() ? List.of(DEFAULT_PATH) : pathPatterns;
        List<String> paths = new ArrayList<>();
        for (String pattern : patterns) {
            String why = expand(patch, pattern, paths);
            if (why != null) {
                problems.add(blame.problem("path", why));
            }
        }
        for (String path : paths) {
            if (fixed.keySet().stream().anyMatch(f -> ScenarioPath.parse(f).covers(path) || ScenarioPath.parse(path).covers(f))) {
                problems.add(blame.problem("path", path + " is also fixed by set; the policy path is the one thing that varies"));
            }
        }
        problems.addAll(checkNames(policyNames, blame));
        if (replications < 2 || replications > MAX_REPLICATIONS) {
            problems.add(blame.problem("replications", "expected a whole number from 2 to " + MAX_REPLICATIONS
                    + " (a confidence interval needs at least two replications), got " + replications));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        List<ComparedPolicy> policies = new ArrayList<>();
        for (String policy : policyNames) {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            for (String path : paths) {
                values.put(path, JsonNodeFactory.instance.textNode(policy));
                leaveOutForeignSettings(patch, path, known.find(PolicyFamily.AUTOSCALING, policy).orElse(null), values);
            }
            policies.add(new ComparedPolicy(policy, values));
        }
        return new ComparisonPlan(name, baseFile, baseText, fixed, slo, policies, paths, replications, baseSeed);
    }

    /**
     * An autoscaler's settings belong to its policy (a predictive {@code lead}, a KPA
     * {@code stableWindow}): when another policy replaces it, the settings that policy does not
     * accept are left out for it, so that it runs with its own defaults instead of failing.
     */
    private static void leaveOutForeignSettings(ScenarioPatch patch, String policyPath, PolicyProvider provider,
                                                Map<String, JsonNode> values) {
        if (provider == null || !policyPath.endsWith(".autoscaler.policy")) {
            return;
        }
        String autoscaler = policyPath.substring(0, policyPath.length() - ".policy".length());
        JsonNode mapping = patch.get(autoscaler);
        if (mapping == null || !mapping.isObject()) {
            return;
        }
        List<String> accepted = new ArrayList<>(AutoscalerConfig.KEYS);
        provider.settings().forEach(s -> accepted.add(s.key()));
        mapping.fieldNames().forEachRemaining(key -> {
            if (!accepted.contains(key)) {
                values.put(autoscaler + "." + key, MissingNode.getInstance());
            }
        });
    }

    static List<Problem> checkNames(List<String> names, Blame blame) {
        List<Problem> problems = new ArrayList<>();
        for (String p : names) {
            if (!POLICY_NAME.matcher(p).matches()) {
                problems.add(blame.problem("policies", "'" + p + "' is not a policy name; use letters, digits, "
                        + "'.', '_' and '-' (it also names the runs' folders)"));
            }
        }
        List<String> seen = new ArrayList<>();
        for (String p : names) {
            if (seen.contains(p)) {
                problems.add(blame.problem("policies", "'" + p + "' is listed twice"));
            }
            seen.add(p);
        }
        if (new LinkedHashSet<>(names).size() < 2) {
            problems.add(blame.problem("policies", "expected at least two policies to compare, such as kpa,hpa; got "
                    + (names.isEmpty() ? "none" : String.join(",", names))));
        }
        return problems;
    }

    /**
     * Adds the concrete paths a pattern stands for; returns why it stands for none, or null. A
     * wildcard keeps the entries where the rest of the path can be set, so that the default path
     * picks the deployments that have an autoscaler and leaves the others alone.
     */
    static String expand(ScenarioPatch patch, String pattern, List<String> out) {
        int star = pattern.indexOf("[*]");
        if (star < 0) {
            ScenarioPath path = ScenarioPath.parse(pattern);
            if (path == null) {
                return "'" + pattern + "': " + ScenarioPath.HINT + " (or deployments[*].router for every deployment)";
            }
            String why = patch.whyNotSettable(path);
            if (why != null) {
                return pattern + ": " + why;
            }
            if (!out.contains(pattern)) {
                out.add(pattern);
            }
            return null;
        }
        String list = pattern.substring(0, star);
        String rest = pattern.substring(star + 3);
        if (ScenarioPath.parse(list) == null) {
            return "'" + pattern + "': " + ScenarioPath.HINT;
        }
        int entries = patch.count(list);
        String firstWhy = null;
        int before = out.size();
        for (int i = 0; i < entries; i++) {
            String why = expand(patch, list + "[" + i + "]" + rest, out);
            if (why != null && firstWhy == null) {
                firstWhy = why;
            }
        }
        if (out.size() > before) {
            return null;
        }
        if (pattern.equals(DEFAULT_PATH)) {
            return "no deployment of the scenario has an autoscaler whose policy could be set; give the path that "
                    + "selects the policy with --path (such as deployments[0].router, or deployments[*].router for "
                    + "every deployment)";
        }
        return entries == 0 ? pattern + ": the scenario has no " + list + " to set"
                : pattern + ": no entry of " + list + " has it (" + firstWhy + ")";
    }

    /** One variant per policy, in the order given. */
    public List<Variant> variants() {
        List<Variant> out = new ArrayList<>();
        for (int i = 0; i < policies.size(); i++) {
            out.add(new Variant(i, policies.get(i).values(), Map.of()));
        }
        return out;
    }

    /** Every run, policy by policy, replication by replication: {@code kpa-r1}, {@code kpa-r2}, ... */
    public List<RunSpec> runs() {
        List<RunSpec> runs = new ArrayList<>();
        List<Variant> variants = variants();
        for (int i = 0; i < policies.size(); i++) {
            for (int r = 0; r < replications; r++) {
                runs.add(new RunSpec(runId(policies.get(i).name(), r), variants.get(i), r, BatchPlan.seed(baseSeed, r)));
            }
        }
        return runs;
    }

    static String runId(String policy, int replication) {
        return policy + "-r" + (replication + 1);
    }

    public List<String> policyNames() {
        return policies.stream().map(ComparedPolicy::name).toList();
    }
}
