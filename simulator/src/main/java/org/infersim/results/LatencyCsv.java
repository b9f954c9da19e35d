package org.infersim.results;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes {@code latency.csv}: each stream's latency distributions, one percentile per row. */
public final class LatencyCsv {
    private LatencyCsv() {}

    public static void write(List<LatencyDistribution> distributions, Writer out) throws IOException {
        out.write("stream,metric,percentile,value_ms\n");
        for (LatencyDistribution d : distributions) {
            for (int i = 0; i < d.valuesMs().length; i++) {
                out.write(Csv.text(d.stream()) + "," + d.metric() + "," + Csv.number(d.percentiles()[i]) + ","
                        + Csv.number(d.valuesMs()[i]) + "\n");
            }
        }
    }
}
