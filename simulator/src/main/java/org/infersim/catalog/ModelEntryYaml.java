package org.infersim.catalog;

import java.util.List;
import java.util.Map;

/**
 * A model as a {@code models.yaml} entry, in the catalog's own format and field order, with its
 * sources: what {@code infersim catalog import} prints for a user's catalog directory.
 */
public final class ModelEntryYaml {
    private ModelEntryYaml() {}

    /** A whole models.yaml holding this one model. */
    public static String file(ModelSpec m) {
        return "models:\n" + entry(m);
    }

    /** The entry, indented as an item of {@code models:}. */
    public static String entry(ModelSpec m) {
        StringBuilder out = new StringBuilder();
        out.append("  - id: ").append(m.id()).append('\n');
        line(out, "name", quoted(m.name()));
        if (!m.huggingFace().isEmpty()) {
            line(out, "huggingFace", "[" + String.join(", ", m.huggingFace()) + "]");
        }
        List<Map.Entry<String, Object>> numbers = List.of(Map.entry("layers", m.layers()),
                Map.entry("hiddenSize", m.hiddenSize()), Map.entry("attentionHeads", m.attentionHeads()),
                Map.entry("kvHeads", m.kvHeads()), Map.entry("headDim", m.headDim()),
                Map.entry("intermediateSize", m.intermediateSize()), Map.entry("vocabSize", m.vocabSize()),
                Map.entry("experts", m.experts()), Map.entry("activeExperts", m.activeExperts()),
                Map.entry("publishedParams", m.publishedParams()), Map.entry("maxContext", m.maxContext()),
                Map.entry("tiedEmbeddings", m.tiedEmbeddings()));
        numbers.forEach(n -> line(out, n.getKey(), String.valueOf(n.getValue())));
        out.append("    sources:\n");
        for (Map.Entry<String, Object> n : numbers) {
            String source = m.sources().get(n.getKey());
            if (source != null) {
                out.append("      ").append(n.getKey()).append(": ").append(quoted(source)).append('\n');
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append("    ").append(key).append(": ").append(value).append('\n');
    }

    /** A double-quoted YAML string: sources hold colons and commas. */
    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
