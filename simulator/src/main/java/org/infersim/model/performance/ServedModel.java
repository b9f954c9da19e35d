package org.infersim.model.performance;

import org.infersim.catalog.GpuSpec;

/**
 * A model as one replica serves it, which is what a step-time model is made for.
 *
 * @param gpu                the GPU type
 * @param footprint          the model at its precision
 * @param tensorParallel     GPUs sharing the work
 * @param computeShare       fraction of each GPU's tensor throughput the replica gets when it runs
 *                           alone (1 for whole GPUs and time-slicing; the SM share under MPS; the
 *                           compute slices of a MIG instance)
 * @param bandwidthShare     fraction of each GPU's memory bandwidth it gets alone (1 but for MIG,
 *                           whose instances own their memory slices' controllers)
 * @param blockSize          KV block size in tokens (for swap traffic)
 * @param offloadBytesPerGpu weights each GPU keeps in host memory and reads over PCIe every step
 *                           (vLLM's {@code --cpu-offload-gb}); 0 for none
 */
public record ServedModel(GpuSpec gpu, ModelFootprint footprint, int tensorParallel, double computeShare,
                          double bandwidthShare, int blockSize, double offloadBytesPerGpu) {

    public ServedModel(GpuSpec gpu, ModelFootprint footprint, int tensorParallel, double computeShare,
                       double bandwidthShare, int blockSize) {
        this(gpu, footprint, tensorParallel, computeShare, bandwidthShare, blockSize, 0);
    }
}
