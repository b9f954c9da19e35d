package org.infersim.study.fidelity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The vLLM engine settings a measured run was served with, as far as the user states them (a
 * benchmark's result file does not hold them); each null one is left at infersim's default, which
 * is vLLM's.
 */
public record EngineSettings(Integer maxNumSeqs, Integer maxNumBatchedTokens, Integer maxModelLen,
                             Double gpuMemoryUtilization, Boolean prefixCaching) {

    /** Nothing stated: vLLM's defaults throughout. */
    public static final EngineSettings DEFAULTS = new EngineSettings(null, null, null, null, null);

    /** The deployment's {@code engine:} line of a scenario, or nothing when no setting is stated. */
    String yaml() {
        List<String> set = new ArrayList<>();
        add(set, "maxNumSeqs", maxNumSeqs);
        add(set, "maxNumBatchedTokens", maxNumBatchedTokens);
        add(set, "maxModelLen", maxModelLen);
        add(set, "gpuMemoryUtilization", gpuMemoryUtilization);
        add(set, "prefixCaching", prefixCaching);
        return set.isEmpty() ? "" : "    engine: {" + String.join(", ", set) + "}\n";
    }

    private static void add(List<String> set, String key, Object value) {
        if (value != null) {
            set.add(String.format(Locale.ROOT, "%s: %s", key, value));
        }
    }
}
