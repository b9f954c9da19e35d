package org.infersim.model.serving.batching;

import org.infersim.model.serving.KvPreemption;
import org.infersim.plugin.Settings;

/** vLLM V1's default: a victim's blocks are freed, and it prefills its prompt and generated tokens again later. */
public final class RecomputePreemption implements KvPreemption {
    @Override
    public boolean swapsOut(int blocks, long hostBlocksFree) {
        return false;
    }

    /** {@code recompute}. */
    public static final class Provider implements KvPreemption.Provider {
        @Override
        public String name() {
            return "recompute";
        }

        @Override
        public KvPreemption create(Settings settings) {
            return new RecomputePreemption();
        }
    }
}
