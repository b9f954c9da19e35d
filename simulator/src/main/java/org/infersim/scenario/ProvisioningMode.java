package org.infersim.scenario;

/**
 * How a pool gets its nodes and how it is billed (the three modes of the provisioning seed).
 * STATIC: a fixed set of nodes, paid for all the time, busy or idle. DYNAMIC: a cluster
 * autoscaler adds nodes when workloads are pending and removes nodes left empty; each node is
 * paid from the start of its provisioning to its removal. SERVERLESS: capacity appears when a
 * workload asks for it, with no node start-up seen by the user, and only the GPU time workloads
 * hold is billed.
 */
public enum ProvisioningMode {
    STATIC,
    DYNAMIC,
    SERVERLESS;

    /** As written in scenario files and results: {@code static}, {@code dynamic}, {@code serverless}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
