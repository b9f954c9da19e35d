package org.infersim.scenario;

/** How a deployment spreads requests across its replicas. */
public enum RouterPolicy {
    ROUND_ROBIN,
    LEAST_OUTSTANDING,
    LEAST_KV
}
