package org.infersim.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.infersim.input.Fields;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Quantities;
import org.infersim.study.batch.BatchFile;
import org.infersim.study.size.SizeFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published schemas of batch and size files agree with their readers: the shipped files pass
 * both, files the readers refuse fail the schema, and the schemas' keys and patterns are the
 * readers'. Every shipped file names its schema for editors on its first line.
 */
class StudySchemaTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Path ROOT = Path.of(System.getProperty("infersim.root", ".."));
    private static final Path SCHEMAS = ROOT.resolve("simulator/src/main/resources/schema");

    @TempDir
    Path tmp;

    private static JsonSchema schema(String name) {
        try (InputStream in = StudySchemaTest.class.getResourceAsStream("/schema/" + name + ".schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(String name) throws IOException {
        return YAML.readTree(StudySchemaTest.class.getResourceAsStream("/schema/" + name + ".schema.json"));
    }

    private static List<Path> shipped(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("scenarios"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static Set<ValidationMessage> validate(JsonSchema schema, Path file) {
        try {
            return schema.validate(YAML.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyShippedBatchAndSizeFilePassesItsSchemaAndItsReader() throws IOException {
        JsonSchema batch = schema("batch");
        JsonSchema size = schema("size");
        List<Path> batches = shipped(".batch.yaml");
        List<Path> sizes = shipped(".size.yaml");
        assertFalse(batches.isEmpty() || sizes.isEmpty());
        return Stream.concat(
                batches.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                    assertEquals(Set.of(), validate(batch, f));
                    BatchFile.load(f);
                })),
                sizes.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                    assertEquals(Set.of(), validate(size, f));
                    SizeFile.load(f);
                })));
    }

    private Path write(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, text.formatted(ROOT.resolve("scenarios/quickstart.yaml").toAbsolutePath()));
        return file;
    }

    @Test
    void batchFilesTheReaderRefusesFailTheSchema() throws Exception {
        JsonSchema schema = schema("batch");
        List<String> bad = List.of(
                "base: %s\nparameters:\n  deployments[0].replicas: [1]\nduration: 5m\n",  // a misplaced key
                "base: %s\n",                                                                // nothing varied
                "base: %s\nparameters:\n  deployments[0].replicas: []\n",                   // no values
                "base: %s\nparameters:\n  seed: [1, 2]\n",                                   // the seed
                "base: %s\nparameters:\n  deployments[0]..replicas: [1]\n",                  // not a path
                "base: %s\nreplications: 0\nparameters:\n  deployments[0].replicas: [1]\n",
                "base: %s\nslo: {ttft: 2}\nparameters:\n  deployments[0].replicas: [1]\n",  // no unit
                "base: %s\nslo: {attainment: 99%%}\nparameters:\n  deployments[0].replicas: [1]\n",
                "base: %s\ncompare: {policies: [kpa, hpa]}\nparameters:\n  deployments[0].replicas: [1]\n",
                "base: %s\nset:\n  seed: 3\nvariants:\n  - deployments[0].replicas: 1\n");
        for (int i = 0; i < bad.size(); i++) {
            Path file = write("bad" + i + ".batch.yaml", bad.get(i));
            assertFalse(validate(schema, file).isEmpty(), "the schema accepted " + bad.get(i));
            assertThrows(InvalidInputException.class, () -> BatchFile.load(file), bad.get(i));
        }
        Path good = write("good.batch.yaml", """
                base: %s
                set:
                  duration: 1m
                parameters:
                  deployments[0].tensorParallel, deployments[0].replicas: [[1, 1]]
                variants:
                  - workloads[0].arrival: {type: poisson, rate: 2/s}
                slo: {ttft: 2s, attainment: 99%%}
                """);
        assertEquals(Set.of(), validate(schema, good));
        BatchFile.load(good);
    }

    @Test
    void sizeFilesTheReaderRefusesFailTheSchema() throws IOException {
        JsonSchema schema = schema("size");
        String candidates = "candidates: {gpu: [h100-sxm], precision: [bf16], tensorParallel: [1]}\n";
        List<String> bad = List.of(
                "base: %s\n" + candidates,                                                   // no SLO
                "base: %s\nslo: {ttft: 2s}\ncandidates: {gpu: [h100-sxm], precision: [bf16]}\n",
                "base: %s\nslo: {ttft: 2s}\ncandidates: {gpu: [h100-sxm], precision: [bf16], tensorParallel: [two]}\n",
                "base: %s\nslo: {ttft: 2s}\nmaxReplicas: 0\n" + candidates,
                "base: %s\nslo: {ttft: 2s}\ngpus: [h100-sxm]\n" + candidates);
        for (int i = 0; i < bad.size(); i++) {
            Path file = write("bad" + i + ".size.yaml", bad.get(i));
            assertFalse(validate(schema, file).isEmpty(), "the schema accepted " + bad.get(i));
            assertThrows(InvalidInputException.class, () -> SizeFile.load(file), bad.get(i));
        }
    }

    @Test
    void theSchemasKeysAndPatternsAreTheReaders() throws IOException {
        JsonNode batch = tree("batch");
        JsonNode size = tree("size");
        assertEquals(BatchFile.KEYS, names(batch.get("properties")));
        assertEquals(BatchFile.COMPARE_KEYS, names(batch.get("properties").get("compare").get("properties")));
        assertEquals(SizeFile.KEYS, names(size.get("properties")));
        assertEquals(SizeFile.CANDIDATE_KEYS, names(size.get("properties").get("candidates").get("properties")));
        for (JsonNode schema : List.of(batch, size)) {
            JsonNode defs = schema.get("$defs");
            assertEquals(StudyFile.SLO_KEYS, names(defs.get("slo").get("properties")));
            assertEquals("^" + Quantities.DURATION_REGEX + "$", defs.get("duration").get("pattern").asText());
            assertEquals("^" + Quantities.PERCENT_REGEX + "$",
                    defs.get("slo").get("properties").get("attainment").get("anyOf").get(1).get("pattern").asText());
            assertEquals("^" + Fields.NAME.pattern() + "$", defs.get("name").get("pattern").asText());
            assertEquals("^" + ScenarioPath.SYNTAX_REGEX + "$", defs.get("path").get("pattern").asText());
            assertEquals("^" + ScenarioPath.SYNTAX_REGEX + "$", defs.get("settings").get("propertyNames").get("pattern").asText());
        }
    }

    private static List<String> names(JsonNode properties) {
        List<String> out = new ArrayList<>();
        properties.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void everyShippedFileNamesItsSchemaForEditorsOnItsFirstLine() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Path f : shipped(".yaml")) {
            String name = f.getFileName().toString();
            String kind = name.endsWith(".batch.yaml") ? "batch" : name.endsWith(".size.yaml") ? "size" : "scenario";
            String first = Files.readAllLines(f).get(0);
            String expected = "# yaml-language-server: $schema=../simulator/src/main/resources/schema/" + kind + ".schema.json";
            if (!first.equals(expected)) {
                wrong.add(name + ": " + first);
            }
            Path schema = f.getParent().resolve(first.substring(first.indexOf('=') + 1)).normalize();
            assertTrue(Files.isRegularFile(schema) && schema.startsWith(SCHEMAS.normalize()), name + " -> " + schema);
        }
        assertEquals(List.of(), wrong, wrong.stream().collect(Collectors.joining("\n")));
    }
}
