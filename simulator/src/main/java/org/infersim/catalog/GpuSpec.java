package org.infersim.catalog;

import java.util.List;
import java.util.Map;

/**
 * A GPU type from the hardware catalog. Rates are dense (not sparse), in SI units: bytes,
 * bytes per second, FLOP per second, watts, dollars per hour.
 *
 * @param fp8Flops              0 when the GPU has no FP8 tensor cores (FP8 weights then run at the BF16 rate)
 * @param interconnectBandwidth GPU-to-GPU bandwidth per GPU, one direction (NVLink, or PCIe when none)
 * @param pcieBandwidth         host link bandwidth, one direction (used for KV swap)
 * @param sources               where each number came from, keyed by field name
 */
public record GpuSpec(
        String id,
        String name,
        String vendor,
        long memoryBytes,
        double memoryBandwidth,
        double bf16Flops,
        double fp8Flops,
        double tdpWatts,
        String interconnect,
        double interconnectBandwidth,
        double pcieBandwidth,
        Efficiency efficiency,
        double pricePerHour,
        String priceDate,
        List<MigProfile> migProfiles,
        Map<String, String> sources) {

    public GpuSpec {
        migProfiles = List.copyOf(migProfiles);
        sources = Map.copyOf(sources);
    }

    /** Dense tensor throughput for matrix products whose operands are in the given format. */
    public double peakFlops(boolean fp8) {
        return fp8 && fp8Flops > 0 ? fp8Flops : bf16Flops;
    }
}
