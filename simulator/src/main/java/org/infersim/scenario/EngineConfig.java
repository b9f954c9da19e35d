package org.infersim.scenario;

import java.util.OptionalInt;
import org.infersim.plugin.PolicyChoice;

/**
 * Serving-engine settings, named and defaulted as in vLLM V1. Where vLLM's default depends on
 * the GPU (max_num_seqs, max_num_batched_tokens), the value here is empty and the replica
 * resolves it from the GPU it runs on.
 *
 * @param scheduling  the order in which waiting requests are admitted and victims preempted
 * @param preemption  what becomes of a preempted sequence's KV blocks
 * @param maxModelLen longest sequence (prompt + output) a request may have; empty = the model's context
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
        OptionalInt maxModelLen) {

    /** vLLM V1 defaults: block 16, 0.9 of GPU memory, chunked prefill, FCFS, recompute, 4 GiB swap. */
    public static EngineConfig defaults() {
        return new EngineConfig(16, 0.9, OptionalInt.empty(), OptionalInt.empty(), true,
                PolicyChoice.of("fcfs"), PolicyChoice.of("recompute"), 4L << 30, OptionalInt.empty());
    }
}
