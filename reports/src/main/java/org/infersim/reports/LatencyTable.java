package org.infersim.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.results.LatencyCsv.Column;

/**
 * {@code latency.csv}: for each stream and each latency (ttft, tpot, itl, e2e), its value at a
 * ladder of percentiles, which is what a CDF is drawn from.
 */
final class LatencyTable {
    /** One stream's distribution of one latency: values in milliseconds at percentiles (0–100). */
    record Curve(String stream, String metric, double[] percentiles, double[] valuesMs) {}

    private final Map<String, Map<String, Curve>> byMetric = new LinkedHashMap<>();

    private LatencyTable() {}

    static LatencyTable of(CsvTable csv) throws InvalidInputException {
        csv.require(Column.values());
        Map<String, Map<String, List<double[]>>> points = new LinkedHashMap<>();
        for (int r = 0; r < csv.size(); r++) {
            double p = csv.number(r, Column.PERCENTILE.header());
            double v = csv.number(r, Column.VALUE_MS.header());
            if (Double.isNaN(p)) {
                throw new InvalidInputException(new Problem(csv.file(), csv.line(r), Column.PERCENTILE.header(),
                        "is empty"));
            }
            points.computeIfAbsent(csv.text(r, Column.METRIC.header()), m -> new LinkedHashMap<>())
                    .computeIfAbsent(csv.text(r, Column.STREAM.header()), s -> new ArrayList<>())
                    .add(new double[] {p, v});
        }
        LatencyTable table = new LatencyTable();
        points.forEach((metric, streams) -> streams.forEach((stream, list) -> {
            double[] p = new double[list.size()];
            double[] v = new double[list.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = list.get(i)[0];
                v[i] = list.get(i)[1];
            }
            table.byMetric.computeIfAbsent(metric, m -> new LinkedHashMap<>())
                    .put(stream, new Curve(stream, metric, p, v));
        }));
        return table;
    }

    /** The curves of one latency, one per stream, in file order ({@code all} included when present). */
    List<Curve> curves(String metric) {
        return List.copyOf(byMetric.getOrDefault(metric, Map.of()).values());
    }
}
