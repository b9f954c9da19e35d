package org.infersim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path tmp;

    record Outcome(int status, String out, String err) {}

    static Outcome infersim(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.execute(args);
            return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /**
     * infersim as a user types it in a shell started in {@code dir} (the default results folder
     * is relative to it, and {@code arguments} may use the shell's own syntax such as {@code <(...)}).
     */
    static Outcome infersimInShell(Path dir, String arguments) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "exec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + Main.class.getName() + " " + arguments;
        Path out = Files.createTempFile("infersim", ".out");
        Path err = Files.createTempFile("infersim", ".err");
        try {
            Process p = new ProcessBuilder("bash", "-c", command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "infersim finished");
            return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    /** The quickstart scenario named {@code name}, cut to 20 s so that a test runs it in a moment: dir/short.yaml. */
    static Path shortQuickstart(Path dir, String name) throws Exception {
        Path file = dir.resolve("short.yaml");
        Files.writeString(file, Files.readString(scenario("quickstart.yaml")).replace("name: quickstart", "name: " + name)
                .replace("duration: 5m", "duration: 20s").replace("warmup: 30s", "warmup: 5s"));
        return file;
    }

    static Path scenario(String name) {
        return Path.of(System.getProperty("infersim.root", ".."), "scenarios", name);
    }

    @Test
    void runWritesTheSummaryTheTimeSeriesAndTheRequests() throws Exception {
        Path dir = tmp.resolve("out");
        Outcome o = infersim("run", scenario("quickstart.yaml").toString(), "--output", dir.toString(), "--requests");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("TTFT"), o.out());
        // The pool's share of time the engines stepped is said as that, beside what the GPUs moved.
        assertTrue(o.out().contains("stepping   FLOP/s  HBM B/s") && !o.out().contains(" busy "), o.out());
        String summary = Files.readString(dir.resolve("summary.json"));
        assertTrue(summary.contains("\"ttftMs\""));
        assertTrue(Files.readAllLines(dir.resolve("timeseries.csv")).size() > 10);
        assertTrue(Files.readAllLines(dir.resolve("requests.csv")).size() > 100);
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void runRecordsTheScenarioTextItReadEvenFromAPipe() throws Exception {
        Path file = shortQuickstart(tmp, "piped");
        String text = Files.readString(file);
        Outcome o = infersimInShell(tmp, "run <(cat short.yaml) -q -o out");
        assertEquals(0, o.status(), o.err());
        assertEquals(text, Files.readString(tmp.resolve("out/scenario.yaml")), "what was simulated, not an empty read");
    }

    @Test
    void runAndCompareOnABatchOrSizeFileNameTheCommandItIsFor() {
        String batch = scenario("rag-70b-sweep.batch.yaml").toString();
        String size = scenario("rag-70b.size.yaml").toString();
        Outcome run = infersim("run", batch);
        assertEquals(2, run.status(), run.err());
        assertEquals(batch + ": this is a batch file, not a scenario: use infersim batch " + batch + System.lineSeparator(),
                run.err());
        Outcome sized = infersim("run", size);
        assertEquals(2, sized.status(), sized.err());
        assertTrue(sized.err().contains("this is a size file, not a scenario: use infersim size " + size), sized.err());
        Outcome compare = infersim("compare", batch, "--policies", "kpa,hpa");
        assertEquals(2, compare.status(), compare.err());
        assertTrue(compare.err().contains("use infersim batch " + batch + " (a batch file compares policies in its "
                + "compare: section)"), compare.err());
    }

    @Test
    void fidelityReplaysTheCalibrationSetAndPrintsTheErrorPerMetric() throws Exception {
        Outcome o = infersim("fidelity", "--duration", "60s");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("llama-2-7b tp1 on h100-sxm, 592/194 tokens, 5/s"), o.out());
        assertTrue(o.out().contains("mean |error|") && o.out().contains("e2e_latency_mean_batch"), o.out());
        assertTrue(o.out().contains("per_layer_linear_time"), "profiled linear layers are compared too: " + o.out());
        assertTrue(o.out().contains("Not replayed: request_throughput_saturated (6 rows"), o.out());

        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "id,metric\n");
        Outcome refused = infersim("fidelity", "--data", bad.toString());
        assertEquals(2, refused.status());
        assertTrue(refused.err().contains("bad.csv:1: no column gpu_id"), refused.err());
        assertEquals(2, infersim("fidelity", "--duration", "ten").status());
    }

    @Test
    void calibrateFitsTheConstantsItIsAskedForAndWritesACatalogThatRunsUse() throws Exception {
        Path linear = tmp.resolve("linear.csv");
        Files.writeString(linear, """
                id,gpu_id,model_id,precision,tp,workload,prompt_tokens,output_tokens,rate_or_concurrency,metric,value,unit
                L1,h100-sxm,llama-2-7b,FP16,1,one layer,,,num_tokens=1,per_layer_linear_time,0.156,ms
                L2,h100-sxm,llama-2-7b,FP16,1,one layer,,,num_tokens=32,per_layer_linear_time,0.159,ms
                L3,h100-sxm,llama-2-7b,FP16,1,one layer,,,num_tokens=256,per_layer_linear_time,0.26,ms
                L4,h100-sxm,llama-2-7b,FP16,1,one layer,,,num_tokens=2048,per_layer_linear_time,1.08,ms
                """);
        Path out = tmp.resolve("fitted");
        Outcome o = infersim("calibrate", linear.toString(), "--fit", "mbu,mfu", "--hold-out", "2048 tokens",
                "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("h100-sxm") && o.out().contains("mbu") && o.out().contains("held out"), o.out());
        String written = Files.readString(out.resolve("gpus.yaml"));
        assertTrue(written.contains("fitted by infersim calibrate to 3 measured figures"), written);
        // The overlay is a catalog: a scenario runs against it.
        Outcome run = infersim("catalog", "--catalog", out.toString());
        assertEquals(0, run.status(), run.err());

        Outcome refused = infersim("calibrate", linear.toString(), "--fit", "speed", "--out", out.toString());
        assertEquals(2, refused.status());
        assertTrue(refused.err().contains("--fit: unknown constant 'speed'"), refused.err());

        // A catalog of the user's own is not overwritten.
        Path mine = tmp.resolve("my-catalog");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("gpus.yaml"), "gpus: []\n");
        Outcome kept = infersim("calibrate", linear.toString(), "--fit", "mbu", "--out", mine.toString());
        assertEquals(2, kept.status());
        assertTrue(kept.err().contains("calibrate did not write"), kept.err());
        assertEquals("gpus: []\n", Files.readString(mine.resolve("gpus.yaml")));
    }

    @Test
    void fidelityReplaysAVllmBenchResultOnTheGpuItIsGivenAndRefusesItWithoutOne() throws Exception {
        Path result = tmp.resolve("vllm-2qps.json");
        Files.writeString(result, """
                {"date": "20250611-142233", "endpoint_type": "openai", "backend": "openai", "label": null,
                 "model_id": "meta-llama/Llama-3.1-8B-Instruct", "tokenizer_id": "meta-llama/Llama-3.1-8B-Instruct",
                 "num_prompts": 40, "request_rate": 2.0, "burstiness": 1.0, "max_concurrency": null,
                 "duration": 20.9, "completed": 40, "failed": 0, "total_input_tokens": 20480, "total_output_tokens": 5120,
                 "request_throughput": 1.914, "request_goodput": null, "output_throughput": 245.0,
                 "total_token_throughput": 1225.0, "mean_ttft_ms": 31.2, "median_ttft_ms": 29.8, "std_ttft_ms": 6.1,
                 "p99_ttft_ms": 52.4, "mean_tpot_ms": 7.05, "median_tpot_ms": 7.02, "std_tpot_ms": 0.21,
                 "p99_tpot_ms": 7.61, "mean_itl_ms": 7.01, "median_itl_ms": 6.95, "std_itl_ms": 0.9, "p99_itl_ms": 9.8}
                """);
        Outcome o = infersim("fidelity", "--data", result.toString(), "--gpu", "h100-sxm", "--max-num-seqs", "64");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("meta-llama/Llama-3.1-8B-Instruct tp1 on h100-sxm, 512/128 tokens, 2/s poisson"),
                o.out());
        assertTrue(o.out().contains("request_throughput"), o.out());

        Outcome refused = infersim("fidelity", "--data", result.toString());
        assertEquals(2, refused.status());
        assertTrue(refused.err().contains("vllm-2qps.json:1: the GPU it ran on is not in the file: give it with --gpu"),
                refused.err());
    }

    @Test
    void aBadScenarioGetsFileLineAndPathAndExitStatusTwo() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, """
                name: bad
                duration: 1m
                cluster:
                  pools: [{name: p, gpu: h100-sxm, count: 4}]
                deployments:
                  - name: d
                    model: llama-3.1-8b
                    tensorParallel: 3
                workloads:
                  - name: w
                    arrival: {type: poisson, rate: 1/s}
                    promptTokens: 100
                    outputTokens: 100
                """);
        Path out = tmp.resolve("kept");
        Files.createDirectories(out);
        Files.writeString(out.resolve("summary.json"), "previous results");
        Outcome o = infersim("run", bad.toString(), "--output", out.toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains(bad + ":8: deployments[0].tensorParallel: 3 does not divide the 32 attention heads of llama-3.1-8b"),
                o.err());
        assertFalse(o.err().contains("Exception"), "no stack trace: " + o.err());
        assertEquals("previous results", Files.readString(out.resolve("summary.json")), "earlier results untouched");
    }

    @Test
    void aModelThatDoesNotFitItsGpusIsRefusedBeforeRunning() throws Exception {
        Path bad = tmp.resolve("big.yaml");
        Files.writeString(bad, """
                name: big
                duration: 1m
                cluster:
                  pools: [{name: p, gpu: a100-80gb, count: 1}]
                deployments:
                  - name: d
                    model: llama-3.1-70b
                workloads:
                  - name: w
                    arrival: {type: poisson, rate: 1/s}
                    promptTokens: 100
                    outputTokens: 100
                """);
        Outcome o = infersim("validate", bad.toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains(bad + ":7: deployments[0].model: llama-3.1-70b at bf16 does not fit on 1 × a100-80gb"),
                o.err());
    }

    @Test
    void aReplicaWhoseWeightsAndKvDoNotFitItsFractionIsRefusedWithExitStatusTwo() throws Exception {
        Path bad = tmp.resolve("share.yaml");
        Files.writeString(bad, """
                name: share
                duration: 1m
                cluster:
                  pools: [{name: p, gpu: h100-sxm, count: 1}]
                deployments:
                  - name: d
                    model: llama-3.1-8b
                    gpuShare: {mode: time-slicing, fraction: 0.2}
                workloads:
                  - {name: w, arrival: {type: poisson, rate: 1/s}, promptTokens: 100, outputTokens: 100}
                """);
        Outcome o = infersim("run", bad.toString(), "--output", tmp.resolve("out").toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains(bad + ":8: deployments[0].gpuShare.fraction: llama-3.1-8b at bf16 does not fit in"
                + " 0.2 of h100-sxm (17.1 GB)"), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void anUnknownFlagIsABadInput() {
        Outcome o = infersim("run", "--frobnicate", "x.yaml");
        assertEquals(2, o.status());
        assertTrue(o.err().contains("--frobnicate"), o.err());
    }

    @Test
    void aMissingFileIsABadInputNamedInTheMessage() {
        Outcome o = infersim("run", tmp.resolve("nope.yaml").toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains("nope.yaml"), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void catalogListsGpusAndModels() {
        Outcome o = infersim("catalog");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("h100-sxm") && o.out().contains("llama-3.1-70b") && o.out().contains("mixtral-8x7b"));
    }

    @Test
    void catalogImportPrintsAModelsYamlEntryThatACatalogDirectoryReadsBack() throws Exception {
        String config = "../src/test/resources/huggingface/mixtral-8x7b/config.json";
        Outcome o = infersim("catalog", "import", config, "--id", "my-mixtral");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().startsWith("models:\n  - id: my-mixtral\n    name: \"my-mixtral\"\n    layers: 32\n"), o.out());
        for (String line : List.of("    experts: 8", "    activeExperts: 2", "    intermediateSize: 14336",
                "    publishedParams: 46702792704", "    tiedEmbeddings: false",
                "      kvHeads: \"" + config + ": num_key_value_heads=8\"")) {
            assertTrue(o.out().contains(line + "\n"), line + " in " + o.out());
        }
        assertTrue(o.out().contains("      publishedParams: \"computed from the shapes in " + config), o.out());
        Path dir = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(dir.resolve("models.yaml"), o.out());
        Outcome listed = infersim("catalog", "--catalog", dir.toString());
        assertEquals(0, listed.status(), listed.err());
        assertTrue(listed.out().contains("  my-mixtral          46.7B      32     32      8     4096      2/8"),
                listed.out());
    }

    @Test
    void catalogImportRefusesMultiHeadLatentAttentionWithExitStatus2() {
        Outcome o = infersim("catalog", "import", "../src/test/resources/huggingface/deepseek-v3/config.json");
        assertEquals(2, o.status(), o.out());
        assertTrue(o.err().contains("deepseek-v3/config.json:8: kv_lora_rank: cannot model DeepseekV3ForCausalLM:"
                + " its multi-head latent attention"), o.err());
        assertEquals("", o.out());
    }

    @Test
    void aBadBatchFileGetsItsProblemsWithLinesAndExitStatus2() throws Exception {
        Path batch = tmp.resolve("bad.batch.yaml");
        Files.writeString(batch, """
                base: BASE
                parameters:
                  deployments[0].tensorParalel: [1, 2]
                  workloads[5].arrival.rate: [1/s]
                """.replace("BASE", scenario("quickstart.yaml").toAbsolutePath().toString()));
        Outcome o = infersim("batch", batch.toString(), "-o", tmp.resolve("out").toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains("bad.batch.yaml:4: workloads[5].arrival.rate: workloads has 1 entry, so [5] does not exist"),
                o.err());
        assertFalse(o.err().contains("Exception"), o.err());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written for a batch that cannot run");
    }

    @Test
    void reportOnAFolderWithoutResultsIsBadInput() {
        Outcome o = infersim("report", tmp.toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains("not a results folder"), o.err());
    }

    @Test
    void validateChecksBatchAndSizeFilesByTheirNames() {
        Outcome o = infersim("validate", scenario("rag-70b-sweep.batch.yaml").toString(), scenario("rag-70b.size.yaml").toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("rag-70b-sweep.batch.yaml: ok (a batch of 48 variants x 1 replication)"), o.out());
        assertTrue(o.out().contains("rag-70b.size.yaml: ok (sizing 12 candidates)"), o.out());
    }

    @Test
    void everyCommandsHelpPrintsCleanly() {
        for (String command : new String[] {"run", "batch", "compare", "size", "validate", "report", "catalog", "bench"}) {
            Outcome o = infersim("help", command);
            assertEquals(0, o.status(), command + ": " + o.err());
            assertFalse((o.out() + o.err()).contains("Could not format"), command + ": " + o.out() + o.err());
        }
        assertTrue(infersim("help", "bench").out().contains("about 70% of capacity"));
    }

    @Test
    void batchSizeAndCompareTakeTheResultsThreadsAndCatalogOptions() {
        for (String command : new String[] {"batch", "size", "compare"}) {
            String help = infersim("help", command).out();
            for (String option : new String[] {"--output", "--report", "--quiet", "--threads", "--catalog", "--spark"}) {
                assertTrue(help.contains(option), command + " " + option + ": " + help);
            }
        }
    }

    @Test
    void aBadThreadCountIsABadInputForEveryStudyBeforeItsFileIsRead() {
        Outcome batch = infersim("batch", "missing.yaml", "--threads", "0");
        Outcome size = infersim("size", "missing.yaml", "--threads", "0");
        Outcome compare = infersim("compare", "missing.yaml", "--policies", "kpa,hpa", "--threads", "0");
        for (Outcome o : new Outcome[] {batch, size, compare}) {
            assertEquals(2, o.status(), o.err());
            assertTrue(o.err().endsWith(": --threads: expected at least 1, got 0" + System.lineSeparator()), o.err());
            assertFalse(o.err().contains("missing.yaml"), "the file is not read: " + o.err());
        }
        assertTrue(compare.err().startsWith("infersim compare: "), compare.err());
    }

    @Test
    void sizeAnswersWithIntervalsAndSetsEquallyCheapFleetsBesideTheCheapest() throws Exception {
        // Two H100s either way (TP1 x2 or TP2 x1): the price ties, and the latencies decide.
        Path file = tmp.resolve("tie.size.yaml");
        Files.writeString(file, """
                name: tie
                base: BASE
                set:
                  duration: 2m
                  workloads[0].arrival.rate: 24/s
                candidates: {gpu: [h100-sxm], precision: [bf16], tensorParallel: [1, 2]}
                maxReplicas: 8
                replications: 3
                slo: {ttft: 1s, tpot: 50ms, attainment: 99%}
                """.replace("BASE", scenario("quickstart.yaml").toAbsolutePath().toString()));
        Outcome o = infersim("size", file.toString(), "-o", tmp.resolve("out").toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("3 replications per probe under shared seeds; ± is the 95% interval"), o.out());
        assertTrue(o.out().matches("(?s).*h100-sxm bf16 TP1 +2 +2 +8\\.58 +\\d+ ± \\d+ .*"), o.out());
        assertTrue(o.out().contains("Cheapest: 1 x h100-sxm bf16 TP2 ($8.58/h)."), "fewer replicas at the same price, "
                + "and a lower p95 TTFT: " + o.out());
        assertTrue(o.out().contains("h100-sxm bf16 TP1 costs the same (within 2% or the interval): p95 TTFT +"), o.out());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tmp.resolve("out/size.json").toFile());
        assertEquals("h100-sxm bf16 TP2", json.get("cheapest").asText());
        assertEquals("SAME", json.at("/rivals/0/difference/costPerHourUsd/verdict").asText());
        assertEquals(3, json.at("/candidates/0/estimate/ttftP95Ms/n").asInt());

        Outcome bad = infersim("size", file.toString(), "--negligible", "two", "-o", tmp.resolve("o2").toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().startsWith("infersim size: --negligible/--negligible-latency: "), bad.err());
    }

    @Test
    void sparkWithoutTheSparkModuleOnTheClassPathSaysHowToGetItAndExits2() throws Exception {
        Path base = shortQuickstart(tmp, "spark-less");
        Path batch = tmp.resolve("b.batch.yaml");
        Files.writeString(batch, "base: short.yaml\nparameters:\n  deployments[0].replicas: [1, 2]\n");
        Outcome o = infersim("batch", batch.toString(), "--spark", "local[2]", "-o", tmp.resolve("out").toString());
        Outcome compare = infersim("compare", base.toString(), "--path", "deployments[0].router", "--policies",
                "round-robin,least-kv", "--spark", "local[2]",
                "-o", tmp.resolve("out2").toString());
        for (Outcome each : new Outcome[] {o, compare}) {
            assertEquals(2, each.status(), each.err());
            assertTrue(each.err().contains("--spark needs the Spark module: run through ./infersim, which adds it, "
                    + "or spark-submit the spark jar"), each.err());
        }
        assertFalse(Files.exists(tmp.resolve("out/runs")), "nothing ran");
    }
}
