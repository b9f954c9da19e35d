package org.infersim.study.size;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infersim.study.BatchSlo;

/**
 * A size file, read and checked: the base scenario's workload, the deployment to size, the
 * candidate GPU types, precisions and tensor-parallel degrees, and the SLO to meet.
 *
 * @param deployment index of the deployment sized
 * @param pool index of its pool, which the sizing resizes (it serves no other deployment)
 * @param poolProvisioning the pool's provisioning mode in the base (static, dynamic or serverless)
 * @param poolSizedByCount whether the base gives the pool's size as {@code count} rather than {@code nodes}
 * @param lines the size file's line of each fixed setting ({@code set.duration}), candidate
 *     ({@code candidates.gpu[1]}) and of {@code slo}
 */
public record SizeSpec(String name, Path file, Path base, Map<String, JsonNode> fixed, int deployment, int pool,
                       String poolProvisioning, boolean poolSizedByCount,
                       List<String> gpus, List<String> precisions, List<Integer> tensorParallel, int maxReplicas,
                       int replications, BatchSlo slo, Map<String, Integer> lines) {
    public SizeSpec {
        fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        lines = Map.copyOf(lines);
        gpus = List.copyOf(gpus);
        precisions = List.copyOf(precisions);
        tensorParallel = List.copyOf(tensorParallel);
    }
}
