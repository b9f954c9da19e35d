package org.infersim.model.serving.batching;

import org.infersim.model.serving.KvPreemption;
import org.infersim.plugin.Settings;

/**
 * A victim's blocks are copied to host memory over PCIe (the swap space) and copied back before
 * it resumes; when the swap space is full, it is recomputed instead.
 */
public final class SwapPreemption implements KvPreemption {
    @Override
    public boolean swapsOut(int blocks, long hostBlocksFree) {
        return blocks <= hostBlocksFree;
    }

    /** {@code swap}. */
    public static final class Provider implements KvPreemption.Provider {
        @Override
        public String name() {
            return "swap";
        }

        @Override
        public KvPreemption create(Settings settings) {
            return new SwapPreemption();
        }
    }
}
