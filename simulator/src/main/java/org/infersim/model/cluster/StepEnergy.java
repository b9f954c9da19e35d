package org.infersim.model.cluster;

/**
 * The energy replicas' steps drew above their GPUs' idle power, pool by pool, as the metrics
 * meter it: what an owned pool's electricity bill needs beyond idle, nodes and jobs.
 */
public interface StepEnergy {
    /** Joules above idle of the pool's replicas' steps, over the whole run so far ({@code measuredOnly} false) or since warm-up. */
    double stepJoules(int pool, boolean measuredOnly);

    StepEnergy NONE = (pool, measuredOnly) -> 0;
}
