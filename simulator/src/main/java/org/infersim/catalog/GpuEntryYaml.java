package org.infersim.catalog;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GPU type as a {@code gpus.yaml} entry, in the catalog's own format, with every source: what
 * {@code infersim calibrate} writes for a catalog directory that {@code --catalog} reads back,
 * where it replaces the built-in entry of the same id.
 */
public final class GpuEntryYaml {
    private GpuEntryYaml() {}

    /** A whole gpus.yaml holding these GPUs. */
    public static String file(Iterable<GpuSpec> gpus) {
        StringBuilder out = new StringBuilder("gpus:\n");
        gpus.forEach(g -> out.append(entry(g)));
        return out.toString();
    }

    /** The entry, indented as an item of {@code gpus:}. */
    public static String entry(GpuSpec g) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", ModelEntryYaml.quoted(g.name()));
        fields.put("vendor", g.vendor());
        fields.put("memory", g.memoryBytes() + "B");
        fields.put("memoryBandwidth", scaled(g.memoryBandwidth(), 9) + "GB/s");
        fields.put("bf16", scaled(g.bf16Flops(), 12) + "TFLOPS");
        fields.put("fp8", g.fp8Flops() == 0 ? "0" : scaled(g.fp8Flops(), 12) + "TFLOPS");
        fields.put("tdp", scaled(g.tdpWatts(), 0) + "W");
        // The power figures the entry stated (with their sources); the others read back as the same defaults.
        GpuPower p = g.power();
        Map<String, String> power = Map.of("idlePower", scaled(p.idleWatts(), 0) + "W",
                "memoryBoundPower", scaled(p.memoryBoundWatts(), 0) + "W", "nodePower", scaled(p.nodeWatts(), 0) + "W",
                "nodeGpus", Integer.toString(p.nodeGpus()));
        for (String key : List.of("idlePower", "memoryBoundPower", "nodePower", "nodeGpus")) {
            if (g.sources().containsKey(key)) {
                fields.put(key, power.get(key));
            }
        }
        ServerCost server = g.server();
        Map<String, String> owned = Map.of("nodeCapex", "$" + scaled(server.nodeCapex(), 0),
                "networkCapex", "$" + scaled(server.networkCapex(), 0), "nodeRackUnits", Integer.toString(server.rackUnits()));
        for (String key : List.of("nodeCapex", "networkCapex", "nodeRackUnits")) {
            if (g.sources().containsKey(key)) {
                fields.put(key, owned.get(key));
            }
        }
        fields.put("interconnect", ModelEntryYaml.quoted(g.interconnect()));
        fields.put("interconnectBandwidth", scaled(g.interconnectBandwidth(), 9) + "GB/s");
        fields.put("pcieBandwidth", scaled(g.pcieBandwidth(), 9) + "GB/s");
        fields.put("efficiency", efficiency(g));
        fields.put("price", "$" + scaled(g.pricePerHour(), 0) + "/h");
        fields.put("priceDate", ModelEntryYaml.quoted(g.priceDate()));
        GpuSpec.BatchDefaults b = g.batchDefaults();
        fields.put("batchDefaults", "{maxNumSeqs: " + b.maxNumSeqs() + ", maxNumBatchedTokens: "
                + b.maxNumBatchedTokens() + "}");
        StringBuilder out = new StringBuilder("  - id: ").append(g.id()).append('\n');
        fields.forEach((k, v) -> out.append("    ").append(k).append(": ").append(v).append('\n'));
        if (!g.migProfiles().isEmpty()) {
            out.append("    mig:\n");
            for (MigProfile m : g.migProfiles()) {
                out.append("      - {name: ").append(m.name()).append(", compute: ").append(m.computeSlices())
                        .append(", memorySlices: ").append(m.memorySlices()).append(", memory: ")
                        .append(m.memoryBytes()).append("B, maxInstances: ").append(m.maxInstances()).append("}\n");
            }
        }
        out.append("    sources:\n");
        g.sources().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(s -> out.append("      ")
                .append(s.getKey()).append(": ").append(ModelEntryYaml.quoted(s.getValue())).append('\n'));
        return out.toString();
    }

    /**
     * The efficiency mapping (durations in ns, exact). The terms beyond the plain roofline are
     * written where they are sourced or not what their absence means (an unsourced one would not
     * read back); {@code mfuFp8} only on a GPU with FP8 tensor cores.
     */
    static String efficiency(GpuSpec g) {
        Efficiency e = g.efficiency();
        Map<String, String> terms = new LinkedHashMap<>();
        terms.put("mfu", plain(e.mfu()));
        optional(terms, g, "mfuFp8", plain(e.mfuFp8()), g.fp8Flops() > 0 && e.mfuFp8() != e.mfu());
        optional(terms, g, "mfuHalfTokens", Long.toString(Math.round(e.mfuHalfTokens())), e.mfuHalfTokens() != 0);
        terms.put("mbu", plain(e.mbu()));
        optional(terms, g, "overlap", plain(e.overlap()), e.overlap() != 0);
        optional(terms, g, "layerOverhead", e.layerOverheadNs() + "ns", e.layerOverheadNs() != 0);
        terms.put("iterationOverhead", e.iterationOverheadNs() + "ns");
        optional(terms, g, "sequenceOverhead", e.sequenceOverheadNs() + "ns", e.sequenceOverheadNs() != 0);
        optional(terms, g, "requestOverhead", e.requestOverheadNs() + "ns", e.requestOverheadNs() != 0);
        terms.put("allReduceLatency", e.allReduceLatencyNs() + "ns");
        optional(terms, g, "linkEfficiency", plain(e.linkEfficiency()), e.linkEfficiency() != 1);
        terms.put("reserved", e.reservedBytes() + "B");
        StringBuilder out = new StringBuilder("{");
        terms.forEach((k, v) -> out.append(out.length() == 1 ? "" : ", ").append(k).append(": ").append(v));
        return out.append('}').toString();
    }

    private static void optional(Map<String, String> terms, GpuSpec g, String key, String value, boolean differs) {
        if ((differs || g.sources().containsKey(key)) && !(key.equals("mfuFp8") && g.fp8Flops() == 0)) {
            terms.put(key, value);
        }
    }

    private static String scaled(double value, int decimalExponent) {
        return BigDecimal.valueOf(value).movePointLeft(decimalExponent).stripTrailingZeros().toPlainString();
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
