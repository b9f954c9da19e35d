package org.infersim.results;

import java.io.IOException;
import java.io.Writer;
import org.infersim.metrics.PoolSeries;

/** Writes {@code pools.csv}: a header, then one row per pool per metrics interval. */
public final class PoolsCsv {
    private PoolsCsv() {}

    public static void write(PoolSeries series, Writer out) throws IOException {
        out.write(String.join(",", PoolSeries.COLUMNS));
        out.write('\n');
        StringBuilder line = new StringBuilder(128);
        for (PoolSeries.Row row : series.rows()) {
            line.setLength(0);
            line.append(Csv.number(row.timeS())).append(',').append(Csv.text(row.pool())).append(',')
                    .append(Csv.text(row.provisioning()));
            for (double v : row.values()) {
                line.append(',').append(Csv.number(v));
            }
            line.append('\n');
            out.write(line.toString());
        }
    }
}
