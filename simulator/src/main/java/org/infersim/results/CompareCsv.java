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
     * The columns, in file order. {@code versus}, {@code significant} and {@code better} are
     * empty on a policy's row; numbers are empty where undefined.
     */
    public enum Column implements CsvColumn {
        FIGURE("figure"),
        KIND("kind"),
        POLICY("policy"),
        VERSUS("versus"),
        N("n"),
        MEAN("mean"),
        HALF_WIDTH("half_width"),
        LOW("low"),
        HIGH("high"),
        SIGNIFICANT("significant"),
        BETTER("better");

        private final String header;

        Column(String header) {
            this.header = header;
        }

        @Override
        public String header() {
            return header;
        }
    }

    private CompareCsv() {}
}
