package org.infersim.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.infersim.results.AtomicFile;
import org.infersim.results.BatchCsv;
import org.infersim.results.BatchCsv.Figure;
import org.infersim.results.BatchCsv.RunColumn;
import org.infersim.results.Csv;

/**
 * Writes a batch's two summary files: {@code batch.csv}, one row per run (the file a notebook
 * or a spreadsheet reads; its columns are {@link BatchCsv}'s), and {@code batch.json}, what was
 * varied and what the analysis found (the file the report reads).
 */
public final class BatchOutput {
    public static final String JSON = "batch.json";

    private static final RunColumn[] RUN_COLUMNS = RunColumn.values();
    private static final Figure[] FIGURES = Figure.values();

    private static final ObjectMapper JSON_MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** What {@code batch.json} holds. */
    public record Description(String name, String base, List<ParameterValues> parameters, int replications,
                              String loadParameter, SloTargets slo, int runs, int failed, List<String> pareto,
                              List<CheapestRun> cheapest) {}

    public record ParameterValues(String path, List<String> values) {}

    public record SloTargets(Double ttftP95Ms, Double tpotP95Ms, Double attainment) {}

    /** @param tiedOnCost other variants meeting the SLO at the same cost per hour (see {@link BatchAnalysis.Cheapest}) */
    public record CheapestRun(String load, String run, String variant, int tiedOnCost) {}

    private BatchOutput() {}

    /** The varied paths, in column order. */
    public static List<String> columns(List<Variant> variants) {
        List<String> cols = new ArrayList<>();
        for (Variant v : variants) {
            v.values().forEach((p, value) -> {
                // A setting a variant leaves out is not something the batch varies.
                if (!value.isMissingNode() && !cols.contains(p)) {
                    cols.add(p);
                }
            });
        }
        return cols;
    }

    public static void write(Path dir, String name, Path base, List<String> columns, int replications, String loadPath,
                             BatchSlo slo, List<BatchRow> rows, BatchAnalysis analysis) throws IOException {
        try (AtomicFile f = new AtomicFile(dir.resolve(BatchCsv.FILE))) {
            writeCsv(f.writer(), columns, rows);
            f.commit();
        }
        List<ParameterValues> params = new ArrayList<>();
        for (String c : columns) {
            List<String> values = new ArrayList<>();
            for (BatchRow r : rows) {
                var v = r.run().variant().values().get(c);
                String text = v == null ? "" : BatchCsv.value(v);
                if (!values.contains(text)) {
                    values.add(text);
                }
            }
            params.add(new ParameterValues(c, values));
        }
        List<String> pareto = new ArrayList<>();
        analysis.pareto().forEach(v -> pareto.addAll(v.runIds()));
        List<CheapestRun> cheapest = analysis.cheapest().stream()
                .map(c -> new CheapestRun(c.load(), c.best() == null ? null : c.best().runIds().get(0),
                        c.best() == null ? null : c.best().variant().label(), c.tiedOnCost()))
                .toList();
        int failed = (int) rows.stream().filter(r -> !r.ok()).count();
        Description d = new Description(name, displayPath(base), params, replications, loadPath,
                slo == null ? null : new SloTargets(slo.ttftNs() > 0 ? slo.ttftNs() / 1e6 : null,
                        slo.tpotNs() > 0 ? slo.tpotNs() / 1e6 : null, slo.attainment()),
                rows.size(), failed, pareto, cheapest);
        AtomicFile.write(dir.resolve(JSON), JSON_MAPPER.writeValueAsString(d) + "\n");
    }

    /** A path relative to the working folder when it lies inside it, as the user would type it. */
    public static String displayPath(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    static void writeCsv(Writer out, List<String> columns, List<BatchRow> rows) throws IOException {
        out.write(BatchCsv.header(columns) + "\n");
        StringBuilder line = new StringBuilder(256);
        for (BatchRow r : rows) {
            line.setLength(0);
            for (RunColumn c : RUN_COLUMNS) {
                line.append(c.ordinal() == 0 ? "" : ",").append(cell(c, r));
            }
            for (String c : columns) {
                var v = r.run().variant().values().get(c);
                line.append(',').append(v == null ? "" : Csv.text(BatchCsv.value(v)));
            }
            for (Figure f : FIGURES) {
                line.append(',').append(r.figures() == null ? "" : cell(f, r.figures()));
            }
            out.write(line.append('\n').toString());
        }
    }

    private static String cell(RunColumn c, BatchRow r) {
        return switch (c) {
            case RUN -> r.run().id();
            case VARIANT -> Integer.toString(r.run().variant().index() + 1);
            case REPLICATION -> Integer.toString(r.run().replication() + 1);
            case SEED -> Long.toString(r.run().seed());
            case STATUS -> r.ok() ? BatchCsv.OK : BatchCsv.FAILED;
            case MESSAGE -> Csv.text(r.message());
        };
    }

    private static String cell(Figure c, RunFigures f) {
        return switch (c) {
            case GPUS -> Integer.toString(f.gpus());
            case COST_PER_HOUR_USD -> n(f.costPerHourUsd());
            case COST_USD -> n(f.costUsd());
            case COST_PER_MILLION_OUTPUT_TOKENS_USD -> n(f.costPerMillionOutputTokensUsd());
            case THROUGHPUT_RPS -> n(f.throughputRps());
            case OUTPUT_TOKENS_PER_S -> n(f.outputTokensPerSec());
            case TTFT_P50_MS -> n(f.ttftP50Ms());
            case TTFT_P95_MS -> n(f.ttftP95Ms());
            case TTFT_P99_MS -> n(f.ttftP99Ms());
            case TPOT_P50_MS -> n(f.tpotP50Ms());
            case TPOT_P95_MS -> n(f.tpotP95Ms());
            case TPOT_P99_MS -> n(f.tpotP99Ms());
            case E2E_P95_MS -> n(f.e2eP95Ms());
            case SLO_ATTAINMENT -> n(f.sloAttainment());
            case GOODPUT_RPS -> n(f.goodputRps());
            case REJECTED -> Long.toString(f.rejected());
            case PREEMPTIONS -> Long.toString(f.preemptions());
            case BUSY_FRACTION -> n(f.busyFraction());
            case ON_DEMAND_PER_HOUR_USD -> n(f.onDemandPerHourUsd());
            case ON_PREM_PER_HOUR_USD -> n(f.onPremPerHourUsd());
            case API_PER_MONTH_USD -> n(f.apiPerMonthUsd());
            case CROSSOVER_TOKENS_PER_MONTH -> n(f.crossoverTokensPerMonth());
            case KV_PEAK_OCCUPANCY -> n(f.kvPeakOccupancy());
            case PREFIX_CACHE_HIT_RATE -> n(f.prefixCacheHitRate());
            case MEETS_SLO -> f.meetsSlo() == null ? "" : f.meetsSlo().toString();
        };
    }

    private static String n(Double v) {
        return v == null ? "" : Csv.number(v);
    }
}
