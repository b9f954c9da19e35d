package org.infersim.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one line-aware YAML reader, with the strict rules of scenarios and the older ones of catalogs. */
class YamlReaderTest {

    @Test
    void aScenarioKeepsTheFirstOfARepeatedKeyAndSaysWhereItWasFirstWritten() throws Exception {
        List<Problem> problems = new ArrayList<>();
        YamlNode.Mapping root = (YamlNode.Mapping) YamlReader.read("a: 1\nb: {c: 2}\na: 3\n", "x.yaml", problems);
        assertEquals("1", ((YamlNode.Scalar) root.get("a")).text());
        assertEquals(List.of(new Problem("x.yaml", 3, "a", "duplicate key 'a' (first written at line 1); keep only one")),
                problems);
        assertEquals(2, root.lineOf("b"));
        assertEquals(1, root.lineOf("absent"), "an absent key is at the mapping's own line");
    }

    @Test
    void aCatalogKeepsTheLastOfARepeatedKey() {
        List<Problem> problems = new ArrayList<>();
        YamlNode.Mapping root = (YamlNode.Mapping) YamlReader.readCatalog("a: 1\na: 3\n", "gpus.yaml", problems);
        assertEquals("3", ((YamlNode.Scalar) root.get("a")).text());
        assertEquals(2, root.lineOf("a"));
        assertEquals(List.of(new Problem("gpus.yaml", 2, "", "key 'a' appears twice in the same mapping (first at line 1)")),
                problems);
    }

    @Test
    void aScenarioReadsEverySpellingOfABooleanAsTrueOrFalseWhileACatalogKeepsIt() throws Exception {
        List<Problem> problems = new ArrayList<>();
        YamlNode.Scalar scenario = (YamlNode.Scalar) ((YamlNode.Mapping) YamlReader.read("a: on\n", "x.yaml", problems))
                .get("a");
        YamlNode.Scalar catalog = (YamlNode.Scalar) ((YamlNode.Mapping) YamlReader.readCatalog("a: on\n", "c.yaml",
                problems)).get("a");
        assertEquals(YamlNode.ScalarKind.BOOLEAN, scenario.kind());
        assertEquals("true", scenario.text());
        assertEquals("on", catalog.text());
        assertEquals(List.of(), problems);
    }

    @Test
    void anEmptyScenarioCannotBeBoundButAnEmptyCatalogIsAnEmptyValue() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> YamlReader.read("", "x.yaml", new ArrayList<>()));
        assertTrue(e.getMessage().startsWith("x.yaml:1: the file is empty"), e.getMessage());
        YamlNode empty = YamlReader.readCatalog("", "gpus.yaml", new ArrayList<>());
        assertEquals(YamlNode.ScalarKind.NULL, ((YamlNode.Scalar) empty).kind());
    }

    @Test
    void aCatalogThatIsNotYamlIsOneProblemBesideTheOthers() {
        List<Problem> problems = new ArrayList<>();
        assertNull(YamlReader.readCatalog("gpus: [\n", "gpus.yaml", problems));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().startsWith("not valid YAML: "), problems.get(0).message());
    }

    @Test
    void aCatalogSyntaxErrorIsAPlainMessageAtItsLineWithoutTheParsersClassNames() {
        // A complex key made Jackson name SnakeYAML's event class: <org.yaml.snakeyaml.events.SequenceStartEvent(...)>.
        for (String text : List.of("gpus:\n  ? [h100\n", "gpus:\n  - id: x\n    memory: a: b\n", "gpus: [\n")) {
            List<Problem> problems = new ArrayList<>();
            assertNull(YamlReader.readCatalog(text, "gpus.yaml", problems));
            assertEquals(1, problems.size());
            Problem p = problems.get(0);
            assertTrue(p.line() > 0, p.toString());
            assertTrue(p.message().startsWith("not valid YAML: "), p.message());
            assertTrue(!p.message().matches("(?s).*\\b(org|com)\\.[a-z]+\\..*|.*Exception.*"), p.message());
        }
    }

    @Test
    void aValueBecomesTheJsonThatIsPatchedIntoAScenario() throws Exception {
        YamlNode root = YamlReader.read("a: [1, 2.5, x, true, ~, 0x1f]\nb: {c: 1_000}\n", "x.batch.yaml",
                new ArrayList<>());
        assertEquals("{\"a\":[1,2.5,\"x\",true,null,\"0x1f\"],\"b\":{\"c\":1000}}", root.toJson().toString());
    }
}
