package org.infersim.model.cluster.placement;

import java.util.function.IntToDoubleFunction;
import org.infersim.model.cluster.PlacementPolicy;
import org.infersim.plugin.Settings;

/**
 * The place left with the least room (the first of those in pool order), which packs shares onto
 * few GPUs and groups onto full nodes, keeping whole nodes free for large tensor-parallel groups
 * and training jobs.
 */
public final class BestFit implements PlacementPolicy {
    @Override
    public int choose(int candidates, IntToDoubleFunction roomAfter) {
        int best = -1;
        double bestRoom = Double.MAX_VALUE;
        for (int i = 0; i < candidates; i++) {
            double room = roomAfter.applyAsDouble(i);
            if (room >= 0 && room < bestRoom) {
                best = i;
                bestRoom = room;
            }
        }
        return best;
    }

    /** {@code best-fit}. */
    public static final class Provider implements PlacementPolicy.Provider {
        @Override
        public String name() {
            return "best-fit";
        }

        @Override
        public PlacementPolicy create(Settings settings) {
            return new BestFit();
        }
    }
}
