package org.infersim.scenario.bind;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void azureDateTimesAreOffsetFromTheFirstWithZeroOutputRowsSkipped() throws Exception {
        TraceFile.Rows rows = TraceFile.read(fixture("azure-small.csv"), "azure-small.csv", "p", problems);
        assertEquals(List.of(), problems);
        assertNotNull(rows);
        // 46.6805900 → 0; two rows at 47.1 in their file order; 50.2 last; the 0-output row is skipped.
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
    void aRowEarlierThanTheOneBeforeItIsAProblemAtItsLine(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("t.csv"), "TIMESTAMP,ContextTokens,GeneratedTokens\n"
                + "10,100,10\n10,100,10\n5,100,10\n");
        assertNull(TraceFile.read(f, "t.csv", "p", problems));
        assertEquals(List.of("t.csv:4: p: this row is earlier than the one on line 3; a trace lists its requests in"
                + " time order (sort it by its timestamps)"), problems.stream().map(Problem::toString).toList());
        problems.clear();
        Path m = Files.writeString(dir.resolve("t.jsonl"), "{\"timestamp\": 3000, \"input_length\": 10, \"output_length\": 1}\n"
                + "{\"timestamp\": 0, \"input_length\": 10, \"output_length\": 1}\n");
        assertNull(TraceFile.read(m, "t.jsonl", "p", problems));
        assertEquals(2, problems.get(0).line());
    }

    @Test
    void aRowWithoutPromptTokensIsAProblemNotASkippedRow(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("t.csv"), "TIMESTAMP,ContextTokens,GeneratedTokens\n1,100,10\n2,0,0\n");
        assertNull(TraceFile.read(f, "t.csv", "p", problems));
        assertEquals(List.of("t.csv:3: p: column ContextTokens: 0 prompt tokens; a request has at least one"),
                problems.stream().map(Problem::toString).toList());
        problems.clear();
        Path m = Files.writeString(dir.resolve("t.jsonl"), "{\"timestamp\": 0, \"input_length\": 0, \"output_length\": 5}\n");
        assertNull(TraceFile.read(m, "t.jsonl", "p", problems));
        assertEquals("t.jsonl:1: p: input_length: 0 prompt tokens; a request has at least one", problems.get(0).toString());
    }

    @Test
    void aBinaryFileIsSaidNotToBeATextTrace(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("t.csv"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a,
            (byte) 0xff, (byte) 0xfe, 0, 1});
        assertNull(TraceFile.read(f, "t.csv", "p", problems));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().startsWith("not a text trace (it is not UTF-8 text); expected the Azure"),
                problems.get(0).message());
    }

    @Test
    void anUnknownHeaderNamesBothAcceptedLayouts(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("t.csv"), "time,in,out\n1,2,3\n");
        assertNull(TraceFile.read(f, "t.csv", "p", problems));
        assertEquals(1, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("TIMESTAMP,ContextTokens,GeneratedTokens"));
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

    @Test
    void aMooncakeTraceIsReadFromItsJsonLinesWithMillisecondTimestampsAndItsHashIds() throws Exception {
        TraceFile.Rows rows = TraceFile.read(fixture("mooncake.jsonl"), "mooncake.jsonl", "p", problems);
        assertEquals(List.of(), problems);
        // 0 ms first; the two rows at 1500.5 ms in their file order (the second, with 0 output tokens, is
        // skipped); 3000 ms; the row without hash_ids; the row whose ids cover only its first 1024 tokens.
        assertArrayEquals(new long[] {0, 1_500_500_000L, 3_000_000_000L, 4_000_000_000L, 5_000_000_000L},
                rows.offsetsNs());
        assertArrayEquals(new int[] {600, 1024, 1100, 1000, 1300}, rows.promptTokens());
        assertArrayEquals(new int[] {20, 8, 40, 16, 16}, rows.outputTokens());
        assertEquals(1, rows.skippedRows());
        assertEquals(512, rows.blockTokens());
        assertArrayEquals(new long[][] {{0, 3}, {0, 1}, {0, 1, 2}, null, {0, 1}}, rows.blockHashIds());
    }

    @Test
    void csvTracesHaveNoHashIds() throws Exception {
        TraceFile.Rows rows = TraceFile.read(fixture("seconds.csv"), "seconds.csv", "p", problems);
        assertNull(rows.blockHashIds());
        assertEquals(0, rows.blockTokens());
    }

    @Test
    void eachBadMooncakeLineIsAProblemAtItsLineSayingWhatWasExpected(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("t.jsonl"), String.join("\n",
                "{\"timestamp\": 0, \"input_length\": 600, \"output_length\": 20, \"hash_ids\": [0, 1]}",
                "{\"timestamp\": -1, \"input_length\": 600, \"output_length\": 20}",
                "{\"timestamp\": 5, \"input_length\": \"many\", \"output_length\": 3}",
                "{\"timestamp\": 5, \"input_length\": 600, \"output_length\": 3, \"hash_ids\": [0, 1, 2]}",
                "{\"input_length\": 5, \"output_length\": 1}",
                "{\"timestamp\": 1, \"input_length\": 5, \"output_length\": 1, \"hash_ids\": [1.5]}",
                "[1, 2]",
                "{\"timestamp\": 5, \"input_length\": 600"));
        assertNull(TraceFile.read(f, "t.jsonl", "workloads[0].arrival.file", problems));
        List<String> p = problems.stream().map(Problem::toString).toList();
        assertEquals(List.of(
                "t.jsonl:2: workloads[0].arrival.file: timestamp: expected a number of milliseconds from the start"
                        + " of the trace, 0 or more, got -1",
                "t.jsonl:3: workloads[0].arrival.file: input_length: expected a non-negative integer token count,"
                        + " got \"many\"",
                "t.jsonl:4: workloads[0].arrival.file: hash_ids: 3 ids, but input_length 600 is 2 blocks of 512"
                        + " tokens (one id per block, the last one partial)",
                "t.jsonl:5: workloads[0].arrival.file: missing timestamp (milliseconds from the start of the"
                        + " trace); a row is " + ROW,
                "t.jsonl:6: workloads[0].arrival.file: hash_ids[0]: expected an integer block hash id, got 1.5",
                "t.jsonl:7: workloads[0].arrival.file: expected a JSON object such as " + ROW + ", got '[1, 2]'; a"
                        + " trace is Mooncake JSON lines or CSV throughout, as its first line says"),
                p.subList(0, 6));
        assertEquals(7, p.size());
        assertTrue(p.get(6).startsWith("t.jsonl:8: workloads[0].arrival.file: expected a JSON object such as "
                + ROW + ": Unexpected end-of-input"), p.get(6));
    }

    private static final String ROW = "{\"timestamp\": 0, \"input_length\": 600, \"output_length\": 20,"
            + " \"hash_ids\": [0, 1]}";

    @Test
    void theFormatIsToldByTheFirstLineSoACsvLineInAMooncakeTraceIsAProblemAndTheOtherWayRound(@TempDir Path dir)
            throws Exception {
        Path jsonFirst = Files.writeString(dir.resolve("a.jsonl"),
                "{\"timestamp\": 0, \"input_length\": 600, \"output_length\": 20}\n0,600,20\n");
        assertNull(TraceFile.read(jsonFirst, "a.jsonl", "p", problems));
        assertEquals(List.of("a.jsonl:2: p: expected a JSON object such as " + ROW + ", got '0,600,20'; a trace is"
                + " Mooncake JSON lines or CSV throughout, as its first line says"),
                problems.stream().map(Problem::toString).toList());

        problems.clear();
        Path csvFirst = Files.writeString(dir.resolve("b.csv"), "TIMESTAMP,ContextTokens,GeneratedTokens\n"
                + "0,600,20\n{\"timestamp\": 1, \"input_length\": 600, \"output_length\": 20}\n");
        assertNull(TraceFile.read(csvFirst, "b.csv", "p", problems));
        assertEquals(List.of("b.csv:3: p: expected a CSV row under the header, got a JSON object; a trace"
                + " is CSV or Mooncake JSON lines throughout, as its first line says"),
                problems.stream().map(Problem::toString).toList());
    }

    @Test
    void manyBadMooncakeLinesAreReportedUpToALimitWithACount(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            sb.append("{\"timestamp\": ").append(i).append(", \"input_length\": -1, \"output_length\": 1}\n");
        }
        Path f = Files.writeString(dir.resolve("t.jsonl"), sb.toString());
        assertNull(TraceFile.read(f, "t.jsonl", "p", problems));
        assertEquals(11, problems.size());
        assertEquals(10, problems.get(9).line());
        assertEquals("15 more rows have problems", problems.get(10).message());
    }
}
