package org.infersim.model.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.scenario.LoadedScenario;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step-time table that cannot time a deployment fails validation, pointing at the line that chose it. */
class StepTimeCheckTest {
    static final String PREFILL_ROWS = """
            gpu,model,tp,precision,prefill_tokens,decode_seqs,decode_context,step_ms
            h100-sxm,llama-2-7b,1,bf16,256,0,0,20
            h100-sxm,llama-2-7b,1,bf16,2048,0,0,60
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void writeTable() throws Exception {
        Files.createDirectories(dir.resolve("tables"));
        Files.writeString(dir.resolve("tables/steps.csv"), PREFILL_ROWS + "h100-sxm,llama-2-7b,1,bf16,0,8,500,9\n");
        Files.writeString(dir.resolve("tables/prefill-only.csv"), PREFILL_ROWS);
    }

    /** One deployment of {@code model} on {@code pools} (a100 and h100 pools exist) with the given stepTime. */
    LoadedScenario load(String model, String pools, String stepTime, String extra) throws Exception {
        return Scenarios.validation().parse("""
                name: t
                duration: 1m
                cluster:
                  pools:
                    - {name: h100, gpu: h100-sxm, count: 1}
                    - {name: a100, gpu: a100-80gb, count: 1}
                deployments:
                  - name: d
                    model: %s
                    pools: %s
                    stepTime: %s
                    %s
                workloads:
                  - name: w
                    arrival: {type: poisson, rate: 2/s}
                    promptTokens: 500
                    outputTokens: 100
                """.formatted(model, pools, stepTime, extra), "scenario.yaml", dir);
    }

    List<String> problems(String model, String pools, String stepTime, String extra) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> load(model, pools, stepTime, extra));
        return e.problems().stream().map(Problem::toString).map(s -> s.replace(dir + "/", "")).toList();
    }

    @Test
    void aTableIsFoundBesideTheScenarioAndServesTheDeploymentItHasRowsFor() throws Exception {
        LoadedScenario s = load("llama-2-7b", "[h100]", "{policy: table, file: tables/steps.csv}", "");
        assertEquals(dir.resolve("tables/steps.csv"), s.scenario().deployments().get(0).stepTime().settings()
                .values().get("file"));
        // On the A100 pool, which the table has no rows for, the roofline times it.
        load("llama-2-7b", "[h100, a100]", "{policy: table, file: tables/steps.csv}", "");
    }

    @Test
    void aTableWithNoRowsForTheDeploymentIsRefusedRatherThanIgnored() {
        assertEquals(List.of("scenario.yaml:11: deployments[0].stepTime: tables/steps.csv has no rows for"
                        + " llama-3.1-8b at tp 1, bf16 on h100-sxm, so it would time nothing; it has rows for h100-sxm"
                        + " llama-2-7b tp 1 bf16. Add rows for this deployment, or use stepTime: roofline"),
                problems("llama-3.1-8b", "[h100]", "{policy: table, file: tables/steps.csv}", ""));
        assertTrue(problems("llama-2-7b", "[h100]", "{policy: table, file: tables/steps.csv}",
                "gpuShare: {mode: mig, profile: 3g.40gb}").get(0).contains("on a share of a GPU (a table measures"
                + " whole GPUs)"));
    }

    @Test
    void withoutAFallbackEveryGpuAndBothKindsOfStepMustBeMeasured() {
        assertEquals(List.of("scenario.yaml:11: deployments[0].stepTime: tables/prefill-only.csv has no decode rows"
                        + " for llama-2-7b at tp 1, bf16 on h100-sxm, and its fallback is none; add them, or leave"
                        + " fallback at roofline"),
                problems("llama-2-7b", "[h100]", "{policy: table, file: tables/prefill-only.csv, fallback: none}", ""));
        List<String> p = problems("llama-2-7b", "[h100, a100]", "{policy: table, file: tables/steps.csv, fallback: none}",
                "");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("has no rows for llama-2-7b at tp 1, bf16 on a100-80gb"), p.get(0));
    }

    @Test
    void theTableNeedsItsFileAndAReadableOne() throws Exception {
        assertEquals(List.of("scenario.yaml:11: deployments[0].stepTime: step-time model table needs file: write"
                + " {policy: table, file: ...}"), problems("llama-2-7b", "[h100]", "table", ""));
        assertEquals(List.of("scenario.yaml:11: deployments[0].stepTime.file: file 'steps.csv' not found (looked for "
                + "steps.csv)"), problems("llama-2-7b", "[h100]", "{policy: table, file: steps.csv}", ""));
        Files.writeString(dir.resolve("tables/bad.csv"), PREFILL_ROWS + "h100-sxm,llama-2-7b,1,bf16,0,8,500,fast\n");
        assertEquals(List.of("tables/bad.csv:4: column step_ms: expected a number above 0 (milliseconds), got 'fast'"),
                problems("llama-2-7b", "[h100]", "{policy: table, file: tables/bad.csv}", ""));
    }
}
