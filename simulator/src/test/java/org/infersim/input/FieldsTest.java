package org.infersim.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed reader of a mapping: a value, or null and a problem at the key's line saying what was expected. */
class FieldsTest {
    private final List<Problem> problems = new ArrayList<>();

    private Fields read(String yaml, List<String> allowed) throws InvalidInputException {
        YamlNode root = YamlReader.read(yaml, "x.yaml", problems);
        return new InputFile("x.yaml", Path.of("."), root, problems).fields(root, "", "a test", allowed);
    }

    private List<String> messages() {
        return problems.stream().map(Problem::toString).toList();
    }

    @Test
    void anUnknownKeyIsAnsweredWithTheClosestKnownOne() throws Exception {
        read("name: x\nreplcas: 2\n", List.of("name", "replicas"));
        assertEquals(List.of("x.yaml:2: replcas: unknown key 'replcas'; did you mean 'replicas'?"), messages());
    }

    @Test
    void aMisspelledChoiceGetsADidYouMeanAndTheOptions() throws Exception {
        Fields f = read("router: least-outstandin\n", List.of("router"));
        assertNull(f.choice("router", "router", Fields.choices(List.of("round-robin", "least-outstanding"))));
        assertEquals(List.of("x.yaml:1: router: unknown router 'least-outstandin'; did you mean 'least-outstanding'?"
                + " Expected one of round-robin, least-outstanding"), messages());
    }

    @Test
    void aReferenceMayBeLeftOutOnlyWhenExactlyOneIsDefined() throws Exception {
        Fields f = read("name: w\n", List.of("name", "pool"));
        assertEquals("only", f.reference("pool", "pool", Map.of("only", "only"), "cluster.pools"));
        assertNull(f.reference("pool", "pool", Fields.ordered("a", "a", "b", "b"), "cluster.pools"));
        assertEquals(List.of("x.yaml:1: missing required key 'pool' (one of a, b; it may be left out only when exactly"
                + " one pool exists)"), messages());
    }

    @Test
    void quantitiesAreReadWithTheirUnitAndKubernetesSizesAmongThem() throws Exception {
        Fields f = read("swap: 4Gi\nwait: 90\nrate: 20/s\n", List.of("swap", "wait", "rate"));
        assertEquals(4L << 30, f.bytes("swap"));
        assertNull(f.duration("wait", true));
        assertEquals(20.0, f.rate("rate", true));
        assertEquals(List.of("x.yaml:2: wait: 90 has no unit; expected a duration such as 250ms, 90s, 5m, 2h"), messages());
    }

    @Test
    void aShareIsAPercentageOrAFractionAboveZero() throws Exception {
        Fields f = read("a: 70%\nb: 0.25\nc: -5%\nd: '0.7'\n", List.of("a", "b", "c", "d"));
        assertEquals(0.7, f.share("a"), 1e-12);
        assertEquals(0.25, f.share("b"), 1e-12);
        assertNull(f.share("c"));
        assertNull(f.share("d"));
        assertEquals(List.of("x.yaml:3: c: expected a share above 0, got -0.05",
                "x.yaml:4: d: expected a percentage such as 70% or a fraction such as 0.7, got the string '0.7'"),
                messages());
    }
}
