package org.infersim.model.serving;

import org.infersim.scenario.PreemptionMode;
import org.infersim.scenario.SchedulingPolicy;

/**
 * A replica's engine settings with every default resolved for the GPU it runs on.
 *
 * @param swapBlocks KV blocks host memory can hold for swapped-out sequences
 * @param maxModelLen longest prompt + output a request may have
 */
public record ResolvedEngine(
        int blockSize,
        int maxNumSeqs,
        int maxNumBatchedTokens,
        boolean chunkedPrefill,
        SchedulingPolicy scheduling,
        PreemptionMode preemption,
        long swapBlocks,
        int maxModelLen) {}
