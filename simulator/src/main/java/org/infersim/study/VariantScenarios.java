package org.infersim.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.infersim.input.Quantities;

/**
 * The scenario each run of a study simulates: the base with the study's SLO, its fixed settings,
 * the run's seed and the variant's values, in that order (the later win). One place, so that
 * what is checked before a study runs is what its runs simulate.
 */
public final class VariantScenarios {
    private final ScenarioPatch patch;
    private final Map<String, JsonNode> fixed;
    private final BatchSlo slo;
    private final int workloads;

    public VariantScenarios(String baseText, Map<String, JsonNode> fixed, BatchSlo slo) {
        this.patch = ScenarioPatch.of(baseText);
        this.fixed = new LinkedHashMap<>(fixed); // in the study file's order
        this.slo = slo;
        this.workloads = patch.count("workloads");
    }

    /** The text of the scenario of {@code variant} under {@code seed}. */
    public String text(Variant variant, long seed) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        values.put("seed", JsonNodeFactory.instance.numberNode(seed));
        if (slo != null) {
            ObjectNode target = JsonNodeFactory.instance.objectNode();
            if (slo.ttftNs() > 0) {
                target.put("ttft", Quantities.formatDuration(slo.ttftNs()));
            }
            if (slo.tpotNs() > 0) {
                target.put("tpot", Quantities.formatDuration(slo.tpotNs()));
            }
            for (int i = 0; i < workloads; i++) {
                values.put("workloads[" + i + "].slo", target);
            }
        }
        values.putAll(fixed);
        values.putAll(variant.values());
        return patch.apply(values);
    }
}
