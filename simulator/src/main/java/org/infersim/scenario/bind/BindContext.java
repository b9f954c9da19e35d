package org.infersim.scenario.bind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.infersim.catalog.Catalog;
import org.infersim.catalog.GpuSpec;
import org.infersim.input.Fields;
import org.infersim.input.InputFile;
import org.infersim.input.Quantities;
import org.infersim.input.Suggestions;
import org.infersim.input.YamlNode;
import org.infersim.scenario.Pool;
import org.infersim.scenario.PriorityClass;

/**
 * What the section binders of one scenario share: the file (its lines and problems), the
 * catalog, the registry of policies, the run's duration, and the pools and deployments bound so far, for the sections that
 * refer to them. Also the readers that more than one section uses (a priority, a start time, a
 * list of pools).
 */
final class BindContext {
    private static final int MAX_KNOWN_LISTED = 30;

    final InputFile in;
    /** Null when the catalog could not be read (its problems are reported); ids are then not checked. */
    final Catalog catalog;
    /** The run's duration once known, to check that things start before the end; null when invalid. */
    final Long durationNs;
    /** Every pool with a name, even an invalid one, for the checks of what runs on it. */
    final Map<String, PoolInfo> pools = new LinkedHashMap<>();
    /** Every deployment with a name, for the checks of the workloads sent to it. */
    final Map<String, DeploymentInfo> deployments = new LinkedHashMap<>();
    /** The policies the scenario may name, family by family. */
    final PolicyBinder policies;

    /**
     * What is known of a pool, even an invalid one, for the checks of the deployments on it.
     *
     * @param maxGpus the most GPUs it can ever have (a dynamic pool's maxNodes; Long.MAX_VALUE for
     *                a serverless pool without a cap); null when unknown
     */
    record PoolInfo(String name, Long maxGpus, Integer gpusPerNode, GpuSpec gpu, Pool pool) {}

    /**
     * What is known of a deployment, for the checks of the workloads sent to it.
     *
     * @param maxLen      its max model length: a prompt must be below it
     * @param maxPrompt   what a prompt must be below to be served at all: the max model length, or
     *                    without chunked prefill the iteration's token budget if that is smaller
     * @param promptLimit what {@code maxPrompt} is, in words ("max model length 4096")
     */
    record DeploymentInfo(String name, int index, int maxLen, int maxPrompt, String promptLimit) {
        DeploymentInfo(String name, int index, int maxLen) {
            this(name, index, maxLen, maxLen, "max model length " + maxLen);
        }
    }

    BindContext(InputFile in, Catalog catalog, Long durationNs, PolicyBinder policies) {
        this.in = in;
        this.policies = policies;
        this.catalog = catalog;
        this.durationNs = durationNs;
    }

    /**
     * Each item of a section's list, as a mapping with the section's keys, bound by {@code bind}
     * (given the item and its index; null after a problem). Null when any item is invalid.
     */
    <T> List<T> bindEach(List<YamlNode> items, String section, String what, List<String> keys,
            BiFunction<Fields, Integer, T> bind) {
        List<T> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            Fields f = in.fields(items.get(i), section + "[" + i + "]", what, keys);
            T t = f == null ? null : bind.apply(f, i);
            if (t == null) {
                ok = false;
            } else {
                out.add(t);
            }
        }
        return ok ? out : null;
    }

    /** "unknown GPU 'h100sxm'; did you mean 'h100-sxm'? Known: ..." */
    String unknownId(String what, String id, List<String> known) {
        return unknownId(what, id, known, known);
    }

    /** Same, suggesting among more names than are listed (a model's Hugging Face ids beside the catalog's ids). */
    String unknownId(String what, String id, List<String> known, List<String> suggested) {
        List<String> sorted = known.stream().sorted().toList();
        String list = sorted.size() > MAX_KNOWN_LISTED
                ? String.join(", ", sorted.subList(0, MAX_KNOWN_LISTED)) + ", ... (" + sorted.size() + " in all)"
                : String.join(", ", sorted);
        String hint = Suggestions.didYouMean(id, suggested);
        return "unknown " + what + " '" + id + "'" + hint + (hint.isEmpty() ? "; known: " : " Known: ") + list;
    }

    /** A priority: a Run:ai class name or an integer (higher wins); the default when absent; null after a problem. */
    Integer priority(Fields f, int defaultPriority) {
        if (!f.has("priority")) {
            return defaultPriority;
        }
        YamlNode.Scalar s = f.scalar("priority", true, "a priority class (" + String.join(", ",
                PriorityClass.names().keySet()) + ") or an integer");
        if (s == null) {
            return null;
        }
        if (s.kind() == YamlNode.ScalarKind.INTEGER) {
            Long v = f.integer("priority", true, Integer.MIN_VALUE, Integer.MAX_VALUE);
            return v == null ? null : v.intValue();
        }
        Integer named = PriorityClass.names().get(s.text());
        if (named == null) {
            String hint = Suggestions.didYouMean(s.text(), PriorityClass.names().keySet());
            f.problem("priority", "unknown priority class '" + s.text() + "'" + hint
                    + (hint.isEmpty() ? "; expected " : " Expected ") + "one of " + PriorityClass.names().entrySet()
                    .stream().map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "))
                    + ", or an integer");
        }
        return named;
    }

    /** An optional start time (default 0), which must fall before the end of the run; null after a problem. */
    Long startTime(Fields f, String key) {
        if (!f.has(key)) {
            return 0L;
        }
        Long at = f.duration(key, true);
        if (at == null) {
            return null;
        }
        if (at < 0) {
            f.problem(key, "expected a time of at least 0");
            return null;
        }
        if (durationNs != null && at >= durationNs) {
            f.problem(key, Quantities.formatDuration(at) + " is not before the end of the run ("
                    + Quantities.formatDuration(durationNs) + ")");
            return null;
        }
        return at;
    }

    /**
     * The pools a deployment or job may run on: {@code pool: name} or {@code pools: [a, b]} (in
     * order of preference), or the only pool when neither is given. Null after a problem.
     */
    List<PoolInfo> poolList(Fields f) {
        if (f.has("pool") && f.has("pools")) {
            f.problem("pools", "give either pool (one) or pools (a list), not both");
            return null;
        }
        if (!f.has("pools")) {
            PoolInfo one = f.reference("pool", "pool", pools, "cluster.pools");
            return one == null ? null : List.of(one);
        }
        List<YamlNode> items = f.list("pools", true, "a list of pool names, in order of preference");
        if (items == null) {
            return null;
        }
        List<PoolInfo> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            String path = f.at("pools") + "[" + i + "]";
            YamlNode item = items.get(i);
            if (!(item instanceof YamlNode.Scalar s) || s.kind() != YamlNode.ScalarKind.STRING) {
                in.problem(path, "expected the name of a pool in cluster.pools, got " + item.describe());
                ok = false;
                continue;
            }
            PoolInfo pool = pools.get(s.text());
            if (pool == null) {
                String hint = Suggestions.didYouMean(s.text(), pools.keySet());
                in.problem(path, "unknown pool '" + s.text() + "'" + hint + (hint.isEmpty() ? "; defined: " : " Defined: ")
                        + String.join(", ", pools.keySet()));
                ok = false;
            } else if (out.contains(pool)) {
                in.problem(path, "pool '" + s.text() + "' is listed twice");
                ok = false;
            } else {
                out.add(pool);
            }
        }
        return ok ? out : null;
    }
}
