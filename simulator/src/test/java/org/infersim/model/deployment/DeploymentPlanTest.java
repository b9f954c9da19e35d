package org.infersim.model.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.infersim.catalog.Catalog;
import org.infersim.catalog.GpuSpec;
import org.infersim.catalog.MigProfile;
import org.infersim.catalog.ModelSpec;
import org.infersim.model.serving.ResolvedEngine;
import org.infersim.plugin.Policies;
import org.infersim.run.BuiltInPolicies;
import org.infersim.scenario.Deployment;
import org.infersim.scenario.EngineConfig;
import org.infersim.scenario.GpuShare;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;

/** The engine settings a deployment gets on each GPU type when its scenario leaves them to vLLM. */
class DeploymentPlanTest {
    private static final long GIB = 1L << 30;
    private static final Policies POLICIES = BuiltInPolicies.load();

    private static Catalog catalog() throws Exception {
        return Catalog.builtIn();
    }

    private static ModelSpec llama8b() throws Exception {
        return catalog().model("llama-3.1-8b").orElseThrow();
    }

    private static GpuSpec gpu(String id) throws Exception {
        return catalog().gpu(id).orElseThrow();
    }

    /** The single replica of {@link Scenarios#singleReplica} with another share of its GPU and other engine settings. */
    private static Deployment deployment(GpuShare share, EngineConfig engine) throws Exception {
        Deployment d = Scenarios.load(Scenarios.singleReplica(1, "", 1)).scenario().deployments().get(0);
        return new Deployment(d.name(), d.model(), d.pools(), d.precision(), d.tensorParallel(), d.replicas(), engine,
                d.router(), share, d.priority(), d.startAtNs());
    }

    private static ResolvedEngine engineOn(GpuSpec gpu, GpuShare share) throws Exception {
        return DeploymentPlan.of(deployment(share, EngineConfig.defaults()), gpu, llama8b(), POLICIES).settings();
    }

    @Test
    void aWholeH100GetsVllmsLargerBatchesAndAnA100ItsSmallerOnesThoughItHas80Gb() throws Exception {
        ResolvedEngine h100 = engineOn(gpu("h100-sxm"), null);
        assertEquals(1024, h100.maxNumSeqs());
        assertEquals(8192, h100.maxNumBatchedTokens());
        ResolvedEngine a100 = engineOn(gpu("a100-80gb"), null);
        assertEquals(256, a100.maxNumSeqs());
        assertEquals(2048, a100.maxNumBatchedTokens());
    }

    @Test
    void anEngineOnAShareOfUnder70GibGetsTheSmallDeviceDefaultsEvenOnAnH200() throws Exception {
        assertEquals(256, engineOn(gpu("h200"), new GpuShare.TimeSlicing(0.25)).maxNumSeqs());
        assertEquals(256, engineOn(gpu("h200"), new GpuShare.Mig("4g.71gb")).maxNumSeqs(), "70.5 GB is 65.7 GiB");
        assertEquals(1024, engineOn(gpu("h200"), new GpuShare.Mig("7g.141gb")).maxNumSeqs());
    }

    @Test
    void limitsTheScenarioSetsAreKeptOnEveryGpu() throws Exception {
        EngineConfig d = EngineConfig.defaults();
        EngineConfig set = new EngineConfig(d.blockSize(), d.gpuMemoryUtilization(), OptionalInt.of(64),
                OptionalInt.of(4096), d.chunkedPrefill(), d.scheduling(), d.preemption(), d.swapSpaceBytes(),
                d.maxModelLen(), d.prefixCaching(), 0, java.util.OptionalLong.empty());
        for (String id : List.of("h100-sxm", "a10g")) {
            ResolvedEngine e = DeploymentPlan.of(deployment(null, set), gpu(id), llama8b(), POLICIES).settings();
            assertEquals(64, e.maxNumSeqs(), id);
            assertEquals(4096, e.maxNumBatchedTokens(), id);
        }
    }

    /**
     * Every GPU of the catalog, whole, in fractions and in each of its MIG instances, gets the
     * limits it got when the plan decided "H100-class" itself, from the memory the engine sees
     * and the GPU's id: at least 70 GiB and not an A100.
     */
    @Test
    void everyCatalogGpuAndShareGetsTheLimitsOfVllmsRuleForTheMemoryItsEngineSees() throws Exception {
        for (GpuSpec gpu : catalog().gpus()) {
            List<GpuShare> shares = new ArrayList<>(List.of(new GpuShare.TimeSlicing(0.25),
                    new GpuShare.TimeSlicing(0.9), new GpuShare.Mps(0.5, 0.5)));
            shares.add(null);
            for (MigProfile m : gpu.migProfiles()) {
                shares.add(new GpuShare.Mig(m.name()));
            }
            for (GpuShare share : shares) {
                DeploymentPlan plan = DeploymentPlan.of(deployment(share, EngineConfig.defaults()), gpu, llama8b(), POLICIES);
                boolean large = plan.memoryPerGpuBytes() >= 70 * GIB && !gpu.id().startsWith("a100");
                String what = gpu.id() + " " + share;
                assertEquals(large ? 1024 : 256, plan.settings().maxNumSeqs(), what);
                assertEquals(large ? 8192 : 2048, plan.settings().maxNumBatchedTokens(), what);
            }
        }
    }
}
