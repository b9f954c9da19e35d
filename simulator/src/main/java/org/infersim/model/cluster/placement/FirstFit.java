package org.infersim.model.cluster.placement;

import java.util.function.IntToDoubleFunction;
import org.infersim.model.cluster.PlacementPolicy;
import org.infersim.plugin.Settings;

/** The first place in pool order where the workload fits. */
public final class FirstFit implements PlacementPolicy {
    @Override
    public int choose(int candidates, IntToDoubleFunction roomAfter) {
        for (int i = 0; i < candidates; i++) {
            if (roomAfter.applyAsDouble(i) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** {@code first-fit}, the default. */
    public static final class Provider implements PlacementPolicy.Provider {
        @Override
        public String name() {
            return "first-fit";
        }

        @Override
        public PlacementPolicy create(Settings settings) {
            return new FirstFit();
        }
    }
}
