package org.infersim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.infersim.results.RunSummary;
import org.infersim.scenario.LoadedScenario;
import org.infersim.scenario.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scenario in scenarios/ loads and runs; long ones are cut to their first hour. */
class ShippedScenariosTest {
    private static final long MAX_NS = 3_600_000_000_000L;

    static Stream<Path> shipped() throws Exception {
        Path dir = Path.of(System.getProperty("infersim.root", ".."), "scenarios");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertFalse(list.isEmpty());
            return list.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void runsAndConservesRequests(Path file) throws Exception {
        LoadedScenario loaded = ScenarioValidation.load(file, List.of());
        Scenario s = loaded.scenario();
        if (s.durationNs() > MAX_NS) {
            s = new Scenario(s.name(), s.seed(), MAX_NS, Math.min(s.warmupNs(), MAX_NS / 10), s.metricsIntervalNs(),
                    s.pools(), s.placement(), s.deployments(), s.workloads(), s.jobs(), s.catalogs(), s.file(),
                    s.source());
        }
        RunSummary summary = new ClusterRun(s, loaded.catalog(), null).run(Progress.NONE).summary();
        var r = summary.requests();
        assertTrue(r.arrived() > 0, file + ": no requests");
        assertEquals(r.arrived(), r.completed() + r.rejected() + r.inFlight());
        assertTrue(summary.overall().completed() > 0, file + ": nothing completed");
    }
}
