package org.infersim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.infersim.input.InvalidInputException;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;

/** The longest sequence an engine takes, decided as vLLM decides it. */
class MaxModelLenTest {
    /** Llama-3.1-70B in BF16 on two H100s: 70 GB of weights per GPU leave a KV cache of a few thousand tokens. */
    private static String scenario(String engine) {
        return """
                name: tight
                seed: 1
                duration: 1m
                cluster:
                  pools: [{name: p, gpu: h100-sxm, count: 2}]
                deployments:
                  - name: d
                    model: llama-3.1-70b
                    tensorParallel: 2
                """ + (engine.isEmpty() ? "" : "    engine: " + engine + "\n") + """
                workloads:
                  - name: w
                    arrival: {type: poisson, rate: 1/s}
                    promptTokens: 500
                    outputTokens: 50
                """;
    }

    @Test
    void aKvCacheThatCannotHoldOneSequenceOfTheModelsContextIsRefusedAsVllmRefusesToStart() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Scenarios.validation().parse(scenario(""), "tight.yaml", Path.of(".")));
        assertEquals(1, e.problems().size());
        String message = e.problems().get(0).message();
        assertTrue(message.contains("fewer than one sequence of the model's 131072-token context, so vLLM refuses to start;"
                + " set engine.maxModelLen to at most "), message);
        assertTrue(message.contains("(or auto, the longest that fits)"), message);
    }

    @Test
    void autoFitsTheLongestSequenceToTheKvCacheAsVllmsMaxModelLenAuto() throws Exception {
        var loaded = Scenarios.validation().parse(scenario("{maxModelLen: auto}"), "tight.yaml", Path.of("."));
        var result = new ClusterRun(loaded, null).run(Progress.NONE);
        assertTrue(result.summary().overall().completed() > 0, "it starts and serves");
        InvalidInputException typo = assertThrows(InvalidInputException.class,
                () -> Scenarios.validation().parse(scenario("{maxModelLen: automatic}"), "tight.yaml", Path.of(".")));
        assertEquals("deployments[0].engine.maxModelLen: expected a number of tokens, or auto (the longest the KV cache "
                + "holds), got 'automatic'", typo.problems().get(0).path() + ": " + typo.problems().get(0).message());
    }

    @Test
    void aGivenMaxModelLenTheCacheCannotHoldNamesTheKeyToLower() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Scenarios.validation().parse(scenario("{maxModelLen: 100000}"), "tight.yaml", Path.of(".")));
        assertEquals("deployments[0].engine.maxModelLen", e.problems().get(0).path());
        assertTrue(e.problems().get(0).message().startsWith("maxModelLen 100000 needs 100000 KV tokens"),
                e.problems().get(0).message());
    }
}
