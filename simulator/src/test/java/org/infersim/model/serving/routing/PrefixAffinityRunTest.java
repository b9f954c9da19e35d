package org.infersim.model.serving.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.infersim.plugin.PolicyChoice;
import org.infersim.plugin.Settings;
import org.infersim.results.RunSummary;
import org.infersim.run.ClusterRun;
import org.infersim.run.Progress;
import org.infersim.scenario.LoadedScenario;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-turn chat replayed from a Mooncake trace onto four replicas: each turn's prompt repeats
 * the conversation so far, which is cached where the previous turn ran.
 */
class PrefixAffinityRunTest {
    private static final String SCENARIO = """
            name: chat
            seed: 3
            duration: 3m
            cluster:
              pools: [{name: p, gpu: h100-sxm, count: 4}]
            deployments:
              - name: d
                model: llama-3.1-8b
                replicas: 4
                router: %s
            workloads:
              - name: w
                arrival: {type: trace, file: chat.jsonl}
            """;

    /**
     * 24 conversations of 4 turns, started 0.1 s apart, each with its own pace of 4 to 7 s a turn (so
     * that turns do not arrive in one order, turn after turn): the first turn is a shared system
     * block and two blocks of its own; each later turn adds two blocks to the last. Written in time
     * order, as a trace is.
     */
    private static void writeTrace(Path file) throws Exception {
        List<Map.Entry<Long, String>> lines = new ArrayList<>();
        long nextId = 1;
        for (int c = 0; c < 24; c++) {
            List<Long> ids = new ArrayList<>(List.of(0L));
            for (int turn = 0; turn < 4; turn++) {
                ids.add(nextId++);
                ids.add(nextId++);
                long atMs = c * 100 + turn * (4_000 + c * 797 % 3_000);
                lines.add(Map.entry(atMs, "{\"timestamp\": " + atMs + ", \"input_length\": " + 512 * ids.size()
                        + ", \"output_length\": 200, \"hash_ids\": " + ids + "}"));
            }
        }
        lines.sort(Map.Entry.comparingByKey()); // stable: turns at one instant keep their order
        Files.write(file, lines.stream().map(Map.Entry::getValue).toList());
    }

    private static RunSummary run(Path dir, String router) throws Exception {
        LoadedScenario s = Scenarios.validation().parse(SCENARIO.formatted(router), "chat.yaml", dir);
        return new ClusterRun(s, null).run(Progress.NONE).summary();
    }

    @Test
    void sendingEachTurnWhereTheConversationIsCachedSavesMostOfItsPrefill(@TempDir Path dir) throws Exception {
        writeTrace(dir.resolve("chat.jsonl"));
        RunSummary unbound = run(dir, "{policy: prefix-affinity, loadBound: 1000%}");
        RunSummary affinity = run(dir, "prefix-affinity");
        RunSummary spread = run(dir, "least-outstanding");
        assertEquals(96, affinity.overall().completed());
        assertEquals(96, spread.overall().completed());
        // Turns 2 to 4 repeat the 1536, 2560 and 3584 tokens of the turn before: 24 x 7680 = 184 320. The system
        // block is cached for every first turn but the very first: 23 x 512. With a bound that never binds,
        // every turn finds its conversation.
        assertEquals(184_320 + 23 * 512, unbound.overall().prefillTokensSaved());
        // Within 25% of the mean (+1) a few turns go elsewhere; spread by load alone, most do.
        long saved = affinity.overall().prefillTokensSaved();
        long spreadSaved = spread.overall().prefillTokensSaved();
        assertTrue(saved > 170_000 && spreadSaved < 110_000,
                "affinity " + saved + ", least-outstanding " + spreadSaved);
        // The engines' front end takes its time whatever the router; the prefill saved is the rest.
        double frontEnd = Scenarios.frontEndMs("h100-sxm");
        assertTrue(affinity.overall().ttftMs().mean() - frontEnd < 0.75 * (spread.overall().ttftMs().mean() - frontEnd),
                "the prefill not done is time to first token saved");
    }

    @Test
    void itIsNamedWithItsSettingsInAScenario(@TempDir Path dir) throws Exception {
        writeTrace(dir.resolve("chat.jsonl"));
        LoadedScenario s = Scenarios.validation().parse(
                SCENARIO.formatted("{policy: prefix-affinity, loadBound: 50%, memory: 1000}"), "chat.yaml", dir);
        assertEquals(new PolicyChoice("prefix-affinity", new Settings(Map.of("loadBound", 0.5, "memory", 1000.0))),
                s.scenario().deployments().get(0).router());
    }
}
