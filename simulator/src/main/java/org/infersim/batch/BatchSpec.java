package org.infersim.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch file, read and checked: the base scenario, the settings fixed for every run, and how
 * to vary the rest.
 *
 * @param loadPath the parameter that is the load (an arrival rate), for cost curves; may be null
 * @param slo may be null
 */
public record BatchSpec(String name, Path file, Path base, Map<String, JsonNode> fixed, List<Parameter> parameters,
                        List<Variant> explicitVariants,
                        int replications, String loadPath, BatchSlo slo) {
    public BatchSpec {
        fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        parameters = List.copyOf(parameters);
        explicitVariants = List.copyOf(explicitVariants);
    }
}
