package org.infersim.scenario.bind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.infersim.catalog.HuggingFaceConfig;
import org.infersim.catalog.ModelSpec;
import org.infersim.input.Fields;
import org.infersim.input.YamlNode;

/**
 * A deployment's {@code model}: a catalog id or Hugging Face id ({@code model: llama-3.1-8b},
 * {@code model: meta-llama/Llama-3.1-8B-Instruct}), or a Hugging Face config.json beside the scenario
 * ({@code model: {config: models/llama/config.json, id: my-llama}}). The models read from files are
 * kept, so that the loader adds them to the catalog the run is built from.
 */
final class ModelBinder {
    static final List<String> CONFIG_KEYS = List.of("config", "id");

    private final BindContext ctx;
    /** The models read from config.json files, by lower-case id. */
    private final Map<String, ModelSpec> fromConfigs = new LinkedHashMap<>();

    ModelBinder(BindContext ctx) {
        this.ctx = ctx;
    }

    /** The deployment's model; null after a problem, or when the catalog could not be read. */
    ModelSpec model(Fields d) {
        if (d.node("model") instanceof YamlNode.Mapping) {
            return fromConfig(d);
        }
        String id = d.string("model", true, "a model id from the catalog, a Hugging Face id, or {config: config.json}");
        if (id == null || ctx.catalog == null) {
            return null;
        }
        ModelSpec known = fromConfigs.get(key(id));
        ModelSpec model = known != null ? known : ctx.catalog.model(id).orElse(null);
        if (model == null) {
            d.problem("model", ctx.unknownId("model", id, ctx.catalog.models().stream().map(ModelSpec::id).toList(),
                    ctx.catalog.modelNames()));
        }
        return model;
    }

    /** The models read from config.json files, in the order first named. */
    List<ModelSpec> fromConfigs() {
        return new ArrayList<>(fromConfigs.values());
    }

    private ModelSpec fromConfig(Fields d) {
        Fields m = d.child("model", "a model read from a Hugging Face config.json", CONFIG_KEYS);
        if (m == null) {
            return null;
        }
        Path file = m.existingFile("config", "config.json", "the path of a Hugging Face config.json, relative to"
                + " this file");
        String id = m.has("id") ? m.name("id", null) : null;
        if (file == null || m.has("id") && id == null) {
            return null;
        }
        ModelSpec model = HuggingFaceConfig.read(file, id, ctx.in.problems());
        if (model == null || ctx.catalog == null) {
            return null;
        }
        ModelSpec earlier = fromConfigs.get(key(model.id()));
        if (earlier != null && !earlier.equals(model)) {
            m.problem(m.has("id") ? "id" : "config", "model id '" + model.id() + "' is already given to another"
                    + " config.json in this scenario; name this one with a different 'id:'");
            return null;
        }
        ModelSpec inCatalog = ctx.catalog.model(model.id()).orElse(null);
        if (earlier == null && inCatalog != null && inCatalog.id().equalsIgnoreCase(model.id())) {
            m.problem(m.has("id") ? "id" : "config", "model id '" + model.id() + "' is already the catalog's "
                    + inCatalog.id() + "; name the model read from " + file.getFileName() + " with a different"
                    + " 'id:', or write model: " + inCatalog.id() + " to use the catalog's");
            return null;
        }
        fromConfigs.put(key(model.id()), model);
        return model;
    }

    private static String key(String id) {
        return id.strip().toLowerCase(Locale.ROOT);
    }
}
