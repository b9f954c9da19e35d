package org.infersim.model.serving;

/**
 * A replica's engine settings with every default resolved for the GPU it runs on, and its
 * scheduling and preemption policies made (shared by the replicas of a deployment).
 *
 * @param swapBlocks KV blocks host memory can hold for swapped-out sequences
 * @param maxModelLen longest prompt + output a request may have
 * @param prefixCaching whether blocks of prompts seen before are reused
 * @param requestOverheadNs time each request spends in the engine's front end, which no step sees:
 *                          it counts in the request's latencies as time before it reached the engine
 */
public record ResolvedEngine(
        int blockSize,
        int maxNumSeqs,
        int maxNumBatchedTokens,
        boolean chunkedPrefill,
        SchedulingPolicy scheduling,
        KvPreemption preemption,
        long swapBlocks,
        int maxModelLen,
        boolean prefixCaching,
        long requestOverheadNs) {}
