package org.infersim.run;

import org.infersim.catalog.GpuSpec;
import org.infersim.catalog.ModelSpec;
import org.infersim.physics.MemoryPlan;
import org.infersim.physics.ModelFootprint;
import org.infersim.physics.StepTimeModel;
import org.infersim.scenario.Deployment;
import org.infersim.scenario.EngineConfig;
import org.infersim.serving.EngineSettings;

/**
 * Everything about one deployment that follows from its scenario entry and the catalogs before
 * the simulation starts: the engine defaults vLLM would pick on that GPU, the memory split and
 * KV capacity, and the step-time model.
 */
public record DeploymentPlan(
        Deployment deployment,
        GpuSpec gpu,
        ModelSpec model,
        ModelFootprint footprint,
        MemoryPlan memory,
        EngineSettings settings) {

    /** Memory vLLM's H100-class defaults assume (device memory of at least 70 GiB). */
    private static final long LARGE_GPU_BYTES = 70L << 30;

    public static DeploymentPlan of(Deployment d, GpuSpec gpu, ModelSpec model) {
        ModelFootprint footprint = new ModelFootprint(model, d.precision());
        EngineConfig e = d.engine();
        // vLLM's EngineArgs.get_batch_defaults for the OpenAI server: larger batches on
        // H100-class GPUs (>= 70 GiB, not A100), 256 sequences and 2,048 tokens elsewhere.
        boolean large = gpu.memoryBytes() >= LARGE_GPU_BYTES && !gpu.id().startsWith("a100");
        int maxSeqs = e.maxNumSeqs().orElse(large ? 1024 : 256);
        int maxBatched = e.maxNumBatchedTokens().orElse(large ? 8192 : 2048);
        int tp = d.tensorParallel();
        MemoryPlan memory = MemoryPlan.of(gpu, gpu.memoryBytes(), footprint, tp, e.gpuMemoryUtilization(),
                e.blockSize(), maxBatched, maxSeqs);
        int maxModelLen = e.maxModelLen().orElse((int) Math.min(model.maxContext(), memory.kvTokens()));
        if (!e.chunkedPrefill()) {
            // Without chunking a whole prompt (or a recomputation) must fit one iteration's budget.
            maxModelLen = Math.min(maxModelLen, maxBatched);
        }
        long blockBytesHost = (long) Math.ceil(e.blockSize() * footprint.kvBytesPerToken());
        long swapBlocks = e.swapSpaceBytes() * tp / Math.max(1, blockBytesHost);
        EngineSettings settings = new EngineSettings(e.blockSize(), maxSeqs, maxBatched, e.chunkedPrefill(),
                e.scheduling(), e.preemption(), swapBlocks, maxModelLen);
        return new DeploymentPlan(d, gpu, model, footprint, memory, settings);
    }

    public StepTimeModel stepTimeModel() {
        return new StepTimeModel(gpu, footprint, deployment.tensorParallel(), 1.0, settings.blockSize());
    }

    /**
     * Why this deployment cannot run, in words a planner can act on; null when it can. The KV
     * cache must hold at least one sequence of the maximum model length.
     */
    public String fitProblem() {
        int tp = deployment.tensorParallel();
        String what = model.id() + " at " + deployment.precision().weights().label();
        if (memory.kvBytesPerGpu() <= 0) {
            return String.format("%s does not fit on %d × %s: weights need %.1f GB per GPU, runtime and activations "
                            + "%.1f GB, but gpuMemoryUtilization %.2f leaves %.1f GB per GPU; use a larger "
                            + "tensorParallel, a smaller precision or a larger GPU",
                    what, tp, gpu.id(), memory.weightBytesPerGpu() / 1e9,
                    (memory.reservedBytesPerGpu() + memory.activationBytesPerGpu()) / 1e9,
                    deployment.engine().gpuMemoryUtilization(), memory.usableBytesPerGpu() / 1e9);
        }
        int wanted = settings.maxModelLen();
        if (deployment.engine().maxModelLen().isPresent() && memory.kvTokens() < wanted) {
            return String.format("maxModelLen %d needs %d KV tokens but %s on %d × %s has room for %d; "
                    + "lower maxModelLen or add GPUs", wanted, wanted, what, tp, gpu.id(), memory.kvTokens());
        }
        if (memory.kvTokens() < settings.blockSize() * 16L) {
            return String.format("%s on %d × %s leaves room for only %d KV tokens; use a larger tensorParallel, "
                    + "a smaller precision or a larger GPU", what, tp, gpu.id(), memory.kvTokens());
        }
        return null;
    }
}
