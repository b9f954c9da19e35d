package org.infersim.model.cluster;

import org.infersim.catalog.MigProfile;

/** What a workload asks the scheduler for. */
public sealed interface Demand {

    /** How the GPUs it gets are used. */
    SharingMode sharing();

    /** Share of each GPU it is billed for. */
    double billedFraction();

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

        @Override
        public SharingMode sharing() {
            return SharingMode.WHOLE;
        }

        @Override
        public double billedFraction() {
            return 1;
        }
    }

    /**
     * A share of one GPU shared by time-slicing or MPS.
     *
     * @param fraction     share of the GPU's memory, partitioned and enforced; also what is billed
     * @param computeShare MPS: share of the SMs its kernels may use; time-slicing: 1 (it gets the whole
     *                     GPU when its neighbours are idle)
     */
    record Fraction(SharingMode sharing, double fraction, double computeShare) implements Demand {
        public Fraction {
            if (sharing != SharingMode.TIME_SLICING && sharing != SharingMode.MPS) {
                throw new IllegalArgumentException("a fraction is shared by time-slicing or MPS, not " + sharing);
            }
            if (!(fraction > 0 && fraction <= 1) || !(computeShare > 0 && computeShare <= 1)) {
                throw new IllegalArgumentException("fraction " + fraction + ", compute share " + computeShare);
            }
        }

        @Override
        public double billedFraction() {
            return fraction;
        }
    }

    /**
     * One MIG instance. Billed by its memory slices (eighths), the same meaning as a fraction:
     * four 1g.20gb instances fill an 80 GB GPU and are billed a quarter each.
     */
    record MigSlice(MigProfile profile) implements Demand {
        @Override
        public SharingMode sharing() {
            return SharingMode.MIG;
        }

        @Override
        public double billedFraction() {
            return profile.memorySlices() / (double) Gpu.MIG_MEMORY_SLICES;
        }
    }
}
