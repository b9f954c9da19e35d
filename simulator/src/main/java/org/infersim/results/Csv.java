package org.infersim.results;

import java.io.IOException;
import java.io.Writer;
import java.util.function.BiFunction;
import java.util.function.Function;

/** How numbers and text appear in the CSV files infersim writes. */
public final class Csv {
    private Csv() {}

    /** Six significant digits, no exponent for everyday magnitudes, empty when undefined. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        double r = Decimal.round(v);
        if (r == Math.rint(r) && Math.abs(r) < 1e15) {
            return Long.toString((long) r);
        }
        return java.math.BigDecimal.valueOf(r).stripTrailingZeros().toPlainString();
    }

    /** The header line of {@code columns}, without the line break. */
    public static String header(CsvColumn... columns) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            line.append(i == 0 ? "" : ",").append(text(columns[i].header()));
        }
        return line.toString();
    }

    /** Writes a whole table: the header of {@code columns}, then a line per row, {@code cell} giving each cell. */
    public static <C extends CsvColumn, R> void write(Writer out, C[] columns, Iterable<? extends R> rows,
                                                      BiFunction<C, R, String> cell) throws IOException {
        out.write(header(columns) + "\n");
        StringBuilder line = new StringBuilder(256);
        for (R row : rows) {
            out.write(line(line, columns, c -> cell.apply(c, row)));
        }
    }

    /**
     * One line of a table: the cell of each column, comma-separated, and the line break, in
     * {@code line} (emptied first, so that one builder serves every row).
     */
    public static <C extends CsvColumn> String line(StringBuilder line, C[] columns, Function<C, String> cell) {
        line.setLength(0);
        for (int i = 0; i < columns.length; i++) {
            line.append(i == 0 ? "" : ",").append(cell.apply(columns[i]));
        }
        return line.append('\n').toString();
    }

    /** Quotes a text cell when it holds a separator, a quote or a line break. */
    public static String text(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
