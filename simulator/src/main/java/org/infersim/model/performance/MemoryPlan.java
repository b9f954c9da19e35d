package org.infersim.model.performance;

import org.infersim.catalog.GpuSpec;

/**
 * How one replica's GPU memory divides into weights, runtime reserve, activation peak and KV
 * cache, as vLLM sizes it: the engine may use {@code gpu_memory_utilization} of each GPU; what
 * the weights (split over the tensor-parallel group), the runtime and the profiled activation
 * peak leave is KV cache.
 *
 * @param memoryPerGpuBytes memory this replica may address on each GPU (a whole GPU, or its share)
 * @param weightBytesPerGpu weights / tp, less what is offloaded to host memory
 * @param offloadBytesPerGpu weights each GPU keeps in host memory (vLLM's {@code --cpu-offload-gb}, at most its decoder layers)
 * @param activationBytesPerGpu activation peak of the largest step (max_num_batched_tokens) plus sampler logits
 * @param reservedBytesPerGpu CUDA context, graphs, allocator slack (from the catalog)
 * @param kvBytesPerGpu what is left for KV blocks on each GPU (may be negative: the model does not fit)
 * @param kvBlocks blocks in the replica's KV cache
 * @param kvTokens tokens those blocks hold
 */
public record MemoryPlan(
        double memoryPerGpuBytes,
        double usableBytesPerGpu,
        double weightBytesPerGpu,
        double offloadBytesPerGpu,
        double activationBytesPerGpu,
        double reservedBytesPerGpu,
        double kvBytesPerGpu,
        long kvBlocks,
        long kvTokens) {

    public static MemoryPlan of(GpuSpec gpu, double memoryPerGpuBytes, ModelFootprint footprint, int tp,
                                double gpuMemoryUtilization, int blockSize, int maxNumBatchedTokens,
                                int maxNumSeqs) {
        return of(gpu, memoryPerGpuBytes, footprint, tp, gpuMemoryUtilization, blockSize, maxNumBatchedTokens,
                maxNumSeqs, 0);
    }

    public static MemoryPlan of(GpuSpec gpu, double memoryPerGpuBytes, ModelFootprint footprint, int tp,
                                double gpuMemoryUtilization, int blockSize, int maxNumBatchedTokens,
                                int maxNumSeqs, long cpuOffloadBytesPerGpu) {
        double usable = memoryPerGpuBytes * gpuMemoryUtilization;
        double allWeights = footprint.weightBytes() / tp;
        // vLLM offloads decoder layers only (make_layers wraps each in maybe_offload_to_cpu):
        // however much is asked, the embeddings and the head stay on the GPU.
        double layers = footprint.model().layers() * footprint.layerWeightBytes(footprint.model().experts()) / tp;
        double offload = Math.min(layers, cpuOffloadBytesPerGpu);
        double weights = allWeights - offload;
        var m = footprint.model();
        // vLLM profiles one forward pass of max_num_batched_tokens: the widest live tensors are the
        // MLP's gate and up projections (2 · f / tp per token) beside the residual stream, in 16 bits;
        // the sampler holds float32 logits for every running sequence.
        double perToken = (4.0 * m.hiddenSize() + 2.0 * m.intermediateSize() / tp) * 2.0;
        double activations = maxNumBatchedTokens * perToken + (double) maxNumSeqs * m.vocabSize() * 4.0;
        double reserved = gpu.efficiency().reservedBytes();
        double kvPerGpu = usable - weights - activations - reserved;
        double kvBytesPerTokenPerGpu = footprint.kvBytesPerToken() / tp;
        long blocks = kvPerGpu <= 0 ? 0 : (long) Math.floor(kvPerGpu / (kvBytesPerTokenPerGpu * blockSize));
        return new MemoryPlan(memoryPerGpuBytes, usable, weights, offload, activations, reserved, kvPerGpu,
                blocks, blocks * blockSize);
    }

    public boolean weightsFit() {
        return weightBytesPerGpu + reservedBytesPerGpu + activationBytesPerGpu < usableBytesPerGpu;
    }
}
