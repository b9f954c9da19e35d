package org.infersim.results;

import java.io.IOException;
import java.io.Writer;
import org.infersim.metrics.TimeSeries;

/** Writes {@code timeseries.csv}: a header, then one row per deployment per metrics interval. */
public final class TimeSeriesCsv {
    private TimeSeriesCsv() {}

    public static void write(TimeSeries series, Writer out) throws IOException {
        out.write(String.join(",", TimeSeries.COLUMNS));
        out.write('\n');
        StringBuilder line = new StringBuilder(256);
        for (TimeSeries.Row row : series.rows()) {
            line.setLength(0);
            line.append(Csv.number(row.timeS())).append(',').append(Csv.text(row.deployment()));
            for (double v : row.values()) {
                line.append(',').append(Csv.number(v));
            }
            line.append('\n');
            out.write(line.toString());
        }
    }
}
