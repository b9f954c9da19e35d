package org.infersim.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infersim.input.InvalidInputException;
import org.infersim.results.PoolsCsv.Column;

/**
 * {@code pools.csv}: one row per pool per metrics interval, with its provisioning mode and its
 * nodes ready and being provisioned. Results written before the file existed have none.
 */
final class PoolSeriesTable {
    private final CsvTable csv;
    private final Map<String, List<Integer>> rowsByPool = new LinkedHashMap<>();
    private final Map<String, String> modes = new LinkedHashMap<>();

    private PoolSeriesTable(CsvTable csv) throws InvalidInputException {
        this.csv = csv.require(Column.TIME_S, Column.POOL, Column.PROVISIONING);
        for (int r = 0; r < csv.size(); r++) {
            csv.number(r, Column.TIME_S.header());
            String pool = csv.text(r, Column.POOL.header());
            rowsByPool.computeIfAbsent(pool, p -> new ArrayList<>()).add(r);
            modes.putIfAbsent(pool, csv.text(r, Column.PROVISIONING.header()));
        }
    }

    static PoolSeriesTable of(CsvTable csv) throws InvalidInputException {
        return new PoolSeriesTable(csv);
    }

    /** Pools whose size changes (dynamic or serverless), in the order they first appear. */
    List<String> elasticPools() {
        List<String> out = new ArrayList<>();
        modes.forEach((pool, mode) -> {
            if (!mode.equals("static")) {
                out.add(pool);
            }
        });
        return out;
    }

    /** Every pool, in the order it first appears. */
    List<String> pools() {
        return List.copyOf(rowsByPool.keySet());
    }

    String mode(String pool) {
        return modes.get(pool);
    }

    boolean has(Column column) {
        return csv.has(column.header());
    }

    /** The column's values for one pool in time order; NaN where undefined or absent. */
    double[] values(String pool, Column column) throws InvalidInputException {
        List<Integer> rows = rowsByPool.getOrDefault(pool, List.of());
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = csv.number(rows.get(i), column.header());
        }
        return v;
    }
}
