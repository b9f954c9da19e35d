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

class CompareCommandTest {
    @TempDir
    Path tmp;

    /** Two replicas of a small model, so that the router matters; short, so that the test is quick. */
    private Path routed() throws Exception {
        Path f = tmp.resolve("routed.yaml");
        Files.writeString(f, Files.readString(scenario("quickstart.yaml"))
                .replace("duration: 5m", "duration: 40s").replace("warmup: 30s", "warmup: 5s")
                .replace("count: 1", "count: 2").replace("replicas: 1", "replicas: 2")
                .replace("rate: 8/s", "rate: 14/s"));
        return f;
    }

    @Test
    void compareRunsEveryPolicyAndPrintsMeansAndPairedDifferences() throws Exception {
        Path out = tmp.resolve("out");
        CommandLineTest.Outcome o = infersim("compare", routed().toString(), "--policies", "round-robin,least-kv",
                "--path", "deployments[0].router", "--replications", "3", "-o", out.toString(), "-j", "2");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.err().contains("2 policies x 3 replications = 6 runs"), o.err());
        assertTrue(o.out().contains("Mean over replications ± half-width of the 95% confidence interval (Student's t)"), o.out());
        assertTrue(o.out().matches("(?s).*p95 TTFT \\(ms\\) +[0-9.]+ ± [0-9.]+ +[0-9.]+ ± [0-9.]+\n.*"), o.out());
        assertTrue(o.out().contains("round-robin − least-kv"), o.out());
        assertTrue(o.out().contains("GPU-hours (GPU-h)\n  the same under every policy at every replication"), o.out());
        for (String f : new String[] {"compare.csv", "compare.json", "batch.csv", "batch.json", "runs/least-kv-r3/summary.json"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
    }

    @Test
    void aFailedPolicyIsListedWithItsReasonAndTheExitStatusIsZero() throws Exception {
        CommandLineTest.Outcome o = infersim("compare", routed().toString(), "--policies", "round-robin,nope,least-kv",
                "--path", "deployments[*].router", "--replications", "2", "-o", tmp.resolve("out").toString(), "-q");
        assertEquals(0, o.status(), o.err());
        assertEquals("", o.out(), "quiet");
        assertTrue(Files.readString(tmp.resolve("out/compare.json")).contains("unknown router 'nope'"));
        CommandLineTest.Outcome loud = infersim("compare", routed().toString(), "--policies", "round-robin,nope,least-kv",
                "--path", "deployments[*].router", "--replications", "2", "-o", tmp.resolve("out").toString());
        assertTrue(loud.out().startsWith("nope: 2 of 2 runs failed: deployments[0].router: unknown router 'nope'"), loud.out());
        assertTrue(loud.out().contains("6 runs (2 run now, 4 already done)"), "resumed: " + loud.out());
    }

    @Test
    void badFlagsAreBadInputWithAClearMessage() throws Exception {
        String s = routed().toString();
        String out = tmp.resolve("never").toString();
        expectBadInput("infersim compare: --replications: expected a whole number from 2 to 1000 (a confidence interval "
                + "needs at least two replications), got 1",
                "compare", s, "--policies", "round-robin,least-kv", "--path", "deployments[0].router", "--replications", "1", "-o", out);
        expectBadInput("infersim compare: --policies: expected at least two policies to compare, such as kpa,hpa; got least-kv",
                "compare", s, "--policies", "least-kv", "--path", "deployments[0].router", "-o", out);
        expectBadInput("infersim compare: --path: no deployment of the scenario has an autoscaler whose policy could be set; "
                + "give the path that selects the policy with --path", "compare", s, "--policies", "kpa,hpa", "-o", out);
        expectBadInput("infersim compare: --path: deployments[2].router: deployments has 1 entry, so [2] does not exist",
                "compare", s, "--policies", "kpa,hpa", "--path", "deployments[2].router", "-o", out);
        expectBadInput("infersim compare: --threads: expected at least 1, got 0",
                "compare", s, "--policies", "kpa,hpa", "--path", "deployments[0].router", "-j", "0", "-o", out);
        expectBadInput("Missing required option: '--policies=POLICY'", "compare", s, "-o", out);
        expectBadInput("Invalid value for option '--replications': 'five' is not an int",
                "compare", s, "--policies", "a,b", "--replications", "five", "-o", out);
        expectBadInput("nothere.yaml", "compare", tmp.resolve("nothere.yaml").toString(), "--policies", "a,b", "-o", out);
        assertFalse(Files.exists(Path.of(out)), "nothing is written for bad input");
    }

    private static void expectBadInput(String message, String... args) {
        CommandLineTest.Outcome o = infersim(args);
        assertEquals(2, o.status(), o.err());
        assertTrue(o.err().contains(message), "expected <" + message + "> in:\n" + o.err());
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void aBatchFileWithACompareSectionRunsAComparison() throws Exception {
        routed();
        Path batch = tmp.resolve("routers.batch.yaml");
        Files.writeString(batch, """
                name: routers
                base: routed.yaml
                set: {duration: 30s}
                replications: 2
                compare:
                  policies: [round-robin, least-outstanding]
                  path: deployments[*].router
                """);
        Path out = tmp.resolve("out");
        CommandLineTest.Outcome o = infersim("batch", batch.toString(), "-o", out.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("round-robin − least-outstanding"), o.out());
        assertTrue(Files.readString(out.resolve("compare.json")).contains("\"name\" : \"routers\""));
        assertTrue(Files.readString(out.resolve("runs/least-outstanding-r2/scenario.yaml")).contains("duration: 30s"),
                "the batch's set applies to every run");

        Files.writeString(batch, """
                base: routed.yaml
                compare:
                  policies: [round-robin]
                  path: deployments[0].routr
                """);
        CommandLineTest.Outcome bad = infersim("batch", batch.toString(), "-o", out.toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains(batch + ":3: compare.policies: expected at least two policies"), bad.err());
    }
}
