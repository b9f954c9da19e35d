package org.infersim.cli;

import static org.infersim.cli.CommandLineTest.infersim;
import static org.infersim.cli.CommandLineTest.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The values a batch or size file patches into its base scenario are checked before anything
 * runs, by validate, batch and size alike, at the study file's own lines.
 */
class StudyFileValuesTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, text.formatted(scenario("quickstart.yaml").toAbsolutePath()));
        return file;
    }

    private static void assertRefused(CommandLineTest.Outcome o, String... lines) {
        assertEquals(2, o.status(), o.out() + o.err());
        for (String line : lines) {
            assertTrue(o.err().contains(line), "expected '" + line + "' in:\n" + o.err());
        }
        assertFalse(o.err().contains("Exception") || o.err().contains("internal error"), o.err());
    }

    /** Refused alike by validate and by the command that would run it, which writes nothing. */
    private void assertRefusedBeforeRunning(String command, Path file, String... lines) {
        assertRefused(infersim("validate", file.toString()), lines);
        Path out = tmp.resolve("out-" + file.getFileName());
        assertRefused(infersim(command, file.toString(), "-o", out.toString(), "-q"), lines);
        assertFalse(Files.exists(out), "nothing is run or written for a study with a value its scenario cannot take");
    }

    @Test
    void everyValueOfABatchIsCheckedAgainstThePatchedScenarioAtTheBatchFilesLines() throws Exception {
        Path batch = write("bad.batch.yaml", """
                base: %s
                set:
                  duration: 5 parsecs
                  warmup: -5s
                parameters:
                  cluster.pools[0].gpu: [h100-sxm, abc]
                  deployments[0].druation: [1]
                variants:
                  - deployments[0].replicas: 1
                  - deployments[0].replicas: many
                """);
        String[] expected = {
                "bad.batch.yaml:3: set.duration: expected a duration such as 250ms, 90s, 5m, 2h; got '5 parsecs'",
                "bad.batch.yaml:4: set.warmup: '-5s' is negative",
                "bad.batch.yaml:6: parameters[\"cluster.pools[0].gpu\"][1]: unknown GPU 'abc'",
                "bad.batch.yaml:7: parameters[\"deployments[0].druation\"][0]: unknown key 'druation'",
                "bad.batch.yaml:10: variants[1].deployments[0].replicas: "};
        assertRefusedBeforeRunning("batch", batch, expected);
    }

    @Test
    void aMisspeltSettingGetsTheScenarioCheckersSuggestionAtTheBatchFilesLine() throws Exception {
        Path batch = write("b.batch.yaml", """
                base: %s
                set: {duration: 20s, warmup: 5s}
                parameters:
                  deployments[0].tensorParalel: [1]
                """);
        assertRefused(infersim("batch", batch.toString(), "-o", tmp.resolve("out").toString(), "-q"),
                "b.batch.yaml:4: parameters[\"deployments[0].tensorParalel\"][0]: unknown key 'tensorParalel'; "
                        + "did you mean 'tensorParallel'?");
    }

    @Test
    void valuesVariedTogetherAreNamedByTheirPlaceInTheTuple() throws Exception {
        Path batch = write("t.batch.yaml", """
                base: %s
                parameters:
                  deployments[0].replicas, cluster.pools[0].gpu:
                    - [1, h100-sxm]
                    - [2, h100-sxn]
                """);
        assertRefused(infersim("validate", batch.toString()),
                "t.batch.yaml:5: parameters[\"deployments[0].replicas, cluster.pools[0].gpu\"][1][1]: unknown GPU 'h100-sxn'");
    }

    @Test
    void aSizeFilesSettingsAndCandidatesAreCheckedBeforeTheSearch() throws Exception {
        Path size = write("bad.size.yaml", """
                base: %s
                set: {duration: 5 parsecs}
                candidates:
                  gpu: [h100-sxm, abc]
                  precision: [bf16, fp7]
                  tensorParallel: [1]
                slo: {ttft: 2s}
                """);
        String[] expected = {
                "bad.size.yaml:2: set.duration: expected a duration",
                "bad.size.yaml:4: candidates.gpu[1]: unknown GPU 'abc'",
                "bad.size.yaml:5: candidates.precision[1]: "};
        assertRefusedBeforeRunning("size", size, expected);
    }

    @Test
    void aVariantThatDoesNotFitItsGpusIsAnAnswerOfTheBatchNotARefusal() throws Exception {
        // Llama-3.1-70B in BF16 on one H100 does not fit; at TP 8 it does. The batch is valid and
        // says which fits, as a failed row, rather than refusing to run the others.
        Path batch = tmp.resolve("fit.batch.yaml");
        Files.writeString(batch, """
                base: %s
                set: {duration: 20s, warmup: 5s}
                parameters:
                  deployments[0].tensorParallel, deployments[0].replicas: [[1, 8], [8, 1]]
                """.formatted(scenario("rag-70b-h100.yaml").toAbsolutePath()));
        CommandLineTest.Outcome o = infersim("validate", batch.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("fit.batch.yaml: ok (a batch of 2 variants x 1 replication)"), o.out());
    }

    @Test
    void nanAndInfinityAnywhereInAStudyFileAreBadInputAtTheirLine() throws Exception {
        Path batch = write("nan.batch.yaml", """
                base: %s
                set: {duration: .nan}
                parameters:
                  workloads[0].arrival.rate: [1/s, .inf]
                  deployments[0].replicas, cluster.pools[0].count: [[1, 1], [-.inf, 2]]
                variants:
                  - workloads[0].arrival: {type: poisson, rate: .NaN}
                slo: {ttft: .inf}
                """);
        String[] expected = {
                "nan.batch.yaml:2: set.duration: expected a finite number, got .nan",
                "nan.batch.yaml:4: parameters[\"workloads[0].arrival.rate\"][1]: expected a finite number, got .inf",
                "nan.batch.yaml:5: parameters[\"deployments[0].replicas, cluster.pools[0].count\"][1][0]: "
                        + "expected a finite number, got -.inf",
                "nan.batch.yaml:7: variants[0].workloads[0].arrival.rate: expected a finite number, got .NaN",
                "nan.batch.yaml:8: slo.ttft: "};
        assertRefusedBeforeRunning("batch", batch, expected);

        Path size = write("nan.size.yaml", """
                base: %s
                set:
                  workloads[0].arrival.rate: .inf
                candidates: {gpu: [h100-sxm], precision: [bf16], tensorParallel: [.nan]}
                maxReplicas: .nan
                slo: {ttft: 2s}
                """);
        assertRefusedBeforeRunning("size", size,
                "nan.size.yaml:3: set.workloads[0].arrival.rate: expected a finite number, got .inf",
                "nan.size.yaml:4: candidates.tensorParallel[0]: ", "nan.size.yaml:5: maxReplicas: ");
    }
}
