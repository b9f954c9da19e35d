package org.infersim.study.compare;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A figure on which policies are compared, read from a run's {@code summary.json} as a tree so
 * that a field an older or newer simulator does not write is simply absent (null), never a zero:
 * a run without cold starts reported must not look like a run without cold starts.
 */
public enum ComparedFigure {
    TTFT_P95("ttft_p95_ms", "p95 TTFT", "ms", false) {
        @Override
        Double read(JsonNode summary) {
            return number(summary.path("overall").path("ttftMs").get("p95"));
        }
    },
    SLO_ATTAINMENT("slo_attainment", "SLO attainment", "fraction", true) {
        @Override
        Double read(JsonNode summary) {
            return number(summary.path("overall").get("sloAttainment"));
        }
    },
    GPU_HOURS("gpu_hours", "GPU-hours", "GPU-h", false) {
        @Override
        Double read(JsonNode summary) {
            return sumOverDeployments(summary, "gpuHours");
        }
    },
    COST("cost_usd", "Cost", "USD", false) {
        @Override
        Double read(JsonNode summary) {
            return number(summary.path("cost").get("total"));
        }
    },
    COLD_STARTS("cold_starts", "Cold starts", "count", false) {
        @Override
        Double read(JsonNode summary) {
            return sumOverDeployments(summary, "coldStarts");
        }
    };

    private final String key;
    private final String label;
    private final String unit;
    private final boolean higherIsBetter;

    ComparedFigure(String key, String label, String unit, boolean higherIsBetter) {
        this.key = key;
        this.label = label;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    /** The figure's value in one run, or null when the summary does not report it. */
    abstract Double read(JsonNode summary);

    /** The column name in compare.csv and the key in compare.json. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    private static Double number(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.asDouble();
    }

    /** The sum over the deployments that report the field; null when none does. */
    private static Double sumOverDeployments(JsonNode summary, String field) {
        Double sum = null;
        for (JsonNode d : summary.path("deployments")) {
            Double v = number(d.get(field));
            if (v != null) {
                sum = (sum == null ? 0 : sum) + v;
            }
        }
        return sum;
    }
}
