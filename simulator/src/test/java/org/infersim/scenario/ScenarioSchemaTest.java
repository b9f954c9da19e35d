package org.infersim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.infersim.input.Fields;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Quantities;
import org.infersim.run.BuiltInPolicies;
import org.infersim.scenario.bind.ScenarioLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The published JSON Schema agrees with the loader: the shipped scenarios pass both, bad files fail it. */
class ScenarioSchemaTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = ScenarioSchemaTest.class.getResourceAsStream("/schema/scenario.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    private static Set<ValidationMessage> validate(Path yaml) {
        try {
            return schema.validate(YAML.readTree(yaml.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> yamlFilesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            // Batch and size files (*.batch.yaml, *.size.yaml) are not scenarios.
            return files.filter(f -> f.getFileName().toString().matches(".*(?<!\\.batch|\\.size)\\.yaml"))
                    .sorted().toList();
        }
    }

    private static Path repositoryRoot() {
        String root = System.getProperty("infersim.root");
        return root != null ? Path.of(root) : Path.of("..");
    }

    private static Path fixtures(String dir) {
        try {
            return Path.of(ScenarioSchemaTest.class.getResource("/scenario/" + dir).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyShippedScenarioValidatesAgainstTheSchemaAndLoadsWithoutProblems() throws IOException {
        return yamlFilesUnder(repositoryRoot().resolve("scenarios")).stream().map(f -> DynamicTest.dynamicTest(
                f.getFileName().toString(), () -> {
                    assertEquals(Set.of(), validate(f), "schema messages for " + f);
                    ScenarioLoader.load(f, List.of(), BuiltInPolicies.load()); // throws with every problem listed
                }));
    }

    @Test
    void theFullFixtureValidatesAgainstTheSchema() {
        assertEquals(Set.of(), validate(fixtures("full.yaml")));
    }

    @TestFactory
    Stream<DynamicTest> invalidFixturesFailTheSchemaAndTheLoader() throws IOException {
        List<Path> invalid = yamlFilesUnder(fixtures("schema-invalid"));
        assertFalse(invalid.isEmpty());
        return invalid.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Set<ValidationMessage> messages = validate(f);
            assertFalse(messages.isEmpty(), "the schema accepted " + f);
            try {
                ScenarioLoader.load(f, List.of(), BuiltInPolicies.load());
                throw new AssertionError("the loader accepted " + f);
            } catch (InvalidInputException expected) {
                assertFalse(expected.problems().isEmpty());
            }
        }));
    }

    @Test
    void kubernetesQuantitiesAreSizesForTheSchemaAsForTheLoader() throws Exception {
        String yaml = "name: k\nseed: 1\nduration: 1m\ncluster: {pools: [{name: p, gpu: h100-sxm, count: 1}]}\n"
                + "deployments: [{name: d, model: llama-3.1-8b, engine: {swapSpace: 4Gi},"
                + " coldStart: {image: 15G, registryBandwidth: 250Mi/s}}]\n"
                + "workloads: [{name: w, arrival: {type: poisson, rate: 1/s}, promptTokens: 100, outputTokens: 10}]\n";
        assertEquals(Set.of(), schema.validate(YAML.readTree(yaml)));
        Scenario s = ScenarioLoader.parse(yaml, "k.yaml", Path.of("."), List.of(), BuiltInPolicies.load()).scenario();
        assertEquals(4L << 30, s.deployments().get(0).engine().swapSpaceBytes());
        assertEquals(15e9, s.deployments().get(0).coldStart().imageBytes());
        assertEquals(250 << 20, s.deployments().get(0).coldStart().registryBytesPerSec());
    }

    @Test
    void theSchemaAcceptsAModelFromAConfigJsonAsTheLoaderDoesAndRejectsAMisspelledKey() throws Exception {
        String base = "name: m\nseed: 1\nduration: 1m\ncluster: {pools: [{name: p, gpu: h100-sxm, count: 1}]}\n"
                + "workloads: [{name: w, arrival: {type: poisson, rate: 1/s}, promptTokens: 100, outputTokens: 10}]\n";
        String yaml = base + "deployments: [{name: d, model: {config: src/test/resources/huggingface/llama-3.1-8b/"
                + "config.json, id: my-llama}}]\n";
        assertEquals(Set.of(), schema.validate(YAML.readTree(yaml)));
        Scenario s = ScenarioLoader.parse(yaml, "m.yaml", Path.of("."), List.of(), BuiltInPolicies.load()).scenario();
        assertEquals("my-llama", s.deployments().get(0).model());
        assertEquals(Set.of(), schema.validate(YAML.readTree(base
                + "deployments: [{name: d, model: meta-llama/Llama-3.1-8B-Instruct}]\n")));
        assertFalse(schema.validate(YAML.readTree(base + "deployments: [{name: d, model: {file: config.json}}]\n"))
                .isEmpty());
    }

    @Test
    void theSchemaAcceptsTheClientLoadKeysTheLoaderAcceptsAndRejectsTheirMisspellings() throws Exception {
        String base = "name: c\nseed: 1\nduration: 10m\ncluster: {pools: [{name: p, gpu: h100-sxm, count: 1}]}\n"
                + "deployments: [{name: d, model: llama-3.1-8b}]\nworkloads:\n";
        List<String> workloads = List.of(
                "- {name: a, arrival: {type: constant, rate: 10/s}, promptTokens: 100, outputTokens: 10}",
                "- {name: b, arrival: {type: constant, steps: [{at: 0s, rate: 5/s}, {at: 2m, rate: 0/s}]},"
                        + " promptTokens: 100, outputTokens: 10}",
                "- {name: c, arrival: {type: closed, users: [{at: 0s, users: 10}, {at: 5m, users: 50}],"
                        + " thinkTime: {type: exponential, mean: 2s}}, promptTokens: 100, outputTokens: 10,"
                        + " systemPrompt: {prompts: 8, tokens: 1200, popularity: zipf, zipfExponent: 1.1},"
                        + " documents: {corpus: 10000, tokens: {type: uniform, min: 200, max: 800}, perRequest: 4,"
                        + " zipfExponent: 0.8, order: popularity},"
                        + " session: {turns: {type: uniform, min: 2, max: 10}, thinkTime: {type: lognormal, mean: 20s,"
                        + " stddev: 10s}}}");
        for (String w : workloads) {
            String yaml = base + w + "\n";
            assertEquals(Set.of(), schema.validate(YAML.readTree(yaml)), w);
            ScenarioLoader.parse(yaml, "c.yaml", Path.of("."), List.of(), BuiltInPolicies.load());
        }
        for (String bad : List.of("arrival: {type: closed, user: 3}", "arrival: {type: constant, rate: 1/s,"
                + " steps: [{at: 0s, rate: 1/s}]}", "arrival: {type: closed, users: 3, thinkTime: {type: gamma}}")) {
            String yaml = base + "- {name: x, " + bad + ", promptTokens: 100, outputTokens: 10}\n";
            assertFalse(schema.validate(YAML.readTree(yaml)).isEmpty(), bad);
        }
        String yaml = base + "- {name: x, arrival: {type: poisson, rate: 1/s}, promptTokens: 100, outputTokens: 10,"
                + " session: {turns: 3, think: 2s}}\n";
        assertFalse(schema.validate(YAML.readTree(yaml)).isEmpty());
    }

    @Test
    void theSchemaNamesAMisspelledKey() {
        String messages = validate(fixtures("schema-invalid/unknown-key.yaml")).stream()
                .map(ValidationMessage::getMessage).collect(Collectors.joining("\n"));
        assertTrue(messages.contains("tensorParalel"), messages);
    }

    @Test
    void theSchemaPatternsAreTheOnesTheLoaderUses() throws IOException {
        JsonNode root = YAML.readTree(ScenarioSchemaTest.class.getResourceAsStream("/schema/scenario.schema.json"));
        JsonNode defs = root.get("$defs");
        assertEquals("^(" + Quantities.ZERO_REGEX + "|" + Quantities.DURATION_REGEX + ")$",
                defs.get("duration").get("anyOf").get(0).get("pattern").asText());
        assertEquals("^" + Quantities.RATE_REGEX + "$", defs.get("rate").get("pattern").asText());
        assertEquals("^(" + Quantities.ZERO_REGEX + "|" + Quantities.BYTES_REGEX + ")$",
                defs.get("bytes").get("anyOf").get(0).get("pattern").asText());
        assertEquals("^" + Quantities.PRICE_REGEX + "$", defs.get("price").get("anyOf").get(0).get("pattern").asText());
        assertEquals("^" + Quantities.BANDWIDTH_REGEX + "$", defs.get("bandwidth").get("pattern").asText());
        assertEquals("^" + Quantities.PERCENT_REGEX + "$", defs.get("share").get("anyOf").get(1).get("pattern").asText());
        assertEquals("^" + Fields.NAME.pattern() + "$", defs.get("name").get("pattern").asText());
    }
}
