package org.infersim.study;

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
 * @param compare the policies to compare when the batch is a comparison (its {@code compare:} section), else null
 * @param fixedLines the batch file's line of each fixed setting
 * @param sloLine the batch file's line of the SLO (0 without one)
 */
public record BatchSpec(String name, Path file, Path base, Map<String, JsonNode> fixed, List<Parameter> parameters,
                        List<Variant> explicitVariants,
                        int replications, String loadPath, BatchSlo slo, CompareSection compare,
                        Map<String, Integer> fixedLines, int sloLine) {

    /**
     * A batch file's {@code compare:} section: the policies and where they are written, with the
     * lines they were written on for messages.
     */
    public record CompareSection(List<String> policies, int policiesLine, List<String> paths, int pathsLine) {
        public CompareSection {
            policies = List.copyOf(policies);
            paths = List.copyOf(paths);
        }
    }

    public BatchSpec {
        fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        fixedLines = Map.copyOf(fixedLines);
        parameters = List.copyOf(parameters);
        explicitVariants = List.copyOf(explicitVariants);
    }
}
