package org.infersim.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A GPU type from the hardware catalog. Rates are dense (not sparse), in SI units: bytes,
 * bytes per second, FLOP per second, watts, dollars per hour.
 *
 * @param fp8Flops              0 when the GPU has no FP8 tensor cores (FP8 weights then run at the BF16 rate)
 * @param interconnectBandwidth GPU-to-GPU bandwidth per GPU, one direction (NVLink, or PCIe when none)
 * @param pcieBandwidth         host link bandwidth, one direction (used for KV swap)
 * @param sources               where each number came from, keyed by field name
 * @param batchDefaults         the batch limits vLLM's OpenAI server picks on the whole GPU
 * @param power                 what it draws idle, memory-bound and at its limit, and its node beside it
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
        Map<String, String> sources,
        BatchDefaults batchDefaults,
        GpuPower power,
        ServerCost server) {

    public GpuSpec {
        migProfiles = List.copyOf(migProfiles);
        sources = Map.copyOf(sources);
    }

    /** The same GPU with other efficiency factors and, for them, other sources (the rest are kept). */
    public GpuSpec withEfficiency(Efficiency other, Map<String, String> newSources) {
        Map<String, String> merged = new java.util.LinkedHashMap<>(sources);
        merged.putAll(newSources);
        return new GpuSpec(id, name, vendor, memoryBytes, memoryBandwidth, bf16Flops, fp8Flops, tdpWatts, interconnect,
                interconnectBandwidth, pcieBandwidth, other, pricePerHour, priceDate, migProfiles, merged, batchDefaults,
                power, server);
    }

    /** Dense tensor throughput for matrix products whose operands are in the given format. */
    public double peakFlops(boolean fp8) {
        return fp8 && fp8Flops > 0 ? fp8Flops : bf16Flops;
    }

    /**
     * The batch limits an engine gets when it does not set them, on the part of this GPU it sees:
     * the GPU's own defaults, unless the engine sees less than {@link BatchDefaults#LARGE_DEVICE_BYTES}
     * (a fraction or a MIG instance), where vLLM's rule gives the defaults of small devices.
     */
    public BatchDefaults batchDefaultsFor(double visibleMemoryBytes) {
        return visibleMemoryBytes >= BatchDefaults.LARGE_DEVICE_BYTES ? batchDefaults : BatchDefaults.SMALL_DEVICE;
    }

    /**
     * The defaults of vLLM's {@code EngineArgs.get_batch_defaults} (vllm/engine/arg_utils.py) for
     * the OpenAI API server: 1,024 sequences and 8,192 batched tokens on a device that reports at
     * least 70 GiB and whose name does not contain "a100" (larger batches made the A100 slower,
     * vLLM PR #17885); 256 and 2,048 on every other GPU.
     *
     * @param maxNumSeqs          vLLM {@code max_num_seqs}: sequences in one iteration
     * @param maxNumBatchedTokens vLLM {@code max_num_batched_tokens}: tokens in one iteration
     */
    public record BatchDefaults(int maxNumSeqs, int maxNumBatchedTokens) {
        /** Device memory from which vLLM picks its larger defaults: 70 GiB. */
        public static final long LARGE_DEVICE_BYTES = 70L << 30;
        public static final BatchDefaults LARGE_DEVICE = new BatchDefaults(1024, 8192);
        public static final BatchDefaults SMALL_DEVICE = new BatchDefaults(256, 2048);

        /** vLLM's rule for a device of this memory and name: what a catalog entry that states none gets. */
        public static BatchDefaults ofDevice(long memoryBytes, String name) {
            return memoryBytes >= LARGE_DEVICE_BYTES && !name.toLowerCase(Locale.ROOT).contains("a100")
                    ? LARGE_DEVICE : SMALL_DEVICE;
        }
    }
}
