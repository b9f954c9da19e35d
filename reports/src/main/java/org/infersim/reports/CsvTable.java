package org.infersim.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.results.CsvColumn;

/**
 * A CSV file read whole: a header, then rows addressed by column name, so that columns a later
 * version adds are simply not asked for. Quoted cells may hold commas, quotes and line breaks.
 * A malformed file is reported with its name and line.
 */
final class CsvTable {
    private final String file;
    private final List<String> header;
    private final Map<String, Integer> columns = new HashMap<>();
    private final List<String[]> rows;
    private final List<Integer> lines;

    private CsvTable(String file, List<String> header, List<String[]> rows, List<Integer> lines) {
        this.file = file;
        this.header = List.copyOf(header);
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i), i);
        }
        this.rows = rows;
        this.lines = lines;
    }

    static CsvTable read(Path path) throws InvalidInputException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(new Problem(path.toString(), 0, "", "no such file"));
        } catch (IOException e) {
            throw new InvalidInputException(new Problem(path.toString(), 0, "", "cannot be read: " + e.getMessage()));
        }
        return parse(text, path.toString());
    }

    static CsvTable parse(String text, String file) throws InvalidInputException {
        List<String[]> records = new ArrayList<>();
        List<Integer> startLines = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean any = false;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (cell.length() > 0) {
                        throw new InvalidInputException(new Problem(file, line, "",
                                "a quote in the middle of a cell; quote the whole cell and double the quote inside"));
                    }
                    quoted = true;
                    any = true;
                }
                case ',' -> {
                    cells.add(cell.toString());
                    cell.setLength(0);
                    any = true;
                }
                case '\r' -> { }
                case '\n' -> {
                    if (any || cell.length() > 0) {
                        cells.add(cell.toString());
                        records.add(cells.toArray(String[]::new));
                        startLines.add(recordLine);
                    }
                    cells.clear();
                    cell.setLength(0);
                    any = false;
                    line++;
                    recordLine = line;
                }
                default -> {
                    cell.append(c);
                    any = true;
                }
            }
        }
        if (quoted) {
            throw new InvalidInputException(new Problem(file, recordLine, "", "a quoted cell is never closed"));
        }
        if (any || cell.length() > 0) {
            cells.add(cell.toString());
            records.add(cells.toArray(String[]::new));
            startLines.add(recordLine);
        }
        return of(file, records, startLines);
    }

    /** The table of the parsed records (the first is the header), each as wide as the header. */
    private static CsvTable of(String file, List<String[]> records, List<Integer> startLines)
            throws InvalidInputException {
        if (records.isEmpty()) {
            throw new InvalidInputException(new Problem(file, 1, "", "empty: expected a header line"));
        }
        List<String> header = List.of(records.get(0));
        for (int r = 1; r < records.size(); r++) {
            if (records.get(r).length != header.size()) {
                throw new InvalidInputException(new Problem(file, startLines.get(r), "",
                        "expected " + header.size() + " cells as in the header, found " + records.get(r).length));
            }
        }
        return new CsvTable(file, header, records.subList(1, records.size()), startLines.subList(1, startLines.size()));
    }

    String file() {
        return file;
    }

    List<String> header() {
        return header;
    }

    boolean has(String column) {
        return columns.containsKey(column);
    }

    int size() {
        return rows.size();
    }

    /** The line of the file where row {@code row} starts (the header is line 1). */
    int line(int row) {
        return lines.get(row);
    }

    /** Fails, naming the file, unless every column is in the header. */
    CsvTable require(CsvColumn... names) throws InvalidInputException {
        List<Problem> missing = new ArrayList<>();
        for (CsvColumn n : names) {
            if (!has(n.header())) {
                missing.add(new Problem(file, 1, "", "the header has no column " + n.header()));
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(missing);
        }
        return this;
    }

    String text(int row, String column) {
        Integer c = columns.get(column);
        return c == null ? "" : rows.get(row)[c];
    }

    /** The cell as a number; NaN when empty (undefined) or when the column is absent. */
    double number(int row, String column) throws InvalidInputException {
        String s = text(row, column).strip();
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(s);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                return Double.NaN;
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(new Problem(file, line(row), column,
                    "expected a number, found \"" + s + "\""));
        }
    }
}
