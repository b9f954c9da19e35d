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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.infersim.input.Problem;

/**
 * Reads a request trace (CSV with a header) into arrival offsets and lengths.
 *
 * <p>Two layouts are recognised by column name (case, spaces and underscores ignored):
 * <ul>
 *   <li>the Azure LLM inference trace: {@code TIMESTAMP,ContextTokens,GeneratedTokens};</li>
 *   <li>BurstGPT: {@code Timestamp,Model,Request tokens,Response tokens,...}.</li>
 * </ul>
 * A timestamp is a number of seconds or a date-time such as {@code 2023-11-16 18:15:46.6805900}
 * (UTC). Rows are sorted by time (stable) and offset from the earliest. Rows with 0 tokens
 * (BurstGPT's failed requests have 0 response tokens) are skipped and counted.
 */
final class TraceFile {
    private static final int MAX_PROBLEMS = 10;
    private static final Pattern SECONDS = Pattern.compile("[0-9]+(\\.[0-9]+)?|\\.[0-9]+");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[ T](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(?:Z|[+]00:?00)?");
    private static final String LAYOUTS = "expected the Azure LLM inference trace header TIMESTAMP,ContextTokens,"
            + "GeneratedTokens or BurstGPT's Timestamp,Model,Request tokens,Response tokens,...";

    /** Rows sorted by arrival; offsets in ns from the first row. */
    record Rows(long[] offsetsNs, int[] promptTokens, int[] outputTokens, int skippedRows) {}

    private TraceFile() {}

    /**
     * The trace's rows, or null when it has problems (added to {@code problems}, each naming the
     * trace file and its line, with {@code scenarioPath} saying which scenario key named it).
     */
    static Rows read(Path file, String display, String scenarioPath, List<Problem> problems) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new TraceFile.Reader(display, scenarioPath, problems).read(in);
        } catch (IOException e) {
            problems.add(new Problem(display, 0, scenarioPath, "cannot read the trace: " + e.getMessage()));
            return null;
        }
    }

    private static final class Reader {
        private final String display;
        private final String scenarioPath;
        private final List<Problem> problems;
        private int bad;

        Reader(String display, String scenarioPath, List<Problem> problems) {
            this.display = display;
            this.scenarioPath = scenarioPath;
            this.problems = problems;
        }

        Rows read(BufferedReader in) throws IOException {
            String header;
            int lineNo = 0;
            do {
                header = in.readLine();
                lineNo++;
            } while (header != null && header.isBlank());
            if (header == null) {
                problems.add(new Problem(display, 0, scenarioPath, "the trace is empty; " + LAYOUTS));
                return null;
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            List<String> names = split(header);
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

            long[] times = new long[4096];
            int[] prompts = new int[4096];
            int[] outputs = new int[4096];
            int n = 0;
            int skipped = 0;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = split(line);
                if (cells.size() < width) {
                    problem(lineNo, "expected at least " + width + " columns as in the header, got " + cells.size());
                    continue;
                }
                Long t = timestamp(cells.get(timeCol), colNames[0], lineNo);
                int p = tokens(cells.get(promptCol), colNames[1], lineNo);
                int o = tokens(cells.get(outputCol), colNames[2], lineNo);
                if (t == null || p < 0 || o < 0) {
                    continue;
                }
                if (p == 0 || o == 0) {
                    skipped++;
                    continue;
                }
                if (n == times.length) {
                    times = Arrays.copyOf(times, n * 2);
                    prompts = Arrays.copyOf(prompts, n * 2);
                    outputs = Arrays.copyOf(outputs, n * 2);
                }
                times[n] = t;
                prompts[n] = p;
                outputs[n] = o;
                n++;
            }
            if (bad > MAX_PROBLEMS) {
                problems.add(new Problem(display, 0, scenarioPath, (bad - MAX_PROBLEMS) + " more rows have problems"));
            }
            if (bad > 0) {
                return null;
            }
            if (n == 0) {
                problems.add(new Problem(display, 0, scenarioPath, "the trace has no requests with positive token counts"
                        + (skipped > 0 ? " (" + skipped + " rows with 0 tokens were skipped)" : "")));
                return null;
            }
            return sorted(times, prompts, outputs, n, skipped);
        }

        private static Rows sorted(long[] times, int[] prompts, int[] outputs, int n, int skipped) {
            boolean inOrder = true;
            for (int i = 1; i < n && inOrder; i++) {
                inOrder = times[i - 1] <= times[i];
            }
            long[] offsets = new long[n];
            int[] p = new int[n];
            int[] o = new int[n];
            if (inOrder) {
                for (int i = 0; i < n; i++) {
                    offsets[i] = times[i] - times[0];
                }
                System.arraycopy(prompts, 0, p, 0, n);
                System.arraycopy(outputs, 0, o, 0, n);
            } else {
                Integer[] order = new Integer[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                long[] t = times;
                Arrays.sort(order, Comparator.comparingLong(i -> t[i])); // stable (TimSort)
                long first = times[order[0]];
                for (int k = 0; k < n; k++) {
                    int i = order[k];
                    offsets[k] = times[i] - first;
                    p[k] = prompts[i];
                    o[k] = outputs[i];
                }
            }
            return new Rows(offsets, p, o, skipped);
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
            if (bad++ < MAX_PROBLEMS) {
                problems.add(new Problem(display, lineNo, scenarioPath, message));
            }
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

    /** Splits a CSV line on commas, honouring double quotes; cells are stripped. */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }
}
