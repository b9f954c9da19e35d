package org.infersim.scenario;

/**
 * How the cluster scheduler chooses among the places where a workload fits.
 * FIRST_FIT takes the first node (or GPU) in pool order; BEST_FIT takes the one it leaves the
 * least room on, which keeps whole nodes free for large tensor-parallel groups and training jobs.
 */
public enum PlacementPolicy {
    FIRST_FIT,
    BEST_FIT
}
