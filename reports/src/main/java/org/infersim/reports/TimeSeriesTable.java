package org.infersim.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infersim.input.InvalidInputException;
import org.infersim.results.TimeSeriesCsv.Column;

/**
 * {@code timeseries.csv}: one row per deployment per metrics interval. Columns are looked up by
 * name when a chart asks for them, so that columns added later are tolerated and a chart whose
 * column is absent is simply left out.
 */
final class TimeSeriesTable {
    private final CsvTable csv;
    private final Map<String, List<Integer>> rowsByDeployment = new LinkedHashMap<>();

    private TimeSeriesTable(CsvTable csv) throws InvalidInputException {
        this.csv = csv.require(Column.TIME_S, Column.DEPLOYMENT);
        for (int r = 0; r < csv.size(); r++) {
            csv.number(r, Column.TIME_S.header()); // a bad time is reported here, with its line, rather than in a chart
            rowsByDeployment.computeIfAbsent(csv.text(r, Column.DEPLOYMENT.header()), d -> new ArrayList<>()).add(r);
        }
    }

    static TimeSeriesTable of(CsvTable csv) throws InvalidInputException {
        return new TimeSeriesTable(csv);
    }

    /** Deployments in the order they first appear. */
    List<String> deployments() {
        return List.copyOf(rowsByDeployment.keySet());
    }

    boolean has(Column column) {
        return has(column.header());
    }

    /** For a column known by name only, such as one a later version adds. */
    boolean has(String column) {
        return csv.has(column);
    }

    /** Every column of the file, in its order. */
    List<String> columns() {
        return csv.header();
    }

    double[] times(String deployment) throws InvalidInputException {
        return values(deployment, Column.TIME_S);
    }

    /** The column's values for one deployment in time order; NaN where undefined or absent. */
    double[] values(String deployment, Column column) throws InvalidInputException {
        return values(deployment, column.header());
    }

    /** The values of a column known by name only. */
    double[] values(String deployment, String column) throws InvalidInputException {
        List<Integer> rows = rowsByDeployment.getOrDefault(deployment, List.of());
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = csv.number(rows.get(i), column);
        }
        return v;
    }
}
