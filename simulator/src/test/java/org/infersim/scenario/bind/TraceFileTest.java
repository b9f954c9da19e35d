package org.infersim.scenario.bind;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.infersim.input.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceFileTest {
    private final List<Problem> problems = new ArrayList<>();

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(TraceFileTest.class.getResource("/scenario/traces/" + name).toURI());
    }

    @Test
    void azureDateTimesAreSortedStablyAndOffsetFromTheFirstWithZeroOutputRowsSkipped() throws Exception {
        TraceFile.Rows rows = TraceFile.read(fixture("azure-small.csv"), "azure-small.csv", "p", problems);
        assertEquals(List.of(), problems);
        assertNotNull(rows);
        // 46.6805900 → 0; two rows at 47.1 keep their file order; 50.2 last; the 0-output row is skipped.
        assertArrayEquals(new long[] {0, 419_410_000L, 419_410_000L, 3_519_410_000L}, rows.offsetsNs());
        assertArrayEquals(new int[] {4808, 110, 50, 3180}, rows.promptTokens());
        assertArrayEquals(new int[] {10, 27, 2, 8}, rows.outputTokens());
        assertEquals(1, rows.skippedRows());
    }

    @Test
    void numericTimestampsAreSeconds() throws Exception {
        TraceFile.Rows rows = TraceFile.read(fixture("seconds.csv"), "seconds.csv", "p", problems);
        assertEquals(List.of(), problems);
        assertArrayEquals(new long[] {0, 500_000_000L, 2_250_000_000L}, rows.offsetsNs());
        assertArrayEquals(new int[] {100, 200, 300}, rows.promptTokens());
        assertArrayEquals(new int[] {10, 20, 30}, rows.outputTokens());
    }

    @Test
    void burstGptColumnsAreFoundByNameAndItsFailedRequestsSkipped() throws Exception {
        TraceFile.Rows rows = TraceFile.read(fixture("burstgpt.csv"), "burstgpt.csv", "p", problems);
        assertEquals(List.of(), problems);
        assertArrayEquals(new long[] {0, 42_000_000_000L}, rows.offsetsNs());
        assertArrayEquals(new int[] {472, 300}, rows.promptTokens());
        assertArrayEquals(new int[] {18, 150}, rows.outputTokens());
        assertEquals(1, rows.skippedRows());
    }

    @Test
    void aNonNumericCellIsAProblemAtTheTraceFilesLine() throws Exception {
        TraceFile.Rows rows = TraceFile.read(fixture("bad-cell.csv"), "traces/bad-cell.csv",
                "workloads[0].arrival.file", problems);
        assertNull(rows);
        assertEquals(1, problems.size());
        assertEquals("traces/bad-cell.csv:3: workloads[0].arrival.file: column ContextTokens: expected a"
                + " non-negative integer token count, got 'abc'", problems.get(0).toString());
    }

    @Test
    void aBadTimestampIsAProblemThatSaysWhatWasExpected(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("t.csv"), "TIMESTAMP,ContextTokens,GeneratedTokens\n"
                + "yesterday,10,10\n");
        assertNull(TraceFile.read(f, "t.csv", "p", problems));
        assertEquals("t.csv:2: p: column TIMESTAMP: expected a number of seconds or a date-time such as"
                + " 2023-11-16 18:15:46.6805900, got 'yesterday'", problems.get(0).toString());
    }

    @Test
    void anUnknownHeaderNamesBothAcceptedLayouts(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("t.csv"), "time,in,out\n1,2,3\n");
        assertNull(TraceFile.read(f, "t.csv", "p", problems));
        assertEquals(1, problems.get(0).line());
        assertEquals(true, problems.get(0).message().contains("TIMESTAMP,ContextTokens,GeneratedTokens"));
    }

    @Test
    void aTraceWithoutRowsIsAProblem(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("t.csv"), "TIMESTAMP,ContextTokens,GeneratedTokens\n");
        assertNull(TraceFile.read(f, "t.csv", "p", problems));
        assertEquals(1, problems.size());
    }

    @Test
    void manyBadRowsAreReportedUpToALimitWithACount(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("TIMESTAMP,ContextTokens,GeneratedTokens\n");
        for (int i = 0; i < 25; i++) {
            sb.append(i).append(",x,1\n");
        }
        Path f = Files.writeString(dir.resolve("t.csv"), sb.toString());
        assertNull(TraceFile.read(f, "t.csv", "p", problems));
        assertEquals(11, problems.size());
        assertEquals("15 more rows have problems", problems.get(10).message());
    }
}
