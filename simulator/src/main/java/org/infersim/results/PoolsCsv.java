package org.infersim.results;

import java.io.IOException;
import java.io.Writer;
import org.infersim.metrics.PoolSeries;

/** {@code pools.csv}: a header, then one row per pool per metrics interval (see {@link PoolSeries.Row}). */
public final class PoolsCsv {
    /** The columns, in file order. */
    public enum Column implements CsvColumn {
        TIME_S,
        POOL,
        PROVISIONING,
        NODES,
        NODES_PROVISIONING,
        GPUS,
        GPUS_HELD,
        COST_SO_FAR_USD,
        POWER_KW
    }

    private PoolsCsv() {}

    public static void write(PoolSeries series, Writer out) throws IOException {
        Csv.write(out, Column.values(), series.rows(), PoolsCsv::cell);
    }

    private static String cell(Column c, PoolSeries.Row r) {
        return switch (c) {
            case TIME_S -> Csv.number(r.timeS());
            case POOL -> Csv.text(r.pool());
            case PROVISIONING -> Csv.text(r.provisioning());
            case NODES -> Csv.number(r.nodes());
            case NODES_PROVISIONING -> Csv.number(r.nodesProvisioning());
            case GPUS -> Csv.number(r.gpus());
            case GPUS_HELD -> Csv.number(r.gpusHeld());
            case COST_SO_FAR_USD -> Csv.number(r.costSoFarUsd());
            case POWER_KW -> Csv.number(r.powerKw());
        };
    }
}
