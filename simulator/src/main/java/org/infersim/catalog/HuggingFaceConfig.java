package org.infersim.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.infersim.input.Problem;

/**
 * A model read from a Hugging Face {@code config.json}, for the families whose attention and MLP the
 * simulator represents as they are: every layer full attention with grouped KV heads and a gated MLP
 * (dense or all-experts). Anything else is refused with the reason rather than approximated, since a
 * guessed KV cache or weight size would silently skew every result built on it.
 *
 * <p>Each field's source names the file and key it came from; the parameter count is computed from
 * the shapes ({@link ParameterCount}), and its source says so.
 */
public final class HuggingFaceConfig {
    /** model_type values read, each a family of decoder-only transformers with full attention in every layer. */
    static final Set<String> FAMILIES = Set.of("llama", "mistral", "mixtral", "qwen2", "qwen3", "qwen3_moe", "gemma");

    /** Families refused by model_type, with why their attention cannot be represented. */
    private static final Map<String, String> REFUSED = refused();

    private final String file;
    private final String text;
    private final JsonNode root;
    private final List<Problem> problems;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private boolean ok = true;

    private HuggingFaceConfig(String file, String text, JsonNode root, List<Problem> problems) {
        this.file = file;
        this.text = text;
        this.root = root;
        this.problems = problems;
    }

    /**
     * The model in this file, or null after a problem (added to {@code problems}).
     *
     * @param id the catalog id to give it; null for one from {@code _name_or_path} or the folder's name
     */
    public static ModelSpec read(Path path, String id, List<Problem> problems) {
        String name = path.toString();
        String json;
        try {
            json = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(new Problem(name, 0, "", "cannot read the model's config.json: " + e.getMessage()));
            return null;
        }
        Path folder = path.toAbsolutePath().getParent();
        String folderName = folder == null || folder.getFileName() == null ? null : folder.getFileName().toString();
        return parse(json, name, id, folderName, problems);
    }

    /** Same from text; {@code folderName} names the model when neither id nor _name_or_path does. */
    static ModelSpec parse(String json, String file, String id, String folderName, List<Problem> problems) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.add(new Problem(file, line, "", "not valid JSON: " + e.getOriginalMessage()));
            return null;
        }
        if (root == null || !root.isObject()) {
            problems.add(new Problem(file, 1, "", "expected a Hugging Face config.json (a JSON object)"));
            return null;
        }
        return new HuggingFaceConfig(file, json, root, problems).model(id, folderName);
    }

    private ModelSpec model(String givenId, String folderName) {
        String type = root.path("model_type").asText("");
        String architecture = root.path("architectures").path(0).asText("");
        if (!representable(type, architecture)) {
            return null;
        }
        boolean gemma = type.equals("gemma");
        int layers = positive("num_hidden_layers", "layers", null);
        int hidden = positive("hidden_size", "hiddenSize", null);
        int heads = positive("num_attention_heads", "attentionHeads", null);
        int kvHeads = positive("num_key_value_heads", "kvHeads", heads > 0 ? heads : null);
        Integer derivedHeadDim = hidden > 0 && heads > 0 && hidden % heads == 0 ? hidden / heads : null;
        int headDim = positive("head_dim", "headDim", derivedHeadDim);
        if (!root.has("head_dim") && derivedHeadDim != null) {
            sources.put("headDim", file + ": hidden_size / num_attention_heads = " + hidden + "/" + heads + " = "
                    + derivedHeadDim);
        }
        int experts = experts();
        int active = experts > 1 ? positive("num_experts_per_tok", "activeExperts", null) : 1;
        if (experts == 1) {
            sources.put("activeExperts", file + ": dense model (no experts)");
        }
        String intermediateKey = experts > 1 && root.has("moe_intermediate_size") ? "moe_intermediate_size"
                : "intermediate_size";
        int intermediate = positive(intermediateKey, "intermediateSize", null);
        int vocab = positive("vocab_size", "vocabSize", null);
        int context = positive("max_position_embeddings", "maxContext", null);
        boolean tied = tiedEmbeddings(gemma);
        if (ok && heads % kvHeads != 0) {
            problem("num_key_value_heads", kvHeads + " key/value heads do not divide the " + heads
                    + " attention heads");
        }
        if (ok && active > experts) {
            problem("num_experts_per_tok", "more experts per token (" + active + ") than experts (" + experts + ")");
        }
        if (!ok) {
            return null;
        }
        String fullName = root.path("_name_or_path").asText("").strip();
        String id = givenId != null ? givenId : defaultId(fullName, folderName);
        if (id == null) {
            problems.add(new Problem(file, 1, "_name_or_path", "the model needs an id: this config.json has no"
                    + " _name_or_path and its folder gives none; name it with 'id:'"));
            return null;
        }
        ParameterCount count = new ParameterCount(layers, hidden, heads, kvHeads, headDim, intermediate, vocab,
                experts, tied, attentionBiases(type));
        sources.put("publishedParams", "computed from the shapes in " + file + ": " + count.explanation());
        List<String> aliases = fullName.contains("/") ? List.of(fullName) : List.of();
        return new ModelSpec(id, fullName.isEmpty() ? id : fullName, layers, hidden, heads, kvHeads, headDim,
                intermediate, vocab, experts, active, count.total(), context, tied, sources, aliases);
    }

    /** Whether the family is one read here; otherwise a problem saying why not. */
    private boolean representable(String type, String architecture) {
        if (root.has("kv_lora_rank") || REFUSED.containsKey(type)) {
            String key = root.has("kv_lora_rank") ? "kv_lora_rank" : "model_type";
            String why = REFUSED.getOrDefault(type, REFUSED.get("deepseek_v3"));
            problem(key, "cannot model " + (architecture.isEmpty() ? type : architecture) + ": " + why);
            return false;
        }
        if (type.isEmpty()) {
            problem("model_type", "missing 'model_type' (the family, such as llama, mistral, mixtral, qwen2, qwen3,"
                    + " qwen3_moe, gemma)");
            return false;
        }
        if (!FAMILIES.contains(type)) {
            problem("model_type", "model_type '" + type + "' is not a family infersim reads (it reads "
                    + String.join(", ", FAMILIES.stream().sorted().toList()) + "); write its catalog entry by hand"
                    + " if its attention and MLP are those of one of them");
            return false;
        }
        JsonNode layerTypes = root.path("layer_types");
        if (layerTypes.isArray() && layerTypes.toString().contains("sliding")) {
            problem("layer_types", "some layers use sliding-window attention; infersim keeps every token's KV in"
                    + " every layer and would overstate the KV cache, so it does not read this model");
            return false;
        }
        JsonNode window = root.path("sliding_window");
        boolean windowUsed = !root.has("use_sliding_window") || root.path("use_sliding_window").asBoolean(false);
        long context = root.path("max_position_embeddings").asLong(0);
        if (windowUsed && window.isIntegralNumber() && window.asLong() < context) {
            problem("sliding_window", "every layer attends only to the last " + window.asLong() + " tokens (of "
                    + context + "); infersim keeps every token's KV and would overstate the KV cache of long"
                    + " sequences, so it does not read this model");
            return false;
        }
        if (type.equals("qwen3_moe") && (root.path("decoder_sparse_step").asInt(1) != 1
                || root.path("mlp_only_layers").size() > 0)) {
            problem(root.path("mlp_only_layers").size() > 0 ? "mlp_only_layers" : "decoder_sparse_step",
                    "some layers are dense and some are experts; a catalog model has one MLP in every layer");
            return false;
        }
        return true;
    }

    private int experts() {
        String key = root.has("num_local_experts") ? "num_local_experts" : root.has("num_experts") ? "num_experts" : null;
        if (key == null || root.path(key).isNull()) {
            sources.put("experts", file + ": dense model (no num_local_experts or num_experts)");
            return 1;
        }
        return positive(key, "experts", null);
    }

    private boolean tiedEmbeddings(boolean gemma) {
        JsonNode v = root.get("tie_word_embeddings");
        if (v == null || v.isNull()) {
            sources.put("tiedEmbeddings", file + ": no tie_word_embeddings; the " + (gemma ? "Gemma" : "transformers")
                    + " default is " + gemma);
            return gemma;
        }
        if (!v.isBoolean()) {
            problem("tie_word_embeddings", "expected true or false, got " + v);
            return false;
        }
        sources.put("tiedEmbeddings", file + ": tie_word_embeddings=" + v.asBoolean());
        return v.asBoolean();
    }

    /** Bias vectors per layer: Qwen2 has them on q, k and v; attention_bias puts them on all four projections. */
    private AttentionBias attentionBiases(String type) {
        if (root.path("attention_bias").asBoolean(false)) {
            return AttentionBias.ALL;
        }
        return type.equals("qwen2") ? AttentionBias.QKV : AttentionBias.NONE;
    }

    /** A positive whole number under this key, recorded as the field's source; the fallback (may be null) when absent. */
    private int positive(String key, String field, Integer fallback) {
        JsonNode v = root.get(key);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                problem(key, "missing '" + key + "', which " + field + " is read from");
                return 0;
            }
            sources.put(field, file + ": no " + key + "; defaults to " + fallback);
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            problem(key, "expected a whole number for " + key + ", got " + v);
            return 0;
        }
        if (v.asInt() <= 0) {
            problem(key, "expected a positive " + key + ", got " + v.asInt());
            return 0;
        }
        sources.put(field, file + ": " + key + "=" + v.asInt());
        return v.asInt();
    }

    private void problem(String key, String message) {
        problems.add(new Problem(file, lineOf(key), key, message));
        ok = false;
    }

    /** The line where the key is first written (config.json files are flat, so the first is the one). */
    private int lineOf(String key) {
        String quoted = "\"" + key + "\"";
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(quoted)) {
                return i + 1;
            }
        }
        return 1;
    }

    /** The last part of _name_or_path (meta-llama/Llama-3.1-8B → llama-3.1-8b), else the folder's name. */
    private static String defaultId(String nameOrPath, String folderName) {
        String base = nameOrPath.isEmpty() ? folderName : nameOrPath.substring(nameOrPath.lastIndexOf('/') + 1);
        if (base == null) {
            return null;
        }
        String id = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
        return id.isEmpty() ? null : id;
    }

    private static Map<String, String> refused() {
        Map<String, String> m = new LinkedHashMap<>();
        String mla = "its multi-head latent attention (kv_lora_rank) caches one compressed latent per token instead"
                + " of keys and values per KV head, which a catalog model cannot express";
        m.put("deepseek_v2", mla);
        m.put("deepseek_v3", mla);
        String alternating = "its layers alternate between sliding-window (local) and global attention, so the KV"
                + " cache of local layers stops growing at the window; a catalog model keeps every token's KV in"
                + " every layer and would overstate memory";
        m.put("gemma2", alternating);
        m.put("gemma3", alternating);
        m.put("gemma3_text", alternating);
        m.put("gpt_oss", alternating);
        return Map.copyOf(m);
    }

    /** Which attention projections carry bias vectors (counted in the parameters). */
    enum AttentionBias {
        NONE, QKV, ALL
    }

}
