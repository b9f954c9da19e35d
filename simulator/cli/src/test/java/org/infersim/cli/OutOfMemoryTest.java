package org.infersim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run too large for the heap ends with what to change and exit 2, never a stack trace. */
class OutOfMemoryTest {
    @TempDir
    Path tmp;

    @Test
    void aRunThatOutgrowsTheHeapSaysWhatWouldFitAndExitsTwo() throws Exception {
        // 150 million requests pass validation, but one GPU serves a tiny share of them and the
        // rest wait in memory: a 48 MB heap is full within seconds.
        Path scenario = tmp.resolve("flood.yaml");
        Files.writeString(scenario, Files.readString(CommandLineTest.scenario("quickstart.yaml"))
                .replace("rate: 8/s", "rate: 500000/s"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "-q",
                "-o", tmp.resolve("out").toString(), scenario.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run ends");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(Main.BAD_INPUT, p.exitValue(), output);
        assertTrue(output.startsWith("infersim: ran out of memory (a Java heap of "), output);
        assertTrue(output.contains("try a shorter duration, a lower rate, a longer metricsInterval, or a larger heap"
                + " with -Xmx"), output);
        assertFalse(output.contains("\tat "), "no stack trace: " + output);
        assertEquals(1, output.strip().lines().count(), "one line: " + output);
    }
}
