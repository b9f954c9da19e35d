package org.infersim.results;

/**
 * A column of a CSV file infersim writes, named once for its writer and its readers. Each file's
 * columns are an enum in file order, and its writer turns a row into cells with a switch over
 * them, so a column added to the enum cannot be forgotten by the writer; readers look columns up
 * by {@link #header()}, so that a file with columns they do not know still reads.
 */
public interface CsvColumn {
    /** The column's name in the header line. */
    String header();
}
