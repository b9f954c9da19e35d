package org.infersim.model.serving;

import org.infersim.plugin.PolicyFamily;
import org.infersim.plugin.PolicyProvider;
import org.infersim.plugin.Settings;

/**
 * What becomes of the KV blocks of a running sequence preempted for lack of room: copied to host
 * memory, to resume where it stopped once there is room again (swapped sequences come back before
 * any waiting request is admitted), or freed, to prefill its prompt and generated tokens again
 * when it is admitted anew. One instance serves every replica of a deployment: it keeps no state.
 */
public interface KvPreemption {
    /**
     * Whether a victim holding {@code blocks} KV blocks is swapped out to host memory, where
     * {@code hostBlocksFree} blocks are left, rather than recomputed.
     */
    boolean swapsOut(int blocks, long hostBlocksFree);

    /** Makes the preemption mode an engine names ({@code engine.preemption}). */
    interface Provider extends PolicyProvider {
        @Override
        default PolicyFamily family() {
            return PolicyFamily.KV_PREEMPTION;
        }

        KvPreemption create(Settings settings);
    }
}
