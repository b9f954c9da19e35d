package org.infersim.scenario.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.infersim.catalog.ModelSpec;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.results.RunSummary;
import org.infersim.scenario.LoadedScenario;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;

class ModelBinderTest {

    /** One replica of the given model on one H100, with light chat traffic. */
    static String scenario(String model) {
        return """
                name: hf
                duration: 2m
                warmup: 10s
                cluster:
                  pools: [{name: p, gpu: h100-sxm, count: 1}]
                deployments:
                  - name: d
                    model: %s
                workloads:
                  - name: chat
                    arrival: {type: poisson, rate: 2/s}
                    promptTokens: {type: lognormal, mean: 500, stddev: 200, max: 4000}
                    outputTokens: {type: lognormal, mean: 100, stddev: 50, max: 1000}
                """.formatted(model);
    }

    @Test
    void aModelReadFromConfigJsonRunsAsTheCatalogModelOfTheSameShapes() throws Exception {
        String config = "{config: src/test/resources/huggingface/llama-3.1-8b/config.json, id: my-llama}";
        LoadedScenario loaded = Scenarios.load(scenario(config));
        assertEquals("my-llama", loaded.scenario().deployments().get(0).model());
        ModelSpec m = loaded.catalog().model("my-llama").orElseThrow();
        assertEquals(8_030_261_248L, m.publishedParams());

        RunSummary fromConfig = Scenarios.summary(scenario(config));
        RunSummary fromCatalog = Scenarios.summary(scenario("llama-3.1-8b"));
        assertTrue(fromConfig.requests().completed() > 200, fromConfig.requests().toString());
        // The same shapes give the same step times, so the same requests complete in the same time.
        assertEquals(fromCatalog.requests(), fromConfig.requests());
        assertEquals(fromCatalog.overall().ttftMs().p50(), fromConfig.overall().ttftMs().p50(), 1e-9);
    }

    @Test
    void aHuggingFaceIdNamesTheCatalogEntryThatListsIt() throws Exception {
        LoadedScenario loaded = Scenarios.load(scenario("meta-llama/Llama-3.1-8B-Instruct"));
        assertEquals("llama-3.1-8b", loaded.scenario().deployments().get(0).model());
        assertEquals("llama-3.2-1b", Scenarios.load(scenario("META-LLAMA/Llama-3.2-1B")).scenario()
                .deployments().get(0).model()); // as ids are, case-insensitively
    }

    @Test
    void anUnknownHuggingFaceIdSuggestsTheNearestKnownOne() {
        Problem p = problem(scenario("meta-llama/Llama-3.1-8B-Instrct"));
        assertEquals("deployments[0].model", p.path());
        assertTrue(p.message().startsWith("unknown model 'meta-llama/Llama-3.1-8B-Instrct'; did you mean"
                + " 'meta-llama/Llama-3.1-8B-Instruct'? Known: codellama-34b, llama-2-70b, llama-2-7b,"), p.message());
    }

    @Test
    void aRefusedConfigIsAProblemOfTheConfigFileAndTheScenarioExitsAsBadInput() {
        Problem p = problem(scenario("{config: src/test/resources/huggingface/deepseek-v3/config.json}"));
        assertEquals("src/test/resources/huggingface/deepseek-v3/config.json", p.file());
        assertEquals("kv_lora_rank", p.path());
        assertTrue(p.message().startsWith("cannot model DeepseekV3ForCausalLM: its multi-head latent attention"));
    }

    @Test
    void aConfigWhoseIdIsACatalogModelMustBeNamed() {
        Problem p = problem(scenario("{config: src/test/resources/huggingface/llama-3.1-8b/config.json}"));
        assertEquals("deployments[0].model.config", p.path());
        assertEquals("model id 'llama-3.1-8b' is already the catalog's llama-3.1-8b; name the model read from"
                + " config.json with a different 'id:', or write model: llama-3.1-8b to use the catalog's", p.message());
    }

    @Test
    void aMissingConfigFileSaysWhereItLooked() {
        Problem p = problem(scenario("{config: nowhere/config.json}"));
        assertEquals("deployments[0].model.config", p.path());
        assertTrue(p.message().startsWith("config.json 'nowhere/config.json' not found"), p.message());
    }

    private static Problem problem(String yaml) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Scenarios.load(yaml));
        return e.problems().get(0);
    }
}
