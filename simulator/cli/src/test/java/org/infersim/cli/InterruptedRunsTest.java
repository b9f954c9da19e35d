package org.infersim.cli;

import static org.infersim.cli.CommandLineTest.infersim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a killed run leaves behind is cleaned up or run again, never an error. */
class InterruptedRunsTest {
    @TempDir
    Path tmp;

    private Path shortScenario() throws Exception {
        return CommandLineTest.shortQuickstart(tmp, "q");
    }

    private static List<String> temporaryFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
        }
    }

    @Test
    void aRerunRemovesTheTemporaryFilesAKilledRunLeft() throws Exception {
        Path file = shortScenario();
        Path out = tmp.resolve("out");
        assertEquals(0, infersim("run", file.toString(), "-q", "-o", out.toString()).status());
        // What kill -9 in the middle of writing leaves: temporary files beside their targets.
        for (String left : new String[] {".requests.csv4127370095218866473.tmp", ".summary.json88.tmp",
                ".timeseries.csv512.tmp"}) {
            Files.writeString(out.resolve(left), "half a file");
            Files.setLastModifiedTime(out.resolve(left), FileTime.from(Instant.now().minusSeconds(60)));
        }
        Files.writeString(out.resolve(".notes.tmp"), "the user's own");

        CommandLineTest.Outcome o = infersim("run", file.toString(), "-q", "-o", out.toString());
        assertEquals(0, o.status(), o.err());
        // requests.csv goes too, though this run does not log requests and so never replaces it.
        assertEquals(List.of(".notes.tmp"), temporaryFiles(out), "only infersim's own temporary files go");
    }

    @Test
    void aBatchResumesPastASummaryCutShortAndRunsItAgain() throws Exception {
        Path batch = tmp.resolve("b.batch.yaml");
        Files.writeString(batch, """
                base: %s
                parameters:
                  workloads[0].arrival.rate: [2/s, 4/s]
                """.formatted(shortScenario()));
        Path out = tmp.resolve("out");
        CommandLineTest.Outcome first = infersim("batch", batch.toString(), "-o", out.toString());
        assertEquals(0, first.status(), first.err());
        Path summary;
        try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
            summary = runs.sorted().findFirst().orElseThrow().resolve("summary.json");
        }
        String whole = Files.readString(summary);
        Files.writeString(summary, whole.substring(0, whole.length() / 2));

        CommandLineTest.Outcome resumed = infersim("batch", batch.toString(), "-o", out.toString());
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.out().contains("2 runs (1 run now, 1 already done)"), resumed.out());
        assertEquals(whole, Files.readString(summary), "the run done again gives the same summary");
        assertFalse(resumed.err().contains("internal error"), resumed.err());
    }
}
