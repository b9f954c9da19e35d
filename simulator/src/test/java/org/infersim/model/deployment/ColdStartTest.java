package org.infersim.model.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.infersim.scenario.ColdStartConfig;
import org.infersim.scenario.StorageTier;
import org.junit.jupiter.api.Test;

class ColdStartTest {
    private static final double GB = 1e9;

    private final ColdStart cold = new ColdStart(new ColdStartConfig(15 * GB, 200e6, StorageTier.LOCAL_NVME.bytesPerSec(),
            -1, 0));

    @Test
    void weightsLoadAtTheStorageTiersBandwidth() {
        // ServerlessLLM: 130 GB in about 26 s from local NVMe at 5 GB/s.
        assertEquals(26.0, cold.phases(130 * GB, 80, 8, true).weightsNs() / 1e9, 0.5);
        // Llama-2-70B at FP16 (140 GB) in 84 s from a network file system.
        assertEquals(84.0, 140 * GB / StorageTier.NETWORK_FS.bytesPerSec(), 0.01);
    }

    @Test
    void theImageIsPulledOnlyOnANodeThatDoesNotHaveIt() {
        assertEquals(75.0, cold.phases(16 * GB, 32, 1, false).imagePullNs() / 1e9, 1e-9, "15 GB at 200 MB/s");
        assertEquals(0, cold.phases(16 * GB, 32, 1, true).imagePullNs());
    }

    @Test
    void engineInitialisationMatchesTheReportedFiguresItWasFittedTo() {
        double small = ColdStart.defaultEngineInitNs(32, 1) / 1e9;
        double large = ColdStart.defaultEngineInitNs(80, 8) / 1e9;
        assertEquals(30, small, 1, "Llama-3.1-8B on one GPU: 19-39 s reported");
        assertEquals(205, large, 6, "Llama-3.1-70B at TP 8: about 190 s plus engine start reported");
    }

    @Test
    void theTotalIsTheSumOfThePhases() {
        ColdStart.Phases p = cold.phases(16 * GB, 32, 1, false);
        assertEquals(p.imagePullNs() + p.weightsNs() + p.engineInitNs(), p.totalNs());
    }
}
