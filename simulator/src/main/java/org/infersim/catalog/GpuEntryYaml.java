package org.infersim.catalog;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
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
        fields.put("interconnect", ModelEntryYaml.quoted(g.interconnect()));
        fields.put("interconnectBandwidth", scaled(g.interconnectBandwidth(), 9) + "GB/s");
        fields.put("pcieBandwidth", scaled(g.pcieBandwidth(), 9) + "GB/s");
        fields.put("efficiency", efficiency(g.efficiency()));
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

    /** The efficiency mapping, every constant written (durations in ns, exact). */
    static String efficiency(Efficiency e) {
        return "{mfu: " + plain(e.mfu()) + ", mfuFp8: " + plain(e.mfuFp8()) + ", mfuHalfTokens: "
                + Math.round(e.mfuHalfTokens()) + ", mbu: " + plain(e.mbu()) + ", overlap: " + plain(e.overlap())
                + ", layerOverhead: " + e.layerOverheadNs() + "ns, iterationOverhead: " + e.iterationOverheadNs()
                + "ns, sequenceOverhead: " + e.sequenceOverheadNs() + "ns, requestOverhead: " + e.requestOverheadNs()
                + "ns, allReduceLatency: " + e.allReduceLatencyNs() + "ns, reserved: " + e.reservedBytes() + "B}";
    }

    private static String scaled(double value, int decimalExponent) {
        return BigDecimal.valueOf(value).movePointLeft(decimalExponent).stripTrailingZeros().toPlainString();
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
