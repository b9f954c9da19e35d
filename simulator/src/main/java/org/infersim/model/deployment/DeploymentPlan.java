package org.infersim.model.deployment;

import org.infersim.catalog.GpuSpec;
import org.infersim.catalog.MigProfile;
import org.infersim.catalog.ModelSpec;
import org.infersim.model.cluster.Demand;
import org.infersim.model.cluster.SharingMode;
import org.infersim.model.performance.MemoryPlan;
import org.infersim.model.performance.ModelFootprint;
import org.infersim.model.performance.ServedModel;
import org.infersim.model.performance.StepTimeModel;
import org.infersim.model.serving.KvPreemption;
import org.infersim.model.serving.ResolvedEngine;
import org.infersim.model.serving.SchedulingPolicy;
import org.infersim.plugin.Policies;
import org.infersim.plugin.PolicyChoice;
import org.infersim.plugin.PolicyFamily;
import org.infersim.scenario.Deployment;
import org.infersim.scenario.EngineConfig;
import org.infersim.scenario.GpuShare;

/**
 * Everything about one deployment on one GPU type that follows from its scenario entry and the
 * catalogs before the simulation starts: what it asks the scheduler for, the memory it may
 * address (whole GPUs or its share), the engine defaults vLLM would pick there (from the GPU's
 * catalog entry), the memory split and KV capacity, and the step-time model (made afresh for each
 * replica by its provider).
 *
 * @param memoryPerGpuBytes memory the engine sees on each GPU: all of it, its fraction, or its MIG instance's
 * @param computeShare      share of each GPU's tensor throughput it gets alone
 * @param bandwidthShare    share of each GPU's memory bandwidth it gets alone
 */
public record DeploymentPlan(
        Deployment deployment,
        GpuSpec gpu,
        ModelSpec model,
        Demand demand,
        double memoryPerGpuBytes,
        double computeShare,
        double bandwidthShare,
        ModelFootprint footprint,
        MemoryPlan memory,
        ResolvedEngine settings,
        StepTimeModel.Provider stepTime) {

    /** The plan of {@code d} on {@code gpu}, with its policies from {@code policies} (which validated it). */
    public static DeploymentPlan of(Deployment d, GpuSpec gpu, ModelSpec model, Policies policies) {
        Demand demand;
        double memory;
        double compute = 1;
        double bandwidth = 1;
        GpuShare share = d.gpuShare();
        if (share instanceof GpuShare.TimeSlicing t) {
            // Compute is shared at run time by the GPU's other busy tenants (SharedGpu).
            demand = new Demand.Fraction(SharingMode.TIME_SLICING, t.fraction(), 1);
            memory = t.fraction() * gpu.memoryBytes();
        } else if (share instanceof GpuShare.Mps m) {
            // Alone, an MPS client is held to its SM share but streams memory at the GPU's full
            // bandwidth (MPS does not partition the memory system); neighbours slow it at run time.
            demand = new Demand.Fraction(SharingMode.MPS, m.fraction(), m.compute());
            memory = m.fraction() * gpu.memoryBytes();
            compute = m.compute();
        } else if (share instanceof GpuShare.Mig m) {
            MigProfile profile = gpu.migProfiles().stream().filter(p -> p.name().equals(m.profile())).findFirst()
                    .orElseThrow(() -> new IllegalStateException(gpu.id() + " has no MIG profile " + m.profile()));
            Demand.MigSlice slice = new Demand.MigSlice(profile);
            demand = slice;
            // A MIG instance owns its compute slices (sevenths of the SMs) and the memory slices'
            // controllers (eighths of the memory and of its bandwidth), as in the MIG user guide.
            memory = Math.min(profile.memoryBytes(), gpu.memoryBytes() * slice.billedFraction());
            compute = profile.computeSlices() / 7.0;
            bandwidth = profile.memorySlices() / 8.0;
        } else {
            demand = new Demand.WholeGpus(d.tensorParallel());
            memory = gpu.memoryBytes();
        }
        ModelFootprint footprint = new ModelFootprint(model, d.precision());
        EngineConfig e = d.engine();
        // The engine sees the memory of its share (Run:ai fractions and MIG report that), not the GPU's.
        GpuSpec.BatchDefaults batch = gpu.batchDefaultsFor(memory);
        int maxSeqs = e.maxNumSeqs().orElse(batch.maxNumSeqs());
        int maxBatched = e.maxNumBatchedTokens().orElse(batch.maxNumBatchedTokens());
        int tp = d.tensorParallel();
        MemoryPlan memoryPlan = MemoryPlan.of(gpu, memory, footprint, tp, e.gpuMemoryUtilization(),
                e.blockSize(), maxBatched, maxSeqs, e.cpuOffloadBytes());
        int maxModelLen = e.autoMaxModelLen() ? (int) Math.min(model.maxContext(), memoryPlan.kvTokens())
                : e.maxModelLen().orElse(model.maxContext());
        if (!e.chunkedPrefill()) {
            // Without chunking a whole prompt (or a recomputation) must fit one iteration's budget.
            maxModelLen = Math.min(maxModelLen, maxBatched);
        }
        long blockBytesHost = (long) Math.ceil(e.blockSize() * footprint.kvBytesPerToken());
        long swapBlocks = e.swapSpaceBytes() * tp / Math.max(1, blockBytesHost);
        PolicyChoice scheduling = e.scheduling();
        PolicyChoice preemption = e.preemption();
        ResolvedEngine settings = new ResolvedEngine(e.blockSize(), maxSeqs, maxBatched, e.chunkedPrefill(),
                policies.provider(PolicyFamily.BATCH_SCHEDULING, SchedulingPolicy.Provider.class, scheduling.name())
                        .create(scheduling.settings()),
                policies.provider(PolicyFamily.KV_PREEMPTION, KvPreemption.Provider.class, preemption.name())
                        .create(preemption.settings()),
                swapBlocks, maxModelLen, e.prefixCaching(),
                e.requestOverheadNs().orElse(gpu.efficiency().requestOverheadNs()));
        StepTimeModel.Provider stepTime = policies.provider(PolicyFamily.STEP_TIME, StepTimeModel.Provider.class,
                d.stepTime().name());
        return new DeploymentPlan(d, gpu, model, demand, memory, compute, bandwidth, footprint, memoryPlan, settings,
                stepTime);
    }

    /** GPUs a replica's tensor-parallel group spans: 1 on a share of one GPU. */
    public int tensorParallel() {
        return deployment.tensorParallel();
    }

    /** A new step-time model for one replica of this plan. */
    public StepTimeModel stepTimeModel() {
        return stepTime.create(deployment.stepTime().settings(), servedModel());
    }

    /** The model as a replica of this plan serves it, which its step-time model is made for. */
    public ServedModel servedModel() {
        return new ServedModel(gpu, footprint, tensorParallel(), computeShare, bandwidthShare, settings.blockSize(),
                memory.offloadBytesPerGpu());
    }

    /** Where it runs, in words: "on 1 × h100-sxm", "in 0.25 of h100-sxm (20.0 GB)", "in MIG 1g.20gb of h100-sxm (20.0 GB)". */
    private String where() {
        GpuShare share = deployment.gpuShare();
        if (share instanceof GpuShare.Mig m) {
            return String.format("in MIG %s of %s (%.1f GB)", m.profile(), gpu.id(), memoryPerGpuBytes / 1e9);
        }
        if (share != null) {
            return String.format("in %s of %s (%.1f GB)", fmt(demand.billedFraction()), gpu.id(), memoryPerGpuBytes / 1e9);
        }
        return "on " + tensorParallel() + " × " + gpu.id();
    }

    private String remedy() {
        return deployment.gpuShare() == null ? "use a larger tensorParallel, a smaller precision or a larger GPU"
                : deployment.gpuShare() instanceof GpuShare.Mig ? "use a larger MIG profile or a smaller precision"
                : "use a larger fraction or a smaller precision";
    }

    private static String fmt(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /**
     * Why this deployment cannot run, in words a planner can act on; null when it can. The KV
     * cache must hold at least one sequence of the maximum model length.
     */
    public String fitProblem() {
        String what = model.id() + " at " + deployment.precision().weights().label();
        if (memory.kvBytesPerGpu() <= 0) {
            return String.format("%s does not fit %s: weights need %.1f GB per GPU, runtime and activations "
                            + "%.1f GB, but gpuMemoryUtilization %.2f leaves %.1f GB per GPU; %s",
                    what, where(), memory.weightBytesPerGpu() / 1e9,
                    (memory.reservedBytesPerGpu() + memory.activationBytesPerGpu()) / 1e9,
                    deployment.engine().gpuMemoryUtilization(), memory.usableBytesPerGpu() / 1e9, remedy());
        }
        int wanted = settings.maxModelLen();
        EngineConfig engine = deployment.engine();
        if (!engine.autoMaxModelLen() && memory.kvTokens() < wanted) {
            // vLLM refuses to start unless the KV cache holds one whole sequence of the maximum length.
            return engine.maxModelLen().isPresent()
                    ? String.format("maxModelLen %d needs %d KV tokens but %s %s has room for %d; "
                            + "lower maxModelLen or %s", wanted, wanted, what, where(), memory.kvTokens(), remedy())
                    : String.format("%s %s has room for %d KV tokens, fewer than one sequence of the model's "
                            + "%d-token context, so vLLM refuses to start; set engine.maxModelLen to at most %d "
                            + "(or auto, the longest that fits) or %s", what, where(), memory.kvTokens(), wanted,
                            memory.kvTokens(), remedy());
        }
        if (memory.kvTokens() < settings.blockSize() * 16L) {
            return String.format("%s %s leaves room for only %d KV tokens; %s", what, where(),
                    memory.kvTokens(), remedy());
        }
        return null;
    }
}
