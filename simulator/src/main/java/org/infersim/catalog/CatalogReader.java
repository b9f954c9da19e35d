package org.infersim.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.infersim.input.Quantities;
import org.infersim.input.Problem;
import org.infersim.input.YamlNode;

/**
 * Binds one catalog file (gpus.yaml or models.yaml) to records, collecting every problem with its
 * file, line and path. Every number must carry a source ({@code sources.<field>}).
 */
final class CatalogReader {
    static final String BYTES_HINT = "expected a size such as 80GB, 141GB or 2GiB";
    static final String BANDWIDTH_HINT = "expected a bandwidth such as 3.35TB/s or 900GB/s";
    static final String DURATION_HINT = "expected a duration such as 1.5ms, 10us or 250ns";
    static final String TOKENS_HINT = "expected a whole number of tokens such as 40";
    static final String PRICE_HINT = "expected a price per GPU-hour such as $6.88/h";

    static final List<String> GPU_KEYS = List.of("id", "name", "vendor", "memory", "memoryBandwidth", "bf16", "fp8",
            "tdp", "idlePower", "memoryBoundPower", "nodePower", "nodeGpus", "nodeCapex", "networkCapex", "nodeRackUnits", "interconnect", "interconnectBandwidth",
            "pcieBandwidth", "efficiency", "price", "priceDate", "mig", "batchDefaults", "sources", "notes");
    static final List<String> EFFICIENCY_KEYS = List.of("mfu", "mfuFp8", "mfuHalfTokens", "mbu", "overlap",
            "layerOverhead", "iterationOverhead", "sequenceOverhead", "requestOverhead", "allReduceLatency",
            "linkEfficiency", "reserved");
    static final List<String> BATCH_DEFAULTS_KEYS = List.of("maxNumSeqs", "maxNumBatchedTokens");
    static final List<String> MIG_KEYS = List.of("name", "compute", "memorySlices", "memory", "maxInstances");
    static final List<String> MODEL_KEYS = List.of("id", "name", "layers", "hiddenSize", "attentionHeads", "kvHeads",
            "headDim", "intermediateSize", "vocabSize", "experts", "activeExperts", "publishedParams", "maxContext",
            "tiedEmbeddings", "huggingFace", "sources", "notes");

    private final String file;
    private final List<Problem> problems;

    CatalogReader(String file, List<Problem> problems) {
        this.file = file;
        this.problems = problems;
    }

    // ------------------------------------------------------------------ GPUs

    List<GpuSpec> gpus(YamlNode root) {
        List<GpuSpec> out = new ArrayList<>();
        List<YamlNode> list = topList(root, "gpus", "a list of GPU types");
        if (list == null) {
            return out;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            GpuSpec g = gpu(list.get(i), "gpus[" + i + "]", seen);
            if (g != null) {
                out.add(g);
            }
        }
        return out;
    }

    private GpuSpec gpu(YamlNode node, String path, Map<String, Integer> seen) {
        if (!(node instanceof YamlNode.Mapping map)) {
            problem(node.line(), path, "expected a GPU entry (a mapping with id, name, memory, ...), got "
                    + CatalogEntry.describe(node));
            return null;
        }
        CatalogEntry e = new CatalogEntry(file, problems, map, path, GPU_KEYS);
        e.sourceable.addAll(EFFICIENCY_KEYS); // the efficiency factors are sourced in the GPU's sources
        String id = e.id(seen);
        String name = e.string("name");
        String vendor = e.string("vendor");
        Long memory = e.number("memory", CatalogReader::bytes, BYTES_HINT);
        Double bandwidth = e.number("memoryBandwidth", CatalogReader::bandwidth, BANDWIDTH_HINT);
        Double bf16 = e.number("bf16", CatalogReader::flops, Quantities.FLOPS_HINT);
        Double fp8 = e.optionalNumber("fp8", CatalogReader::flops, Quantities.FLOPS_HINT, 0.0);
        Double tdp = e.number("tdp", CatalogReader::watts, Quantities.WATTS_HINT);
        GpuPower power = power(e, tdp);
        ServerCost server = server(e);
        String interconnect = e.string("interconnect");
        Double link = e.number("interconnectBandwidth", CatalogReader::bandwidth, BANDWIDTH_HINT);
        Double pcie = e.number("pcieBandwidth", CatalogReader::bandwidth, BANDWIDTH_HINT);
        Efficiency efficiency = efficiency(e);
        Double price = e.number("price", CatalogReader::pricePerHour, PRICE_HINT);
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
        if (!e.ok || efficiency == null || mig == null || power == null || server == null) {
            return null;
        }
        return new GpuSpec(id, name, vendor, memory, bandwidth, bf16, fp8, tdp, interconnect, link, pcie, efficiency,
                price, priceDate, mig, sources, batch != null ? batch : GpuSpec.BatchDefaults.ofDevice(memory, name),
                power, server);
    }

    /** The typical server's capex and height; each optional (an on-prem pool must then give its own). */
    private static ServerCost server(CatalogEntry e) {
        Double node = e.optionalNumber("nodeCapex", Quantities::parseDollars, Quantities.DOLLARS_HINT, 0.0);
        Double network = e.optionalNumber("networkCapex", Quantities::parseDollars, Quantities.DOLLARS_HINT, 0.0);
        Integer units = e.optionalInteger("nodeRackUnits", "expected the server's height in rack units, such as 8", 0);
        if (node == null || network == null || units == null) {
            return null;
        }
        if (units < 0 || units > 100) {
            e.problem("nodeRackUnits", "expected a height between 1 and 100 rack units, got " + units);
            return null;
        }
        return new ServerCost(node, network, units);
    }

    /**
     * The GPU's power figures; each is optional and, absent, takes {@link GpuPower#defaultsFor}'s
     * value. Idle must be below the memory-bound draw, and that at most the board limit.
     */
    private static GpuPower power(CatalogEntry e, Double tdp) {
        Double idle = e.optionalNumber("idlePower", CatalogReader::watts, Quantities.WATTS_HINT, null);
        Double memoryBound = e.optionalNumber("memoryBoundPower", CatalogReader::watts, Quantities.WATTS_HINT, null);
        Double node = e.optionalNumber("nodePower", CatalogReader::watts, Quantities.WATTS_HINT, 0.0);
        Integer nodeGpus = e.optionalInteger("nodeGpus", "expected the GPUs of the node nodePower is for, such as 8", 8);
        e.positive("idlePower", idle);
        e.positive("nodeGpus", nodeGpus);
        if (tdp == null || tdp <= 0 || node == null || nodeGpus == null || nodeGpus <= 0
                || e.node.get("idlePower") != null && idle == null
                || e.node.get("memoryBoundPower") != null && memoryBound == null) {
            return null;
        }
        GpuPower defaults = GpuPower.defaultsFor(tdp);
        double idleW = idle == null ? defaults.idleWatts() : idle;
        double boundW = memoryBound == null ? idleW + GpuPower.DEFAULT_MEMORY_WEIGHT * (tdp - idleW) : memoryBound;
        if (idleW >= tdp) {
            e.problem("idlePower", "idle power (" + idleW + " W) must be below the tdp (" + tdp + " W)");
            return null;
        }
        if (boundW < idleW || boundW > tdp) {
            e.problem("memoryBoundPower", "expected a power between idlePower (" + idleW + " W) and the tdp ("
                    + tdp + " W), got " + boundW + " W");
            return null;
        }
        return new GpuPower(idleW, tdp, boundW, node, nodeGpus);
    }

    /** The engine's batch limits on this GPU, with one source for both; null when the entry leaves them to vLLM's rule. */
    private GpuSpec.BatchDefaults batchDefaults(CatalogEntry gpu) {
        YamlNode node = gpu.node("batchDefaults", false, null);
        if (node == null) {
            return null;
        }
        String path = gpu.path + ".batchDefaults";
        if (!(node instanceof YamlNode.Mapping map)) {
            problem(node.line(), path, "expected a mapping such as {maxNumSeqs: 1024, maxNumBatchedTokens: 8192}, got "
                    + CatalogEntry.describe(node));
            gpu.ok = false;
            return null;
        }
        gpu.needsSource("batchDefaults", gpu.node.lineOf("batchDefaults"), path);
        CatalogEntry e = new CatalogEntry(file, problems, map, path, BATCH_DEFAULTS_KEYS);
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

    private Efficiency efficiency(CatalogEntry gpu) {
        YamlNode node = gpu.node("efficiency", true, "a mapping with mfu, mbu, iterationOverhead, allReduceLatency, reserved (and optionally mfuFp8, mfuHalfTokens, overlap, layerOverhead, sequenceOverhead, requestOverhead, linkEfficiency)");
        if (node == null) {
            return null;
        }
        String path = gpu.path + ".efficiency";
        if (!(node instanceof YamlNode.Mapping map)) {
            problem(node.line(), path, "expected a mapping with " + String.join(", ", EFFICIENCY_KEYS) + ", got "
                    + CatalogEntry.describe(node));
            gpu.ok = false;
            return null;
        }
        CatalogEntry e = gpu.child(map, path, EFFICIENCY_KEYS);
        Double mfu = e.number("mfu", CatalogReader::factor, Quantities.SHARE_HINT);
        Double mbu = e.number("mbu", CatalogReader::factor, Quantities.SHARE_HINT);
        Long overhead = e.number("iterationOverhead", CatalogReader::durationNs, DURATION_HINT);
        Long allReduce = e.number("allReduceLatency", CatalogReader::durationNs, DURATION_HINT);
        Long reserved = e.number("reserved", CatalogReader::bytes, BYTES_HINT);
        // The terms beyond the plain roofline are optional: absent, they add nothing.
        Double mfuFp8 = e.optionalNumber("mfuFp8", CatalogReader::factor, Quantities.SHARE_HINT, mfu);
        Double halfTokens = e.optionalNumber("mfuHalfTokens", t -> (double) count(t, TOKENS_HINT), TOKENS_HINT, 0.0);
        Double overlap = e.optionalNumber("overlap", CatalogReader::factor, Quantities.SHARE_HINT, 0.0);
        Long layer = e.optionalNumber("layerOverhead", CatalogReader::durationNs, DURATION_HINT, 0L);
        Long perSequence = e.optionalNumber("sequenceOverhead", CatalogReader::durationNs, DURATION_HINT, 0L);
        Long perRequest = e.optionalNumber("requestOverhead", CatalogReader::durationNs, DURATION_HINT, 0L);
        Double link = e.optionalNumber("linkEfficiency", CatalogReader::factor, Quantities.SHARE_HINT, 1.0);
        e.fraction("mfu", mfu);
        e.fraction("mbu", mbu);
        if (map.entries().containsKey("mfuFp8")) {
            e.fraction("mfuFp8", mfuFp8);
        }
        e.fraction("linkEfficiency", link);
        if (overlap != null && !(overlap >= 0 && overlap <= 1)) {
            e.problem("overlap", "expected a share in [0, 1], got " + overlap);
        }
        e.unknownKeys();
        if (!e.ok) {
            gpu.ok = false;
            return null;
        }
        return new Efficiency(mfu, mfuFp8 == null ? mfu : mfuFp8, halfTokens, mbu, overlap, layer, overhead,
                perSequence, perRequest, allReduce, link, reserved);
    }

    private List<MigProfile> mig(CatalogEntry gpu, Long gpuMemory) {
        YamlNode node = gpu.node("mig", false, null);
        List<MigProfile> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        String path = gpu.path + ".mig";
        if (!(node instanceof YamlNode.Sequence list)) {
            problem(node.line(), path, "expected a list of MIG profiles such as {name: 1g.10gb, compute: 1,"
                    + " memorySlices: 1, memory: 10GB, maxInstances: 7}, got " + CatalogEntry.describe(node));
            gpu.ok = false;
            return null;
        }
        if (!list.items().isEmpty()) {
            gpu.needsSource("mig", gpu.node.lineOf("mig"), path);
        }
        boolean ok = true;
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < list.items().size(); i++) {
            YamlNode item = list.items().get(i);
            String itemPath = path + "[" + i + "]";
            if (!(item instanceof YamlNode.Mapping itemMap)) {
                problem(item.line(), itemPath, "expected a MIG profile such as {name: 1g.10gb, compute: 1,"
                        + " memorySlices: 1, memory: 10GB, maxInstances: 7}, got " + CatalogEntry.describe(item));
                ok = false;
                continue;
            }
            // MIG numbers share one source, sources.mig, so the profile's own numbers need none.
            CatalogEntry e = new CatalogEntry(file, problems, itemMap, itemPath, MIG_KEYS);
            String name = e.string("name");
            Long compute = e.number("compute", t -> count(t, "expected a number of compute slices (of 7)"),
                    "expected a number of compute slices (of 7)");
            Long slices = e.number("memorySlices", t -> count(t, "expected a number of memory slices (of 8)"),
                    "expected a number of memory slices (of 8)");
            Long memory = e.number("memory", CatalogReader::bytes, BYTES_HINT);
            Long max = e.number("maxInstances", t -> count(t, "expected how many instances fit on one GPU"),
                    "expected how many instances fit on one GPU");
            e.positive("compute", compute);
            e.positive("memorySlices", slices);
            e.positive("memory", memory);
            e.positive("maxInstances", max);
            atMost(e, "compute", compute, MigProfile.COMPUTE_SLICES, "a MIG profile has at most %d compute slices");
            atMost(e, "memorySlices", slices, MigProfile.MEMORY_SLICES, "a MIG profile has at most %d memory slices");
            atMost(e, "maxInstances", max, MigProfile.COMPUTE_SLICES, "a GPU holds at most %d MIG instances");
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

    List<ModelSpec> models(YamlNode root) {
        List<ModelSpec> out = new ArrayList<>();
        List<YamlNode> list = topList(root, "models", "a list of models");
        if (list == null) {
            return out;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            ModelSpec m = model(list.get(i), "models[" + i + "]", seen);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    private ModelSpec model(YamlNode node, String path, Map<String, Integer> seen) {
        if (!(node instanceof YamlNode.Mapping map)) {
            problem(node.line(), path, "expected a model entry (a mapping with id, name, layers, ...), got "
                    + CatalogEntry.describe(node));
            return null;
        }
        CatalogEntry e = new CatalogEntry(file, problems, map, path, MODEL_KEYS);
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
                t -> count(t, "expected a parameter count such as 8.03e9 or 8030000000"),
                "expected a parameter count such as 8.03e9 or 8030000000");
        Integer context = e.integer("maxContext", "expected the context length in tokens (max_position_embeddings)");
        Boolean tied = e.bool("tiedEmbeddings");
        List<String> huggingFace = e.strings("huggingFace", "a list of Hugging Face repository ids such as"
                + " [meta-llama/Llama-3.1-8B-Instruct, meta-llama/Llama-3.1-8B]");
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
                params, context, tied, sources, huggingFace);
    }

    // ------------------------------------------------------------------ shared

    /** The list under the file's one key, or null after a problem (or when it is empty). */
    private List<YamlNode> topList(YamlNode root, String key, String what) {
        if (root == null) {
            return null; // a syntax problem was already reported
        }
        if (root instanceof YamlNode.Scalar s && s.kind() == YamlNode.ScalarKind.NULL) {
            problem(root.line(), "", "the file is empty; expected '" + key + ":' followed by " + what);
            return null;
        }
        if (!(root instanceof YamlNode.Mapping map)) {
            problem(root.line(), "", "expected a mapping with the single key '" + key + "', got "
                    + CatalogEntry.describe(root));
            return null;
        }
        for (String k : map.entries().keySet()) {
            if (!k.equals(key)) {
                problem(map.lineOf(k), k, "unknown key" + CatalogEntry.suggestion(k, List.of(key))
                        + "; this file holds only '" + key + ":'");
            }
        }
        YamlNode list = map.get(key);
        if (list == null) {
            problem(map.line(), "", "missing '" + key + ":' (" + what + ")");
            return null;
        }
        if (list instanceof YamlNode.Scalar s && s.kind() == YamlNode.ScalarKind.NULL) {
            return null;
        }
        if (!(list instanceof YamlNode.Sequence seq)) {
            problem(list.line(), key, "expected " + what + ", got " + CatalogEntry.describe(list));
            return null;
        }
        return seq.items();
    }

    private void problem(int line, String path, String message) {
        problems.add(new Problem(file, line, path, message));
    }

    // ------------------------------------------------------------------ figures

    /*
     * The catalog's figures always carry their unit: a bare number is refused (but a zero where
     * zero means none), and every refusal reads "<what was expected>, got ...".
     */

    static long bytes(String text) {
        return figure(text, BYTES_HINT, false, Quantities::parseBytes);
    }

    static double bandwidth(String text) {
        return figure(text, BANDWIDTH_HINT, false, Quantities::parseBandwidth);
    }

    static double flops(String text) {
        return figure(text, Quantities.FLOPS_HINT, true, Quantities::parseFlops);
    }

    static double watts(String text) {
        return figure(text, Quantities.WATTS_HINT, false, Quantities::parseWatts);
    }

    static long durationNs(String text) {
        return figure(text, DURATION_HINT, true, Quantities::parseDurationNs);
    }

    static double pricePerHour(String text) {
        return figure(text, PRICE_HINT, false, Quantities::parsePricePerHour);
    }

    /** A plain fraction such as 0.75, or a percentage such as 75%. */
    static double factor(String text) {
        String s = unsigned(text, Quantities.SHARE_HINT);
        try {
            return Quantities.parseShare(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Quantities.SHARE_HINT + ", got '" + s + "'");
        }
    }

    /** A whole number written plainly or in exponent form: {@code 8030000000}, {@code 8_030_000_000}, {@code 8.03e9}. */
    static long count(String text, String hint) {
        String s = unsigned(text, hint);
        java.math.BigDecimal n;
        try {
            n = Quantities.parseNumber(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(hint + ", got '" + s + "'");
        }
        try {
            return n.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(hint + ", got '" + s + "' (not a whole number)");
        }
    }

    private static <T> T figure(String text, String hint, boolean zeroAllowed, Function<String, T> parse) {
        String s = text == null ? "" : text.strip();
        if (!s.isEmpty() && Quantities.isBareNumber(s) && !(zeroAllowed && Quantities.isZero(s))) {
            throw new IllegalArgumentException(hint + ", got the bare number '" + s + "' (write its unit)");
        }
        try {
            return parse.apply(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(hint + ", got '" + s + "'");
        }
    }

    /** The text, stripped; a catalog figure is never negative, so a sign is refused as a malformed number. */
    private static String unsigned(String text, String hint) {
        String s = text == null ? "" : text.strip();
        if (s.startsWith("-") || s.startsWith("+")) {
            throw new IllegalArgumentException(hint + ", got '" + s + "'");
        }
        return s;
    }

    /** Reports {@code value} above {@code limit}, in the words of {@code format} (which takes the limit). */
    private static void atMost(CatalogEntry e, String key, Long value, int limit, String format) {
        if (value != null && value > limit) {
            e.problem(key, String.format(Locale.ROOT, format, limit) + ", got " + value);
        }
    }
}
