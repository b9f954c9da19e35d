package org.infersim.autoscale;

import java.util.List;

/**
 * Makes a named autoscaling policy, for scenarios to name in {@code autoscaler.policy}. The
 * built-in ones are in {@link BuiltInPolicy}; a researcher adds one by implementing this interface
 * and listing the class in {@code META-INF/services/org.infersim.autoscale.ScalingPolicyProvider}
 * on the class path (see the README).
 */
public interface ScalingPolicyProvider {
    /** The name scenarios use. */
    String name();

    /** The settings it accepts; scenario validation rejects others with a suggestion. */
    List<PolicySetting> settings();

    /** Why this policy cannot work with the given metric, or null if it can. */
    default String unsupported(ScalingMetric metric) {
        return null;
    }

    /** A new policy for one deployment; each deployment of each run gets its own. */
    ScalingPolicy create(PolicyContext context);
}
