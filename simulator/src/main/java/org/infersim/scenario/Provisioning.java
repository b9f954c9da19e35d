package org.infersim.scenario;

/**
 * How a pool is provisioned and, for the modes that change its size, the limits and delays of
 * the change.
 *
 * @param minNodes          dynamic: nodes the autoscaler never goes below (0 for the other modes)
 * @param maxNodes          dynamic and serverless: nodes it never goes above; {@link #UNLIMITED} when
 *                          a serverless pool has no cap; the fixed size of a static pool is the pool's count
 * @param delay             dynamic: from the request for a node to the node being usable
 * @param scaleDownDelayNs  dynamic: how long a node must stay empty before it is removed
 */
public record Provisioning(ProvisioningMode mode, int minNodes, int maxNodes, DurationSpec delay,
                           long scaleDownDelayNs) {
    public static final int UNLIMITED = Integer.MAX_VALUE;

    /** A dynamic pool may shrink to no nodes unless it says otherwise. */
    public static final int DEFAULT_MIN_NODES = 0;

    /**
     * Node provisioning: 2-8 minutes for a GPU node to boot and load its drivers (practitioner
     * reports), uniform between the two when nothing better is known.
     */
    public static final DurationSpec DEFAULT_DELAY = new DurationSpec.Uniform(120_000_000_000L, 480_000_000_000L);

    /**
     * Ten minutes empty before removal: the Kubernetes Cluster Autoscaler's default
     * {@code --scale-down-unneeded-time=10m} (cluster-autoscaler FAQ, "How does scale-down work?").
     */
    public static final long DEFAULT_SCALE_DOWN_DELAY_NS = 600_000_000_000L;

    /** Today's pools: fixed, paid always. */
    public static final Provisioning STATIC = new Provisioning(ProvisioningMode.STATIC, 0, 0,
            new DurationSpec.Fixed(0), 0);

    /** A serverless pool: nodes appear at once (the provider hides their start) and go as soon as they empty. */
    public static Provisioning serverless(int maxNodes) {
        return new Provisioning(ProvisioningMode.SERVERLESS, 0, maxNodes, new DurationSpec.Fixed(0), 0);
    }

    public boolean isStatic() {
        return mode == ProvisioningMode.STATIC;
    }
}
