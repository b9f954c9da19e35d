package org.infersim.results;

import java.io.IOException;
import java.io.Writer;
import org.infersim.metrics.PoolSeries;

/** {@code pools.csv}: a header, then one row per pool per metrics interval (see {@link PoolSeries.Row}). */
public final class PoolsCsv {
    /** The columns, in file order. */
    public enum Column implements CsvColumn {
        TIME("time_s"),
        POOL("pool"),
        PROVISIONING("provisioning"),
        NODES("nodes"),
        NODES_PROVISIONING("nodes_provisioning"),
        GPUS("gpus"),
        GPUS_HELD("gpus_held"),
        COST_SO_FAR("cost_so_far_usd");

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

    private PoolsCsv() {}

    public static void write(PoolSeries series, Writer out) throws IOException {
        out.write(Csv.header(COLUMNS));
        out.write('\n');
        StringBuilder line = new StringBuilder(128);
        for (PoolSeries.Row row : series.rows()) {
            out.write(Csv.line(line, COLUMNS, c -> cell(c, row)));
        }
    }

    private static String cell(Column c, PoolSeries.Row r) {
        return switch (c) {
            case TIME -> Csv.number(r.timeS());
            case POOL -> Csv.text(r.pool());
            case PROVISIONING -> Csv.text(r.provisioning());
            case NODES -> Csv.number(r.nodes());
            case NODES_PROVISIONING -> Csv.number(r.nodesProvisioning());
            case GPUS -> Csv.number(r.gpus());
            case GPUS_HELD -> Csv.number(r.gpusHeld());
            case COST_SO_FAR -> Csv.number(r.costSoFarUsd());
        };
    }
}
