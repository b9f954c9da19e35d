package org.infersim.study.fidelity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.infersim.input.InputFile;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;

/**
 * What an inference-perf stage's lifecycle metrics leave out, from the {@code config.yaml}
 * inference-perf writes beside them (its parsed configuration, {@code generate_config_report} in
 * {@code inference_perf/reportgen/base.py}): {@code load.type} (constant, its default, poisson or
 * concurrent), {@code server.model_name}, and for {@code data.type: shared_prefix} the number of
 * distinct prompts it sends in turn, {@code data.shared_prefix.num_groups} ×
 * {@code num_prompts_per_group} (also spelt {@code num_unique_system_prompts} ×
 * {@code num_users_per_system_prompt}; 10 × 10 by default).
 *
 * @param model           null when not named
 * @param distinctPrompts 0 for data whose prompts do not repeat
 */
record InferencePerfConfig(String loadType, String model, int distinctPrompts) {

    /** Without a config.yaml: inference-perf's default load type, no model, prompts that do not repeat. */
    static final InferencePerfConfig NONE = new InferencePerfConfig("constant", null, 0);

    /** The config.yaml in the folder of {@code lifecycleFile}, or {@link #NONE} when there is none. */
    static InferencePerfConfig beside(Path lifecycleFile) throws InvalidInputException {
        Path file = lifecycleFile.toAbsolutePath().resolveSibling("config.yaml");
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        String name = lifecycleFile.resolveSibling("config.yaml").toString();
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(InputFile.readText(file, "inference-perf's config.yaml"));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InvalidInputException(new Problem(name, line, "", "not valid YAML: " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(new Problem(name, 1, "", "expected inference-perf's configuration (a mapping)"));
        }
        String loadType = root.path("load").path("type").asText("constant");
        String model = root.path("server").path("model_name").asText(null);
        JsonNode data = root.path("data");
        int distinct = 0;
        if (data.path("type").asText("").equals("shared_prefix")) {
            JsonNode shared = data.path("shared_prefix");
            distinct = count(shared, "num_groups", "num_unique_system_prompts")
                    * count(shared, "num_prompts_per_group", "num_users_per_system_prompt");
        }
        return new InferencePerfConfig(loadType, model, distinct);
    }

    /** A count under either of its names, or inference-perf's default of 10. */
    private static int count(JsonNode shared, String name, String alias) {
        JsonNode n = shared.has(name) ? shared.get(name) : shared.get(alias);
        return n != null && n.canConvertToInt() && n.asInt() > 0 ? n.asInt() : 10;
    }
}
