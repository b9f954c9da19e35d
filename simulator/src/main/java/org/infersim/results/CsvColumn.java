package org.infersim.results;

import java.util.Locale;

/**
 * A column of a CSV file infersim writes, named once for its writer and its readers. Each file's
 * columns are an enum in file order whose constants are the column names in upper case; its
 * writer turns a row into cells with a switch over them, so a column added to the enum cannot be
 * forgotten by the writer, and readers look columns up by {@link #header()}, so that a file with
 * columns they do not know still reads.
 */
public interface CsvColumn {
    /** The constant's name (an enum's own {@code name()}). */
    String name();

    /** The column's name in the header line: the constant's name in lower case. */
    default String header() {
        return name().toLowerCase(Locale.ROOT);
    }
}
