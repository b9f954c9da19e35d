package org.infersim.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.infersim.catalog.YamlTree.Kind;
import org.infersim.catalog.YamlTree.Node;
import org.infersim.input.Problem;

/**
 * Binds one catalog file (gpus.yaml or models.yaml) to records, collecting every problem with its
 * file, line and path. Every number must carry a source ({@code sources.<field>}).
 */
final class CatalogReader {

    static final List<String> GPU_KEYS = List.of("id", "name", "vendor", "memory", "memoryBandwidth", "bf16", "fp8",
            "tdp", "interconnect", "interconnectBandwidth", "pcieBandwidth", "efficiency", "price", "priceDate", "mig",
            "batchDefaults", "sources", "notes");
    static final List<String> EFFICIENCY_KEYS = List.of("mfu", "mbu", "iterationOverhead", "allReduceLatency",
            "reserved");
    static final List<String> BATCH_DEFAULTS_KEYS = List.of("maxNumSeqs", "maxNumBatchedTokens");
    static final List<String> MIG_KEYS = List.of("name", "compute", "memorySlices", "memory", "maxInstances");
    static final List<String> MODEL_KEYS = List.of("id", "name", "layers", "hiddenSize", "attentionHeads", "kvHeads",
            "headDim", "intermediateSize", "vocabSize", "experts", "activeExperts", "publishedParams", "maxContext",
            "tiedEmbeddings", "sources", "notes");

    private final String file;
    private final List<Problem> problems;

    CatalogReader(String file, List<Problem> problems) {
        this.file = file;
        this.problems = problems;
    }

    // ------------------------------------------------------------------ GPUs

    List<GpuSpec> gpus(Node root) {
        List<GpuSpec> out = new ArrayList<>();
        Node list = topList(root, "gpus", "a list of GPU types");
        if (list == null) {
            return out;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.list.size(); i++) {
            GpuSpec g = gpu(list.list.get(i), "gpus[" + i + "]", seen);
            if (g != null) {
                out.add(g);
            }
        }
        return out;
    }

    private GpuSpec gpu(Node node, String path, Map<String, Integer> seen) {
        if (node.kind != Kind.MAP) {
            problem(node.line, path, "expected a GPU entry (a mapping with id, name, memory, ...), got " + node.describe());
            return null;
        }
        Entry e = new Entry(node, path, GPU_KEYS);
        e.sourceable.addAll(EFFICIENCY_KEYS); // the efficiency factors are sourced in the GPU's sources
        String id = e.id(seen);
        String name = e.string("name");
        String vendor = e.string("vendor");
        Long memory = e.number("memory", CatalogUnits::bytes, CatalogUnits.BYTES_HINT);
        Double bandwidth = e.number("memoryBandwidth", CatalogUnits::bandwidth, CatalogUnits.BANDWIDTH_HINT);
        Double bf16 = e.number("bf16", CatalogUnits::flops, CatalogUnits.FLOPS_HINT);
        Double fp8 = e.optionalNumber("fp8", CatalogUnits::flops, CatalogUnits.FLOPS_HINT, 0.0);
        Double tdp = e.number("tdp", CatalogUnits::watts, CatalogUnits.WATTS_HINT);
        String interconnect = e.string("interconnect");
        Double link = e.number("interconnectBandwidth", CatalogUnits::bandwidth, CatalogUnits.BANDWIDTH_HINT);
        Double pcie = e.number("pcieBandwidth", CatalogUnits::bandwidth, CatalogUnits.BANDWIDTH_HINT);
        Efficiency efficiency = efficiency(e);
        Double price = e.number("price", CatalogUnits::pricePerHour, CatalogUnits.PRICE_HINT);
        String priceDate = e.string("priceDate");
        List<MigProfile> mig = mig(e, memory);
        GpuSpec.BatchDefaults batch = batchDefaults(e);
        e.string("notes", false);

        e.positive("memory", memory);
        e.positive("memoryBandwidth", bandwidth);
        e.positive("bf16", bf16);
        e.positive("tdp", tdp);
        e.positive("interconnectBandwidth", link);
        e.positive("pcieBandwidth", pcie);
        if (bf16 != null && fp8 != null && fp8 > 0 && fp8 < bf16) {
            e.problem("fp8", "the FP8 rate (" + fp8 / 1e12 + " TFLOPS) is below the BF16 rate; expected a dense"
                    + " FP8 rate at least the BF16 one, or 0 when the GPU has no FP8 tensor cores");
        }
        Map<String, String> sources = e.finish();
        if (!e.ok || efficiency == null || mig == null) {
            return null;
        }
        return new GpuSpec(id, name, vendor, memory, bandwidth, bf16, fp8, tdp, interconnect, link, pcie, efficiency,
                price, priceDate, mig, sources, batch != null ? batch : GpuSpec.BatchDefaults.ofDevice(memory, name));
    }

    /** The engine's batch limits on this GPU, with one source for both; null when the entry leaves them to vLLM's rule. */
    private GpuSpec.BatchDefaults batchDefaults(Entry gpu) {
        Node node = gpu.node("batchDefaults", false, null);
        if (node == null) {
            return null;
        }
        String path = gpu.path + ".batchDefaults";
        if (node.kind != Kind.MAP) {
            problem(node.line, path, "expected a mapping such as {maxNumSeqs: 1024, maxNumBatchedTokens: 8192}, got "
                    + node.describe());
            gpu.ok = false;
            return null;
        }
        gpu.needsSource("batchDefaults", gpu.node.lineOf("batchDefaults"), path);
        Entry e = new Entry(node, path, BATCH_DEFAULTS_KEYS);
        Integer seqs = e.integer("maxNumSeqs", "expected the sequences in one iteration (vLLM max_num_seqs)");
        Integer tokens = e.integer("maxNumBatchedTokens", "expected the tokens in one iteration (vLLM max_num_batched_tokens)");
        e.positive("maxNumSeqs", seqs);
        e.positive("maxNumBatchedTokens", tokens);
        e.unknownKeys();
        if (!e.ok) {
            gpu.ok = false;
            return null;
        }
        return new GpuSpec.BatchDefaults(seqs, tokens);
    }

    private Efficiency efficiency(Entry gpu) {
        Node node = gpu.node("efficiency", true, "a mapping with mfu, mbu, iterationOverhead, allReduceLatency, reserved");
        if (node == null) {
            return null;
        }
        String path = gpu.path + ".efficiency";
        if (node.kind != Kind.MAP) {
            problem(node.line, path, "expected a mapping with " + String.join(", ", EFFICIENCY_KEYS) + ", got "
                    + node.describe());
            gpu.ok = false;
            return null;
        }
        Entry e = gpu.child(node, path, EFFICIENCY_KEYS);
        Double mfu = e.number("mfu", CatalogUnits::factor, CatalogUnits.FACTOR_HINT);
        Double mbu = e.number("mbu", CatalogUnits::factor, CatalogUnits.FACTOR_HINT);
        Long overhead = e.number("iterationOverhead", CatalogUnits::durationNs, CatalogUnits.DURATION_HINT);
        Long allReduce = e.number("allReduceLatency", CatalogUnits::durationNs, CatalogUnits.DURATION_HINT);
        Long reserved = e.number("reserved", CatalogUnits::bytes, CatalogUnits.BYTES_HINT);
        e.fraction("mfu", mfu);
        e.fraction("mbu", mbu);
        e.unknownKeys();
        if (!e.ok) {
            gpu.ok = false;
            return null;
        }
        return new Efficiency(mfu, mbu, overhead, allReduce, reserved);
    }

    private List<MigProfile> mig(Entry gpu, Long gpuMemory) {
        Node node = gpu.node("mig", false, null);
        List<MigProfile> out = new ArrayList<>();
        if (node == null || node.kind == Kind.NULL) {
            return out;
        }
        String path = gpu.path + ".mig";
        if (node.kind != Kind.LIST) {
            problem(node.line, path, "expected a list of MIG profiles such as {name: 1g.10gb, compute: 1,"
                    + " memorySlices: 1, memory: 10GB, maxInstances: 7}, got " + node.describe());
            gpu.ok = false;
            return null;
        }
        if (!node.list.isEmpty()) {
            gpu.needsSource("mig", gpu.node.lineOf("mig"), path);
        }
        boolean ok = true;
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < node.list.size(); i++) {
            Node item = node.list.get(i);
            String itemPath = path + "[" + i + "]";
            if (item.kind != Kind.MAP) {
                problem(item.line, itemPath, "expected a MIG profile such as {name: 1g.10gb, compute: 1,"
                        + " memorySlices: 1, memory: 10GB, maxInstances: 7}, got " + item.describe());
                ok = false;
                continue;
            }
            // MIG numbers share one source, sources.mig, so the profile's own numbers need none.
            Entry e = new Entry(item, itemPath, MIG_KEYS);
            String name = e.string("name");
            Long compute = e.number("compute", t -> CatalogUnits.count(t, "expected a number of compute slices (of 7)"),
                    "expected a number of compute slices (of 7)");
            Long slices = e.number("memorySlices", t -> CatalogUnits.count(t, "expected a number of memory slices (of 8)"),
                    "expected a number of memory slices (of 8)");
            Long memory = e.number("memory", CatalogUnits::bytes, CatalogUnits.BYTES_HINT);
            Long max = e.number("maxInstances", t -> CatalogUnits.count(t, "expected how many instances fit on one GPU"),
                    "expected how many instances fit on one GPU");
            e.positive("compute", compute);
            e.positive("memorySlices", slices);
            e.positive("memory", memory);
            e.positive("maxInstances", max);
            if (memory != null && gpuMemory != null && memory > gpuMemory) {
                e.problem("memory", "a MIG profile cannot have more memory than its GPU (" + gpuMemory / 1e9 + " GB)");
            }
            if (name != null && !names.add(name.toLowerCase(Locale.ROOT))) {
                e.problem("name", "MIG profile '" + name + "' appears twice");
            }
            e.unknownKeys();
            if (!e.ok) {
                ok = false;
                continue;
            }
            out.add(new MigProfile(name, Math.toIntExact(compute), Math.toIntExact(slices), memory,
                    Math.toIntExact(max)));
        }
        if (!ok) {
            gpu.ok = false;
            return null;
        }
        return out;
    }

    // ------------------------------------------------------------------ models

    List<ModelSpec> models(Node root) {
        List<ModelSpec> out = new ArrayList<>();
        Node list = topList(root, "models", "a list of models");
        if (list == null) {
            return out;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.list.size(); i++) {
            ModelSpec m = model(list.list.get(i), "models[" + i + "]", seen);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    private ModelSpec model(Node node, String path, Map<String, Integer> seen) {
        if (node.kind != Kind.MAP) {
            problem(node.line, path, "expected a model entry (a mapping with id, name, layers, ...), got "
                    + node.describe());
            return null;
        }
        Entry e = new Entry(node, path, MODEL_KEYS);
        String id = e.id(seen);
        String name = e.string("name");
        Integer layers = e.integer("layers", "expected the number of transformer layers (num_hidden_layers)");
        Integer hidden = e.integer("hiddenSize", "expected the hidden size (hidden_size)");
        Integer heads = e.integer("attentionHeads", "expected the number of attention heads (num_attention_heads)");
        Integer kvHeads = e.integer("kvHeads", "expected the number of key/value heads (num_key_value_heads)");
        Integer headDim = e.integer("headDim", "expected the head dimension (head_dim, or hidden_size / heads)");
        Integer intermediate = e.integer("intermediateSize", "expected the MLP size of one expert (intermediate_size)");
        Integer vocab = e.integer("vocabSize", "expected the vocabulary size (vocab_size)");
        Integer experts = e.optionalInteger("experts", "expected the number of experts (1 for a dense model)", 1);
        Integer active = e.optionalInteger("activeExperts", "expected the experts each token is routed to", 1);
        Long params = e.number("publishedParams",
                t -> CatalogUnits.count(t, "expected a parameter count such as 8.03e9 or 8030000000"),
                "expected a parameter count such as 8.03e9 or 8030000000");
        Integer context = e.integer("maxContext", "expected the context length in tokens (max_position_embeddings)");
        Boolean tied = e.bool("tiedEmbeddings");
        e.string("notes", false);

        e.positive("layers", layers);
        e.positive("hiddenSize", hidden);
        e.positive("attentionHeads", heads);
        e.positive("kvHeads", kvHeads);
        e.positive("headDim", headDim);
        e.positive("intermediateSize", intermediate);
        e.positive("vocabSize", vocab);
        e.positive("experts", experts);
        e.positive("activeExperts", active);
        e.positive("publishedParams", params);
        e.positive("maxContext", context);
        if (heads != null && kvHeads != null && kvHeads > 0 && heads > 0 && heads % kvHeads != 0) {
            e.problem("kvHeads", kvHeads + " key/value heads do not divide the " + heads + " attention heads");
        }
        if (experts != null && active != null && active > experts) {
            e.problem("activeExperts", "more active experts (" + active + ") than experts (" + experts + ")");
        }
        Map<String, String> sources = e.finish();
        if (!e.ok) {
            return null;
        }
        return new ModelSpec(id, name, layers, hidden, heads, kvHeads, headDim, intermediate, vocab, experts, active,
                params, context, tied, sources);
    }

    // ------------------------------------------------------------------ shared

    private Node topList(Node root, String key, String what) {
        if (root == null) {
            return null; // a syntax problem was already reported
        }
        if (root.kind == Kind.NULL) {
            problem(root.line, "", "the file is empty; expected '" + key + ":' followed by " + what);
            return null;
        }
        if (root.kind != Kind.MAP) {
            problem(root.line, "", "expected a mapping with the single key '" + key + "', got " + root.describe());
            return null;
        }
        for (String k : root.map.keySet()) {
            if (!k.equals(key)) {
                problem(root.lineOf(k), k, "unknown key" + suggestion(k, List.of(key)) + "; this file holds only '"
                        + key + ":'");
            }
        }
        Node list = root.map.get(key);
        if (list == null) {
            problem(root.line, "", "missing '" + key + ":' (" + what + ")");
            return null;
        }
        if (list.kind == Kind.NULL) {
            return null;
        }
        if (list.kind != Kind.LIST) {
            problem(list.line, key, "expected " + what + ", got " + list.describe());
            return null;
        }
        return list;
    }

    private void problem(int line, String path, String message) {
        problems.add(new Problem(file, line, path, message));
    }

    /** ", did you mean 'x'?" for a key one or two edits away from an expected one, else "". */
    static String suggestion(String key, List<String> expected) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : expected) {
            int d = distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int allowed = Math.max(1, Math.min(3, key.length() / 4));
        return best != null && bestDistance <= allowed ? " '" + key + "' (did you mean '" + best + "'?)" : " '" + key + "'";
    }

    /** Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * One mapping being bound: reads its fields, remembers which numbers need a source, and at the
     * end reports unknown keys, numbers without a source and sources that name no field.
     */
    private final class Entry {
        final Node node;
        final String path;
        final List<String> allowed;
        /** Numbers read in this entry and its children: source key → where the number is. */
        final Map<String, int[]> numbers;
        final Map<String, String> numberPaths;
        /** Field names a source key may name (this entry's and its children's). */
        final Set<String> sourceable;
        boolean ok = true;

        Entry(Node node, String path, List<String> allowed) {
            this(node, path, allowed, new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashSet<>());
        }

        private Entry(Node node, String path, List<String> allowed, Map<String, int[]> numbers,
                Map<String, String> numberPaths, Set<String> sourceable) {
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
        Entry child(Node child, String childPath, List<String> childAllowed) {
            return new Entry(child, childPath, childAllowed, numbers, numberPaths, sourceable);
        }

        String at(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        void problem(String key, String message) {
            CatalogReader.this.problem(node.lineOf(key), at(key), message);
            ok = false;
        }

        Node node(String key, boolean required, String hint) {
            Node v = node.map.get(key);
            if (v == null || v.kind == Kind.NULL) {
                if (required) {
                    CatalogReader.this.problem(node.line, path, "missing '" + key + "'" + (hint == null ? "" : " (" + hint + ")"));
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
            Node v = node(key, required, null);
            if (v == null) {
                return null;
            }
            if (v.kind != Kind.SCALAR || v.text.isBlank()) {
                problem(key, "expected text, got " + v.describe());
                return null;
            }
            return v.text.strip();
        }

        Boolean bool(String key) {
            Node v = node(key, true, "true or false");
            if (v == null) {
                return null;
            }
            String t = v.kind == Kind.SCALAR ? v.text.strip().toLowerCase(Locale.ROOT) : "";
            if (!t.equals("true") && !t.equals("false")) {
                problem(key, "expected true or false, got " + v.describe());
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
            Node v = node(key, required, hint.replaceFirst("^expected ", ""));
            if (v == null) {
                return absent;
            }
            if (v.kind != Kind.SCALAR) {
                problem(key, hint + ", got " + v.describe());
                return null;
            }
            needsSource(key, node.lineOf(key), at(key));
            try {
                return parser.apply(v.text);
            } catch (IllegalArgumentException e) {
                problem(key, e.getMessage());
                return null;
            }
        }

        Integer integer(String key, String hint) {
            return optionalInteger(key, hint, true, null);
        }

        Integer optionalInteger(String key, String hint, Integer absent) {
            return optionalInteger(key, hint, false, absent);
        }

        private Integer optionalInteger(String key, String hint, boolean required, Integer absent) {
            Long n = number(key, t -> CatalogUnits.count(t, hint), hint, required, absent == null ? null : (long) absent);
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
            numbers.put(key, new int[] {line});
            numberPaths.put(key, fieldPath);
        }

        void positive(String key, Number value) {
            if (value != null && value.doubleValue() <= 0) {
                problem(key, "expected a positive value, got " + node.map.get(key).text);
            }
        }

        void fraction(String key, Double value) {
            if (value != null && (value <= 0 || value > 1)) {
                problem(key, "expected a fraction of peak in (0, 1], got " + node.map.get(key).text);
            }
        }

        void unknownKeys() {
            for (String k : node.map.keySet()) {
                if (!allowed.contains(k)) {
                    CatalogReader.this.problem(node.lineOf(k), at(k), "unknown key" + suggestion(k, allowed)
                            + "; expected one of " + String.join(", ", allowed));
                    ok = false;
                }
            }
        }

        /** Unknown keys, then the sources: every number has one, every source names a field. */
        Map<String, String> finish() {
            unknownKeys();
            Map<String, String> sources = new LinkedHashMap<>();
            Node s = node.map.get("sources");
            String sourcesPath = at("sources");
            if (s == null || s.kind == Kind.NULL) {
                if (!numbers.isEmpty()) {
                    CatalogReader.this.problem(node.line, path, "missing 'sources': every number needs one, saying"
                            + " where it comes from (" + String.join(", ", numbers.keySet()) + ")");
                    ok = false;
                }
                return sources;
            }
            if (s.kind != Kind.MAP) {
                CatalogReader.this.problem(s.line, sourcesPath, "expected a mapping from field name to where its"
                        + " number comes from, got " + s.describe());
                ok = false;
                return sources;
            }
            for (Map.Entry<String, Node> src : s.map.entrySet()) {
                String key = src.getKey();
                Node v = src.getValue();
                if (!sourceable.contains(key)) {
                    CatalogReader.this.problem(s.lineOf(key), sourcesPath + "." + key, "names no field of this entry"
                            + suggestion(key, List.copyOf(sourceable)).replaceFirst("^ '[^']*'", "")
                            + "; a source is keyed by the name of the field it documents");
                    ok = false;
                } else if (v.kind != Kind.SCALAR || v.text.isBlank()) {
                    CatalogReader.this.problem(v.line, sourcesPath + "." + key, "expected text saying where the number"
                            + " comes from, got " + v.describe());
                    ok = false;
                } else {
                    sources.put(key, v.text.strip());
                }
            }
            for (Map.Entry<String, int[]> n : numbers.entrySet()) {
                if (!sources.containsKey(n.getKey()) && !s.map.containsKey(n.getKey())) {
                    CatalogReader.this.problem(n.getValue()[0], numberPaths.get(n.getKey()), "no source for this number:"
                            + " add 'sources." + n.getKey() + "' saying where it comes from");
                    ok = false;
                }
            }
            return sources;
        }
    }
}
