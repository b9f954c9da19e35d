package org.infersim.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.infersim.results.PoolSummary;
import org.infersim.results.RunSummary;
import org.infersim.run.ClusterRun;
import org.infersim.run.Progress;
import org.infersim.scenario.LoadedScenario;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;

class RunFiguresTest {
    @Test
    void aPoolThatGrowsAndShrinksCountsAtTheMostGpusItHeld() throws Exception {
        LoadedScenario l = Scenarios.validation().load(
                Path.of(System.getProperty("infersim.root", ".."), "scenarios", "elastic-capacity.yaml"));
        RunSummary s = new ClusterRun(l, null).run(Progress.NONE).summary();
        PoolSummary owned = s.pools().get(0);
        PoolSummary onDemand = s.pools().get(1);
        assertTrue(onDemand.peakGpus() > onDemand.gpus(), "it shrank by the end: " + onDemand);
        assertEquals(owned.gpus() + onDemand.peakGpus(), RunFigures.of(s, null).gpus());
    }
}
