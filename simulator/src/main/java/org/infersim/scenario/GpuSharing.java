package org.infersim.scenario;

/**
 * How a pool's GPUs behave when tenants share them.
 *
 * @param contextSwitchNs time-slicing: the GPU time lost each time it turns from one tenant's
 *                        work to another's
 * @param mpsInterference MPS: how much a tenant slows down per unit of SM share its busy
 *                        neighbours hold (their kernels compete for memory bandwidth and caches)
 */
public record GpuSharing(long contextSwitchNs, double mpsInterference) {

    /**
     * Context switch: an ASSUMPTION, unmeasured: 100 us per switch, small beside the 2-30 ms time
     * slices of nvidia-smi compute-policy. MPS interference: fitted on the one published
     * measurement we have (a practitioner report): two replicas of a 4B model at 60% of the SMs
     * each on an A100 saw median TPOT +19.5%, so 0.195 / 0.6 = 0.325 per unit of neighbour share.
     */
    public static final GpuSharing DEFAULTS = new GpuSharing(100_000, 0.325);
}
