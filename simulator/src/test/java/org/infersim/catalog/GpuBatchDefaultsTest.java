package org.infersim.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.infersim.catalog.GpuSpec.BatchDefaults;
import org.infersim.input.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch limits vLLM picks on each GPU when a scenario sets none: in the GPU's catalog entry. */
class GpuBatchDefaultsTest {

    private static GpuSpec userGpu(Path dir, String yaml) throws Exception {
        Files.writeString(dir.resolve("gpus.yaml"), yaml);
        return Catalog.load(List.of(dir)).gpu("h100-sxm").orElseThrow();
    }

    @Test
    void everyShippedGpuStatesWhatVllmPicksForItsMemoryAndNameWithASource() throws Exception {
        for (GpuSpec g : Catalog.builtIn().gpus()) {
            assertEquals(BatchDefaults.ofDevice(g.memoryBytes(), g.name()), g.batchDefaults(), g.id());
            assertTrue(g.sources().get("batchDefaults").contains("get_batch_defaults"), g.id());
        }
        assertEquals(new BatchDefaults(1024, 8192), Catalog.builtIn().gpu("h100-pcie").orElseThrow().batchDefaults());
        assertEquals(new BatchDefaults(256, 2048), Catalog.builtIn().gpu("a100-80gb").orElseThrow().batchDefaults());
    }

    @Test
    void aUserGpuThatStatesNoneGetsVllmsRuleForItsMemoryAndName(@TempDir Path dir) throws Exception {
        assertEquals(new BatchDefaults(1024, 8192), userGpu(dir, CatalogTest.USER_GPU).batchDefaults(), "80 GiB H100");
        assertEquals(new BatchDefaults(256, 2048), userGpu(dir, CatalogTest.USER_GPU.replace(
                "name: H100 SXM, our measured node", "name: A100 SXM4 80GB, our node")).batchDefaults());
        assertEquals(new BatchDefaults(256, 2048), userGpu(dir, CatalogTest.USER_GPU.replace(
                "memory: 80GiB", "memory: 48GB")).batchDefaults());
    }

    @Test
    void aUserGpuMayStateItsOwnWithOneSourceForBoth(@TempDir Path dir) throws Exception {
        String own = CatalogTest.USER_GPU.replace("priceDate: 2026-10\n",
                "priceDate: 2026-10\n    batchDefaults: {maxNumSeqs: 512, maxNumBatchedTokens: 4096}\n");
        String sourced = own.replace("price: our contract\n", "price: our contract\n      batchDefaults: our tuning\n");
        assertEquals(new BatchDefaults(512, 4096), userGpu(dir, sourced).batchDefaults());

        List<Problem> p = CatalogTest.gpuProblems(dir, own);
        assertEquals(1, p.size(), p.toString());
        assertEquals(15, p.get(0).line());
        assertEquals("gpus[0].batchDefaults", p.get(0).path());
    }

    @Test
    void anEngineOnPartOfAGpuUnder70GibGetsTheSmallDeviceDefaults() throws Exception {
        GpuSpec h200 = Catalog.builtIn().gpu("h200").orElseThrow();
        assertEquals(new BatchDefaults(1024, 8192), h200.batchDefaultsFor(141e9));
        assertEquals(new BatchDefaults(256, 2048), h200.batchDefaultsFor(70.5e9), "a 4g.71gb instance: 65.7 GiB");
        assertEquals(new BatchDefaults(256, 2048), Catalog.builtIn().gpu("a100-80gb").orElseThrow()
                .batchDefaultsFor(80e9));
    }
}
