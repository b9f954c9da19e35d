package org.infersim.scenario;

import java.util.OptionalInt;
import java.util.OptionalLong;
import org.infersim.plugin.PolicyChoice;

/**
 * Serving-engine settings, named and defaulted as in vLLM V1, each default beside its field
 * below. Where vLLM's default depends on the GPU (max_num_seqs, max_num_batched_tokens), the value
 * here is empty and the replica takes it from the GPU it runs on ({@code batchDefaults} in the
 * GPU's catalog entry).
 *
 * @param blockSize            tokens per KV-cache block; default {@value #DEFAULT_BLOCK_SIZE}
 * @param gpuMemoryUtilization share of each GPU's memory the engine may use; default {@value #DEFAULT_GPU_MEMORY_UTILIZATION}
 * @param maxNumSeqs           most sequences in one iteration; empty = the GPU's default
 * @param maxNumBatchedTokens  most tokens in one iteration; empty = the GPU's default
 * @param chunkedPrefill       whether a long prompt is prefilled over several iterations; default on
 * @param scheduling           the order in which waiting requests are admitted and victims preempted; default fcfs
 * @param preemption           what becomes of a preempted sequence's KV blocks; default recompute
 * @param swapSpaceBytes       host memory per GPU for swapped-out KV blocks; default 4 GiB
 * @param maxModelLen          longest sequence (prompt + output) a request may have; empty = the model's
 *                             context (the engine refuses to start when its KV cache cannot hold one
 *                             such sequence, as vLLM does); {@link #MAX_MODEL_LEN_AUTO} = the longest the
 *                             KV cache holds, up to the context (vLLM's {@code --max-model-len auto})
 * @param prefixCaching        whether KV blocks of prompts seen before are reused (vLLM V1's automatic
 *                             prefix caching); default on, as in vLLM V1
 * @param cpuOffloadBytes      weights each GPU keeps in host memory and reads over PCIe every step
 *                             (vLLM's {@code --cpu-offload-gb}); default 0
 * @param requestOverheadNs    time a request spends in the engine's front end that no step sees;
 *                             empty = the GPU's catalog figure (0 for offline use, as vLLM's
 *                             {@code LLM} class has no HTTP server)
 */
public record EngineConfig(
        int blockSize,
        double gpuMemoryUtilization,
        OptionalInt maxNumSeqs,
        OptionalInt maxNumBatchedTokens,
        boolean chunkedPrefill,
        PolicyChoice scheduling,
        PolicyChoice preemption,
        long swapSpaceBytes,
        OptionalInt maxModelLen,
        boolean prefixCaching,
        long cpuOffloadBytes,
        OptionalLong requestOverheadNs) {

    public static final int DEFAULT_BLOCK_SIZE = 16;
    public static final double DEFAULT_GPU_MEMORY_UTILIZATION = 0.9;
    public static final boolean DEFAULT_CHUNKED_PREFILL = true;
    public static final PolicyChoice DEFAULT_SCHEDULING = PolicyChoice.of("fcfs");
    public static final PolicyChoice DEFAULT_PREEMPTION = PolicyChoice.of("recompute");
    public static final long DEFAULT_SWAP_SPACE_BYTES = 4L << 30;
    /** vLLM V1 enables automatic prefix caching unless {@code --no-enable-prefix-caching}. */
    public static final boolean DEFAULT_PREFIX_CACHING = true;
    /** {@code maxModelLen: auto}, written -1 as vLLM writes it. */
    public static final int MAX_MODEL_LEN_AUTO = -1;

    /** Whether the longest sequence is fitted to the KV cache rather than given. */
    public boolean autoMaxModelLen() {
        return maxModelLen.isPresent() && maxModelLen.getAsInt() == MAX_MODEL_LEN_AUTO;
    }

    /** Every default: vLLM V1's, the GPU-dependent ones left to the GPU. */
    public static EngineConfig defaults() {
        return new EngineConfig(DEFAULT_BLOCK_SIZE, DEFAULT_GPU_MEMORY_UTILIZATION, OptionalInt.empty(),
                OptionalInt.empty(), DEFAULT_CHUNKED_PREFILL, DEFAULT_SCHEDULING, DEFAULT_PREEMPTION,
                DEFAULT_SWAP_SPACE_BYTES, OptionalInt.empty(), DEFAULT_PREFIX_CACHING, 0, OptionalLong.empty());
    }
}
