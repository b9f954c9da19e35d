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

/** Nothing a user types makes infersim write its results over files that are not its own. */
class ResultsFolderSafetyTest {
    @TempDir
    Path tmp;

    private Path shortScenario(String name) throws Exception {
        return CommandLineTest.shortQuickstart(tmp, name);
    }

    @Test
    void aScenarioNamedDotDotWritesUnderResultsAndLeavesTheUsersSummaryAlone() throws Exception {
        Path file = shortScenario("..");
        Files.writeString(tmp.resolve("summary.json"), "{\"mine\": true}\n");
        CommandLineTest.Outcome o = CommandLineTest.infersimInShell(tmp, "run " + file.getFileName() + " -q");
        assertEquals(0, o.status(), o.err());
        assertEquals("{\"mine\": true}\n", Files.readString(tmp.resolve("summary.json")));
        assertTrue(Files.isRegularFile(tmp.resolve("results/unnamed/summary.json")), "results under results/");
    }

    @Test
    void aNameWithSlashesStaysOneFolderUnderResults() {
        assertEquals("a-..-..-etc", OutputFolder.folderName("a/../../etc"));
        assertEquals("unnamed", OutputFolder.folderName("."));
        assertEquals("rag-70b", OutputFolder.folderName("rag-70b"));
    }

    @Test
    void anEmptyOutputAndTheRootAreRefused() throws Exception {
        Path file = shortScenario("q");
        CommandLineTest.Outcome empty = infersim("run", file.toString(), "-q", "-o", "");
        assertEquals(2, empty.status(), empty.err());
        assertTrue(empty.err().contains("infersim run: --output '': empty"), empty.err());
        CommandLineTest.Outcome root = infersim("run", file.toString(), "-q", "-o", "/", "--force");
        assertEquals(2, root.status(), root.err());
        assertTrue(root.err().contains("--output /: the root of the file system is not a results folder"), root.err());
    }

    @Test
    void aFolderInfersimDidNotMakeIsWrittenOnlyWithForce() throws Exception {
        Path file = shortScenario("q");
        Path mine = tmp.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("summary.json"), "precious\n");
        CommandLineTest.Outcome refused = infersim("run", file.toString(), "-q", "-o", mine.toString());
        assertEquals(2, refused.status(), refused.err());
        assertTrue(refused.err().contains("--output " + mine + ": the folder exists, is not empty and was not made by "
                + "infersim"), refused.err());
        assertTrue(refused.err().contains("--force"), "says how to proceed: " + refused.err());
        assertEquals("precious\n", Files.readString(mine.resolve("summary.json")));

        for (String command : new String[] {"batch", "size"}) {
            String study = command.equals("batch") ? "rag-70b-sweep.batch.yaml" : "rag-70b.size.yaml";
            CommandLineTest.Outcome o = infersim(command, scenario(study).toString(), "-q", "-o", mine.toString());
            assertEquals(2, o.status(), command + ": " + o.err());
            assertTrue(o.err().contains("infersim " + command + ": --output " + mine + ": the folder exists"), o.err());
        }
        CommandLineTest.Outcome compare = infersim("compare", file.toString(), "--policies", "round-robin,least-kv",
                "--path", "deployments[0].router", "-q", "-o", mine.toString());
        assertEquals(2, compare.status(), compare.err());
        assertEquals("precious\n", Files.readString(mine.resolve("summary.json")));

        CommandLineTest.Outcome forced = infersim("run", file.toString(), "-q", "-o", mine.toString(), "--force");
        assertEquals(0, forced.status(), forced.err());
        assertTrue(Files.readString(mine.resolve("summary.json")).contains("\"ttftMs\""));
    }

    @Test
    void aFolderInfersimMadeIsWrittenAgainAndAnEmptyOneIsTaken() throws Exception {
        Path file = shortScenario("q");
        Path out = tmp.resolve("out");
        assertEquals(0, infersim("run", file.toString(), "-q", "-o", out.toString()).status());
        assertTrue(Files.isRegularFile(out.resolve(OutputFolder.MARKER)), "the folder is marked as infersim's");
        CommandLineTest.Outcome again = infersim("run", file.toString(), "-q", "-o", out.toString());
        assertEquals(0, again.status(), again.err());

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CommandLineTest.Outcome o = infersim("run", file.toString(), "-q", "-o", empty.toString());
        assertEquals(0, o.status(), o.err());
    }

    @Test
    void anOutputThatCannotBeMadeIsABadInputNamedInTheMessage() throws Exception {
        Path file = shortScenario("q");
        Path blocker = Files.writeString(tmp.resolve("a-file"), "x\n");
        CommandLineTest.Outcome o = infersim("run", file.toString(), "-q", "-o", blocker.resolve("out").toString());
        assertEquals(2, o.status(), o.err());
        assertTrue(o.err().contains("cannot write the results there: " + blocker.resolve("out")), o.err());
        assertFalse(o.err().contains("Exception"), o.err());

        CommandLineTest.Outcome notADir = infersim("run", file.toString(), "-q", "-o", blocker.toString());
        assertEquals(2, notADir.status(), notADir.err());
        assertTrue(notADir.err().contains("exists and is not a directory"), notADir.err());
    }

    @Test
    void aReportThatCannotBeWrittenIsABadInput() throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(0, infersim("run", shortScenario("q").toString(), "-q", "-o", out.toString()).status());
        Files.createDirectories(out.resolve("report.html/in-the-way"));
        CommandLineTest.Outcome o = infersim("report", out.toString());
        assertEquals(2, o.status(), o.err());
        assertTrue(o.err().startsWith("infersim report: cannot write the report: "), o.err());
        assertTrue(o.err().contains("report.html"), o.err());
    }
}
