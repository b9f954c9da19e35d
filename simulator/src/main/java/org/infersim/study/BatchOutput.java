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
import org.infersim.results.Csv;

/**
 * Writes a batch's two summary files: {@code batch.csv}, one row per run (the file a notebook
 * or a spreadsheet reads), and {@code batch.json}, what was varied and what the analysis found
 * (the file the report reads).
 */
public final class BatchOutput {
    public static final String CSV = "batch.csv";
    public static final String JSON = "batch.json";

    private static final ObjectMapper JSON_MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** What {@code batch.json} holds. */
    public record Description(String name, String base, List<ParameterValues> parameters, int replications,
                              String loadParameter, SloTargets slo, int runs, int failed, List<String> pareto,
                              List<CheapestRun> cheapest) {}

    public record ParameterValues(String path, List<String> values) {}

    public record SloTargets(Double ttftP95Ms, Double tpotP95Ms, Double attainment) {}

    public record CheapestRun(String load, String run, String variant) {}

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
        try (AtomicFile f = new AtomicFile(dir.resolve(CSV))) {
            writeCsv(f.writer(), columns, rows);
            f.commit();
        }
        List<ParameterValues> params = new ArrayList<>();
        for (String c : columns) {
            List<String> values = new ArrayList<>();
            for (BatchRow r : rows) {
                var v = r.run().variant().values().get(c);
                String text = v == null ? "" : Variant.display(v);
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
                        c.best() == null ? null : c.best().variant().label()))
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
        StringBuilder line = new StringBuilder("run,variant,replication,seed,status,message");
        for (String c : columns) {
            line.append(',').append(Csv.text(c));
        }
        out.write(line.append(',').append(RunFigures.HEADER).append('\n').toString());
        for (BatchRow r : rows) {
            line.setLength(0);
            line.append(r.run().id()).append(',').append(r.run().variant().index() + 1).append(',')
                    .append(r.run().replication() + 1).append(',').append(r.run().seed()).append(',')
                    .append(r.ok() ? "ok" : "failed").append(',').append(Csv.text(r.message()));
            for (String c : columns) {
                var v = r.run().variant().values().get(c);
                line.append(',').append(v == null ? "" : Csv.text(Variant.display(v)));
            }
            RunFigures f = r.figures();
            if (f == null) {
                line.append(",".repeat(RunFigures.HEADER.split(",").length));
            } else {
                line.append(',').append(f.gpus())
                        .append(',').append(n(f.costPerHourUsd())).append(',').append(n(f.costUsd()))
                        .append(',').append(n(f.costPerMillionOutputTokensUsd()))
                        .append(',').append(n(f.throughputRps())).append(',').append(n(f.outputTokensPerSec()))
                        .append(',').append(n(f.ttftP50Ms())).append(',').append(n(f.ttftP95Ms()))
                        .append(',').append(n(f.ttftP99Ms())).append(',').append(n(f.tpotP50Ms()))
                        .append(',').append(n(f.tpotP95Ms())).append(',').append(n(f.tpotP99Ms()))
                        .append(',').append(n(f.e2eP95Ms())).append(',').append(n(f.sloAttainment()))
                        .append(',').append(n(f.goodputRps())).append(',').append(f.rejected())
                        .append(',').append(f.preemptions()).append(',').append(n(f.busyFraction()))
                        .append(',').append(n(f.kvPeakOccupancy()))
                        .append(',').append(f.meetsSlo() == null ? "" : f.meetsSlo().toString());
            }
            out.write(line.append('\n').toString());
        }
    }

    private static String n(Double v) {
        return v == null ? "" : Csv.number(v);
    }
}
