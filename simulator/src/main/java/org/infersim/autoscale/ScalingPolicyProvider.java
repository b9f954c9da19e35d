package org.infersim.autoscale;

import org.infersim.plugin.PolicyFamily;
import org.infersim.plugin.PolicyProvider;
import org.infersim.plugin.Settings;

/**
 * Makes a named autoscaling policy, for scenarios to name in {@code autoscaler.policy}, and says
 * what scenario validation needs to know of it: the metrics it can use and how it treats the
 * replica bounds. A researcher adds one by implementing this interface and listing the class in
 * {@code META-INF/services/org.infersim.plugin.PolicyProvider} on the class path (see the README).
 */
public interface ScalingPolicyProvider extends PolicyProvider {
    @Override
    default PolicyFamily family() {
        return PolicyFamily.AUTOSCALING;
    }

    /** Why this policy cannot work with the given metric, or null if it can. */
    default String unsupported(ScalingMetric metric) {
        return null;
    }

    /** Whether its minimum defaults to zero replicas (it scales to zero unless told otherwise); else to one. */
    default boolean scalesToZeroByDefault() {
        return false;
    }

    /** Why it cannot be given a minimum of zero replicas, or null when it can. */
    default String whyNotZero() {
        return null;
    }

    /**
     * Whether it keeps the replicas the deployment starts with: then it needs no target and no
     * maximum, and its bounds default to that count.
     */
    default boolean holdsInitialReplicas() {
        return false;
    }

    /** A new policy for one deployment, with the settings the scenario gave it; each deployment of each run gets its own. */
    ScalingPolicy create(Settings settings, ScalingContext context);
}
