package org.infersim.plugin;

/**
 * The places where a scenario chooses a policy by name, each extensible the same way: a
 * {@link PolicyProvider} of the family, built in or registered on the class path.
 */
public enum PolicyFamily {
    /** How a deployment spreads requests across its ready replicas ({@code deployments[].router}). */
    ROUTING("router"),
    /** Where the cluster scheduler puts a workload among the places it fits ({@code cluster.placement}). */
    PLACEMENT("placement policy"),
    /** The order in which a replica admits waiting requests and picks preemption victims ({@code engine.scheduling}). */
    BATCH_SCHEDULING("scheduling policy"),
    /** What happens to the KV blocks of a sequence preempted for lack of room ({@code engine.preemption}). */
    KV_PREEMPTION("preemption mode"),
    /** How many replicas a deployment runs ({@code deployments[].autoscaler.policy}). */
    AUTOSCALING("autoscaling policy"),
    /** How long an engine iteration takes ({@code deployments[].stepTime}). */
    STEP_TIME("step-time model");

    private final String what;

    PolicyFamily(String what) {
        this.what = what;
    }

    /** What one of its policies is called in messages: "unknown router 'x'". */
    public String what() {
        return what;
    }
}
