package org.infersim.results;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** {@code latency.csv}: each stream's latency distributions, one percentile per row. */
public final class LatencyCsv {
    /** The columns, in file order. */
    public enum Column implements CsvColumn {
        STREAM,
        METRIC,
        PERCENTILE,
        VALUE_MS
    }

    private LatencyCsv() {}

    public static void write(List<LatencyDistribution> distributions, Writer out) throws IOException {
        List<Point> points = new ArrayList<>();
        for (LatencyDistribution d : distributions) {
            for (int i = 0; i < d.valuesMs().length; i++) {
                points.add(new Point(d, i));
            }
        }
        Csv.write(out, Column.values(), points, LatencyCsv::cell);
    }

    /** One row: the {@code index}-th percentile of a distribution. */
    private record Point(LatencyDistribution distribution, int index) {}

    private static String cell(Column c, Point p) {
        LatencyDistribution d = p.distribution();
        int i = p.index();
        return switch (c) {
            case STREAM -> Csv.text(d.stream());
            case METRIC -> Csv.text(d.metric());
            case PERCENTILE -> Csv.number(d.percentiles()[i]);
            case VALUE_MS -> Csv.number(d.valuesMs()[i]);
        };
    }
}
