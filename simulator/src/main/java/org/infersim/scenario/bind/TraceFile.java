package org.infersim.scenario.bind;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.infersim.input.CsvLine;
import org.infersim.input.Problem;

/**
 * Reads a request trace into arrival offsets and lengths, and, where the trace says, what each
 * prompt shares with others.
 *
 * <p>The format is told by content: a first line that opens a JSON object is a Mooncake trace
 * (JSON lines, read by {@link MooncakeTrace}); anything else is CSV with a header, whose two
 * layouts are recognised by column name (case, spaces and underscores ignored):
 * <ul>
 *   <li>the Azure LLM inference trace: {@code TIMESTAMP,ContextTokens,GeneratedTokens};</li>
 *   <li>BurstGPT: {@code Timestamp,Model,Request tokens,Response tokens,...}.</li>
 * </ul>
 * A timestamp is a number of seconds or a date-time such as {@code 2023-11-16 18:15:46.6805900}
 * (UTC). Rows must be in time order and are offset from the first. Rows with 0 output tokens
 * (BurstGPT's failed requests have 0 response tokens) are skipped and counted; a row with 0 prompt tokens is a problem.
 */
final class TraceFile {
    /** Bad rows reported one by one; the rest are counted. */
    static final int MAX_PROBLEMS = 10;
    private static final Pattern SECONDS = Pattern.compile("[0-9]+(\\.[0-9]+)?|\\.[0-9]+");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[ T](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(?:Z|[+]00:?00)?");
    private static final String LAYOUTS = "expected the Azure LLM inference trace header TIMESTAMP,ContextTokens,"
            + "GeneratedTokens or BurstGPT's Timestamp,Model,Request tokens,Response tokens,..., or a Mooncake"
            + " trace of JSON lines such as {\"timestamp\": 0, \"input_length\": 600, \"output_length\": 20,"
            + " \"hash_ids\": [0, 1]}";

    /**
     * Rows in arrival order; offsets in ns from the first row.
     *
     * @param blockHashIds each row's block hash ids (a row's entry null when it has none), null for CSV
     * @param blockTokens  prompt tokens per hash id; 0 without ids
     */
    record Rows(long[] offsetsNs, int[] promptTokens, int[] outputTokens, int skippedRows, long[][] blockHashIds,
                int blockTokens) {

        Rows(long[] offsetsNs, int[] promptTokens, int[] outputTokens, int skippedRows) {
            this(offsetsNs, promptTokens, outputTokens, skippedRows, null, 0);
        }
    }

    private TraceFile() {}

    /**
     * The trace's rows, or null when it has problems (added to {@code problems}, each naming the
     * trace file and its line, with {@code scenarioPath} saying which scenario key named it).
     */
    static Rows read(Path file, String display, String scenarioPath, List<Problem> problems) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first;
            int lineNo = 0;
            do {
                first = in.readLine();
                lineNo++;
            } while (first != null && first.isBlank());
            if (first == null) {
                problems.add(new Problem(display, 0, scenarioPath, "the trace is empty; " + LAYOUTS));
                return null;
            }
            if (first.startsWith("\uFEFF")) {
                first = first.substring(1);
            }
            if (first.stripLeading().startsWith("{")) {
                return new MooncakeTrace(display, scenarioPath, problems).read(first, lineNo, in);
            }
            return new CsvReader(display, scenarioPath, problems).read(first, lineNo, in);
        } catch (java.nio.charset.CharacterCodingException e) {
            problems.add(new Problem(display, 0, scenarioPath, "not a text trace (it is not UTF-8 text); " + LAYOUTS));
            return null;
        } catch (IOException e) {
            problems.add(new Problem(display, 0, scenarioPath, "cannot read the trace: " + e.getMessage()));
            return null;
        }
    }

    /** The Azure and BurstGPT layouts. */
    private static final class CsvReader {
        private final String display;
        private final String scenarioPath;
        private final List<Problem> problems;
        private final TraceRows rows;

        CsvReader(String display, String scenarioPath, List<Problem> problems) {
            this.display = display;
            this.scenarioPath = scenarioPath;
            this.problems = problems;
            this.rows = new TraceRows(display, scenarioPath, problems, 0);
        }

        /** The rows after {@code header}, the file's first line, at line {@code lineNo}. */
        Rows read(String header, int lineNo, BufferedReader in) throws IOException {
            List<String> names = CsvLine.split(header);
            int timeCol = column(names, "timestamp");
            int promptCol = column(names, "contexttokens", "requesttokens");
            int outputCol = column(names, "generatedtokens", "responsetokens");
            if (timeCol < 0 || promptCol < 0 || outputCol < 0) {
                problems.add(new Problem(display, lineNo, scenarioPath,
                        "unrecognised trace header '" + header.strip() + "'; " + LAYOUTS));
                return null;
            }
            int width = Math.max(timeCol, Math.max(promptCol, outputCol)) + 1;
            String[] colNames = {names.get(timeCol), names.get(promptCol), names.get(outputCol)};

            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (line.stripLeading().startsWith("{")) {
                    rows.problem(lineNo, "expected a CSV row under the header, got a JSON object; a trace"
                            + " is CSV or Mooncake JSON lines throughout, as its first line says");
                    continue;
                }
                List<String> cells = CsvLine.split(line);
                if (cells.size() < width) {
                    rows.problem(lineNo, "expected at least " + width + " columns as in the header, got "
                            + cells.size());
                    continue;
                }
                Long t = timestamp(cells.get(timeCol), colNames[0], lineNo);
                int p = tokens(cells.get(promptCol), colNames[1], lineNo);
                int o = tokens(cells.get(outputCol), colNames[2], lineNo);
                if (t == null || p < 0 || o < 0) {
                    continue;
                }
                if (p == 0) {
                    rows.problem(lineNo, "column " + colNames[1] + ": 0 prompt tokens; a request has at least one");
                } else if (o == 0) {
                    rows.skip();
                } else {
                    rows.add(lineNo, t, p, o, null);
                }
            }
            return rows.finish();
        }

        /** Nanoseconds (since the epoch for date-times), or null after reporting a problem. */
        private Long timestamp(String cell, String column, int lineNo) {
            if (SECONDS.matcher(cell).matches()) {
                BigDecimal ns = new BigDecimal(cell).movePointRight(9);
                if (ns.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                    problem(lineNo, "column " + column + ": " + cell + " seconds is too large");
                    return null;
                }
                return ns.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
            }
            Matcher m = DATE_TIME.matcher(cell);
            if (m.matches()) {
                try {
                    LocalDateTime dt = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                            Integer.parseInt(m.group(6)));
                    String frac = m.group(7) == null ? "" : m.group(7);
                    long nanos = frac.isEmpty() ? 0 : Long.parseLong((frac + "000000000").substring(0, 9));
                    return dt.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + nanos;
                } catch (DateTimeException e) {
                    problem(lineNo, "column " + column + ": '" + cell + "' is not a valid date-time: " + e.getMessage());
                    return null;
                }
            }
            problem(lineNo, "column " + column + ": expected a number of seconds or a date-time such as"
                    + " 2023-11-16 18:15:46.6805900, got '" + cell + "'");
            return null;
        }

        /** The token count, or -1 after reporting a problem. */
        private int tokens(String cell, String column, int lineNo) {
            try {
                int v = Integer.parseInt(cell);
                if (v >= 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problem(lineNo, "column " + column + ": expected a non-negative integer token count, got '" + cell + "'");
            return -1;
        }

        private void problem(int lineNo, String message) {
            rows.problem(lineNo, message);
        }
    }

    private static int column(List<String> names, String... wanted) {
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i).toLowerCase(Locale.ROOT).replace(" ", "").replace("_", "");
            for (String w : wanted) {
                if (n.equals(w)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
