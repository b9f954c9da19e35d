package org.infersim.results;

/**
 * {@code compare.csv}: for each compared figure, one row per policy with its mean and confidence
 * interval ({@link #MEAN}), then one per pair of policies with their paired difference
 * ({@link #DIFFERENCE}). The one definition of its columns, for its writer (the comparison) and
 * whatever reads it back.
 */
public final class CompareCsv {
    public static final String FILE = "compare.csv";

    /** {@link Column#KIND} of a policy's row. */
    public static final String MEAN = "mean";
    /** {@link Column#KIND} of a pair's row. */
    public static final String DIFFERENCE = "difference";

    /**
     * The columns, in file order. {@code versus}, {@code significant}, {@code better} and
     * {@code negligible} are empty on a policy's row; numbers are empty where undefined. A
     * significant difference too small to act on is {@code negligible}, and names no better policy.
     */
    public enum Column implements CsvColumn {
        FIGURE,
        KIND,
        POLICY,
        VERSUS,
        N,
        MEAN,
        HALF_WIDTH,
        LOW,
        HIGH,
        SIGNIFICANT,
        BETTER,
        NEGLIGIBLE
    }

    private CompareCsv() {}
}
