package org.infersim.model.cluster;

import java.util.function.IntToDoubleFunction;
import org.infersim.plugin.PolicyFamily;
import org.infersim.plugin.PolicyProvider;
import org.infersim.plugin.Settings;

/**
 * How the cluster scheduler chooses among the places where a workload fits: the GPU for a part
 * of one, the node for a tensor-parallel group. It keeps no state (one instance serves the run).
 */
public interface PlacementPolicy {
    /**
     * The place chosen among {@code candidates}, numbered in pool order, given the room each would
     * be left with after the placement ({@code roomAfter}, negative where the workload does not
     * fit there); -1 when it fits nowhere.
     */
    int choose(int candidates, IntToDoubleFunction roomAfter);

    /** Makes the placement policy a cluster names ({@code cluster.placement}). */
    interface Provider extends PolicyProvider {
        @Override
        default PolicyFamily family() {
            return PolicyFamily.PLACEMENT;
        }

        PlacementPolicy create(Settings settings);
    }
}
