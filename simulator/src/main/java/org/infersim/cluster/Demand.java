package org.infersim.cluster;

/** What a workload asks the scheduler for. */
public sealed interface Demand {

    /**
     * Whole GPUs: up to a node's worth as one group on one node (a tensor-parallel group needs
     * NVLink), more than that as whole nodes (a multi-node training job).
     */
    record WholeGpus(int count) implements Demand {
        public WholeGpus {
            if (count < 1) {
                throw new IllegalArgumentException("a demand of " + count + " GPUs");
            }
        }
    }
}
