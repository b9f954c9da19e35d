package org.infersim.results;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** {@code latency.csv}: each stream's latency distributions, one percentile per row. */
public final class LatencyCsv {
    /** The columns, in file order. */
    public enum Column implements CsvColumn {
        STREAM("stream"),
        METRIC("metric"),
        PERCENTILE("percentile"),
        VALUE("value_ms");

        private final String header;

        Column(String header) {
            this.header = header;
        }

        @Override
        public String header() {
            return header;
        }
    }

    private static final Column[] COLUMNS = Column.values();

    private LatencyCsv() {}

    public static void write(List<LatencyDistribution> distributions, Writer out) throws IOException {
        out.write(Csv.header(COLUMNS));
        out.write('\n');
        StringBuilder line = new StringBuilder(64);
        for (LatencyDistribution d : distributions) {
            for (int i = 0; i < d.valuesMs().length; i++) {
                int percentile = i;
                out.write(Csv.line(line, COLUMNS, c -> cell(c, d, percentile)));
            }
        }
    }

    /** The cell of the distribution's {@code i}-th percentile. */
    private static String cell(Column c, LatencyDistribution d, int i) {
        return switch (c) {
            case STREAM -> Csv.text(d.stream());
            case METRIC -> Csv.text(d.metric());
            case PERCENTILE -> Csv.number(d.percentiles()[i]);
            case VALUE -> Csv.number(d.valuesMs()[i]);
        };
    }
}
