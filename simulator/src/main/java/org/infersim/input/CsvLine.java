package org.infersim.input;

import java.util.ArrayList;
import java.util.List;

/** One line of a CSV file (RFC 4180 quoting), as the traces and the calibration set are written. */
public final class CsvLine {
    private CsvLine() {}

    /** Splits a CSV line on commas, honouring double quotes; cells are stripped. */
    public static List<String> split(String line) {
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
