package org.infersim.reports;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.input.Quantities;

/**
 * What a run simulated, told from the scenario text as the user wrote it: the pools, the
 * deployments and the workloads, each setting as written (units included). It reads the YAML as a
 * tree rather than through the scenario loader, because a results folder outlives the catalogs
 * and trace files the scenario named, and settings that later versions add should still show.
 */
final class ScenarioBrief {
    /** One workload's latency targets in milliseconds; null where it sets none. */
    record Slo(Double ttftMs, Double tpotMs) {}

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> POOL_KEYS = Set.of("name", "gpu", "count", "nodes", "gpusPerNode", "price");
    private static final Set<String> DEPLOYMENT_KEYS = Set.of("name", "model", "pool", "precision", "tensorParallel",
            "replicas");
    private static final Set<String> WORKLOAD_KEYS = Set.of("name", "deployment", "arrival", "promptTokens",
            "outputTokens", "priority", "slo");

    private final JsonNode root;

    private ScenarioBrief(JsonNode root) {
        this.root = root;
    }

    static ScenarioBrief parse(String text, String file) throws InvalidInputException {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidInputException(new Problem(file, at == null ? 0 : at.getLineNr(), "",
                    "not valid YAML: " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(new Problem(file, 1, "", "expected a scenario (a YAML mapping)"));
        }
        return new ScenarioBrief(root);
    }

    /** An empty brief, for a results folder without its scenario. */
    static ScenarioBrief none() {
        return new ScenarioBrief(YAML.createObjectNode());
    }

    String text(String key) {
        JsonNode n = root.get(key);
        return n == null || n.isNull() ? null : describe(n);
    }

    List<JsonNode> pools() {
        return list(root.path("cluster").path("pools"));
    }

    List<JsonNode> deployments() {
        return list(root.path("deployments"));
    }

    List<JsonNode> workloads() {
        return list(root.path("workloads"));
    }

    /** The deployment each workload sends to; the only deployment when the workload names none. */
    String deploymentOf(JsonNode workload) {
        if (workload.hasNonNull("deployment")) {
            return workload.get("deployment").asText();
        }
        List<JsonNode> d = deployments();
        return d.size() == 1 ? d.get(0).path("name").asText("") : "";
    }

    /** Each workload's targets, by workload name; unreadable durations are left out. */
    Map<String, Slo> slos() {
        Map<String, Slo> out = new LinkedHashMap<>();
        for (JsonNode w : workloads()) {
            JsonNode slo = w.path("slo");
            Double ttft = durationMs(slo.get("ttft"));
            Double tpot = durationMs(slo.get("tpot"));
            if (ttft != null || tpot != null) {
                out.put(w.path("name").asText(""), new Slo(ttft, tpot));
            }
        }
        return out;
    }

    /**
     * The pools as written; where the scenario names no price, the price the run used (from the
     * summary, by pool name) is shown as the catalog's.
     */
    /**
     * @param pricesUsed each pool's price as the run used it
     * @param gpusUsed   each pool's GPUs as the run counted them (for a pool given in nodes)
     */
    HtmlTable poolTable(Map<String, Double> pricesUsed, Map<String, Long> gpusUsed) {
        HtmlTable t = new HtmlTable("Pool", "GPU", "GPUs", "GPUs per node", "Price per GPU-hour", "Other settings").wrapping();
        for (JsonNode p : pools()) {
            Double used = pricesUsed.get(field(p, "name"));
            String catalog = used == null ? "catalog price" : Figures.dollars(used) + "/h (catalog price)";
            t.row(List.of(HtmlTable.text(field(p, "name")), HtmlTable.text(field(p, "gpu")),
                    HtmlTable.text(gpus(p, gpusUsed.get(field(p, "name")))), HtmlTable.text(orDefault(p, "gpusPerNode")),
                    HtmlTable.text(orElse(p, "price", catalog)), HtmlTable.text(others(p, POOL_KEYS))));
        }
        return t;
    }

    /** A pool's GPUs: its count, or what its nodes held (a dynamic pool's range of nodes). */
    private String gpus(JsonNode pool, Long counted) {
        if (pool.hasNonNull("count")) {
            return field(pool, "count");
        }
        if ("dynamic".equals(field(pool, "provisioning"))) {
            return "dynamic: " + orElse(pool, "minNodes", "0") + " to " + orElse(pool, "maxNodes", "?") + " nodes";
        }
        if (pool.hasNonNull("nodes")) {
            return (counted == null ? "" : counted + " ") + "(" + field(pool, "nodes") + " nodes)";
        }
        return counted == null ? "" : Long.toString(counted);
    }

    HtmlTable deploymentTable() {
        HtmlTable t = new HtmlTable("Deployment", "Model", "Pool", "Precision", "Tensor parallel", "Replicas",
                "Other settings").wrapping();
        for (JsonNode d : deployments()) {
            t.row(List.of(HtmlTable.text(field(d, "name")), HtmlTable.text(field(d, "model")),
                    HtmlTable.text(orElse(d, "pool", pools().size() == 1 ? field(pools().get(0), "name") : "")),
                    HtmlTable.text(orDefault(d, "precision")), HtmlTable.text(orElse(d, "tensorParallel", "1")),
                    HtmlTable.text(orDefault(d, "replicas")), HtmlTable.text(others(d, DEPLOYMENT_KEYS))));
        }
        return t;
    }

    HtmlTable workloadTable() {
        HtmlTable t = new HtmlTable("Workload", "Deployment", "Arrivals", "Prompt tokens", "Output tokens",
                "Priority", "SLO", "Other settings").wrapping();
        for (JsonNode w : workloads()) {
            t.row(List.of(HtmlTable.text(field(w, "name")), HtmlTable.text(deploymentOf(w)),
                    HtmlTable.text(field(w, "arrival")), HtmlTable.text(orElse(w, "promptTokens", "from the trace")),
                    HtmlTable.text(orElse(w, "outputTokens", "from the trace")),
                    HtmlTable.text(orElse(w, "priority", "0")), HtmlTable.text(sloText(w.get("slo"))),
                    HtmlTable.text(others(w, WORKLOAD_KEYS))));
        }
        return t;
    }

    static String sloText(JsonNode slo) {
        if (slo == null || !slo.isObject() || slo.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        if (slo.hasNonNull("ttft")) {
            parts.add("TTFT ≤ " + slo.get("ttft").asText());
        }
        if (slo.hasNonNull("tpot")) {
            parts.add("TPOT ≤ " + slo.get("tpot").asText());
        }
        Iterator<Map.Entry<String, JsonNode>> it = slo.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("ttft") && !e.getKey().equals("tpot")) {
                parts.add(e.getKey() + " " + describe(e.getValue()));
            }
        }
        return String.join(", ", parts);
    }

    /**
     * A setting as a short phrase: scalars as written; a mapping as its type first, then
     * {@code key value} pairs ({@code lognormal, mean 1000, stddev 600}); a list in brackets.
     */
    static String describe(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "";
        }
        if (n.isValueNode()) {
            return n.asText();
        }
        if (n.isArray()) {
            List<String> items = new ArrayList<>();
            n.forEach(item -> items.add(describe(item)));
            return "[" + String.join("; ", items) + "]";
        }
        List<String> parts = new ArrayList<>();
        if (n.hasNonNull("type")) {
            parts.add(describe(n.get("type")));
        }
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("type")) {
                parts.add(e.getKey() + " " + describe(e.getValue()));
            }
        }
        return String.join(", ", parts);
    }

    private static String field(JsonNode n, String key) {
        return describe(n.get(key));
    }

    private static String orElse(JsonNode n, String key, String otherwise) {
        return n.hasNonNull(key) ? describe(n.get(key)) : otherwise;
    }

    private static String orDefault(JsonNode n, String key) {
        return orElse(n, key, "default");
    }

    private static String others(JsonNode n, Set<String> known) {
        List<String> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!known.contains(e.getKey())) {
                parts.add(e.getKey() + ": " + describe(e.getValue()));
            }
        }
        return String.join("; ", parts);
    }

    private static List<JsonNode> list(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(item -> {
                if (item.isObject()) {
                    out.add(item);
                }
            });
        }
        return out;
    }

    private static Double durationMs(JsonNode n) {
        if (n == null || !n.isValueNode()) {
            return null;
        }
        try {
            return Quantities.parseDurationNs(n.asText()) / 1e6;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
