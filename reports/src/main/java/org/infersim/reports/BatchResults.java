package org.infersim.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.results.BatchCsv;
import org.infersim.results.BatchCsv.Figure;
import org.infersim.results.BatchCsv.RunColumn;

/**
 * A batch's folder: {@code batch.json} (what was varied, the SLO, the Pareto front and the cheapest
 * configuration per load) and {@code batch.csv} (one row per run with its varied values and key
 * figures). Figure columns are read by name; columns a later version adds are ignored.
 */
record BatchResults(
        Path dir,
        String name,
        String base,
        List<Parameter> parameters,
        int replications,
        String loadParameter,
        Slo slo,
        List<String> pareto,
        List<Cheapest> cheapest,
        List<Run> runs) {

    static final String JSON = "batch.json";

    /** A varied scenario path and its values as batch.csv shows them. */
    record Parameter(String path, List<String> values) {}

    /** The SLO every run was judged by; null fields where the batch sets none. */
    record Slo(Double ttftP95Ms, Double tpotP95Ms, Double attainment) {}

    /** The cheapest run meeting the SLO at one load (load null when the batch has no load parameter). */
    record Cheapest(String load, String run, String variant) {}

    /** One row of batch.csv. Figures are NaN when the run failed or the figure is undefined. */
    record Run(String id, String variant, String replication, String seed, String status, String message,
               Map<String, String> values, Map<Figure, Double> figures, Boolean meetsSlo) {

        boolean ok() {
            return status.equals(BatchCsv.OK);
        }

        /** A numeric figure; NaN when undefined. */
        double figure(Figure column) {
            Double v = figures.get(column);
            return v == null ? Double.NaN : v;
        }
    }

    static BatchResults read(Path dir) throws InvalidInputException {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(new Problem(dir.toString(), 0, "", "not a folder"));
        }
        Path jsonFile = dir.resolve(JSON);
        JsonNode json = readJson(jsonFile);
        String jsonName = jsonFile.toString();

        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode p : json.path("parameters")) {
            if (!p.hasNonNull("path")) {
                throw new InvalidInputException(new Problem(jsonName, 0, "parameters", "a parameter without a path"));
            }
            List<String> values = new ArrayList<>();
            p.path("values").forEach(v -> values.add(BatchCsv.value(v)));
            parameters.add(new Parameter(p.get("path").asText(), values));
        }
        JsonNode sloNode = json.path("slo");
        Slo slo = sloNode.isObject() ? new Slo(number(sloNode.get("ttftP95Ms")), number(sloNode.get("tpotP95Ms")),
                number(sloNode.get("attainment"))) : null;
        List<String> pareto = new ArrayList<>();
        json.path("pareto").forEach(id -> pareto.add(id.asText()));
        List<Cheapest> cheapest = new ArrayList<>();
        for (JsonNode c : json.path("cheapest")) {
            cheapest.add(new Cheapest(text(c.get("load")), text(c.get("run")), text(c.get("variant"))));
        }
        String load = text(json.get("loadParameter"));

        CsvTable csv = CsvTable.read(dir.resolve(BatchCsv.FILE)).require(RunColumn.RUN, RunColumn.STATUS);
        List<Problem> missing = new ArrayList<>();
        for (Parameter p : parameters) {
            if (!csv.has(p.path())) {
                missing.add(new Problem(csv.file(), 1, p.path(),
                        "batch.json varies this parameter but the header has no column for it"));
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(missing);
        }
        List<Run> runs = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            Map<String, String> values = new LinkedHashMap<>();
            for (Parameter p : parameters) {
                values.put(p.path(), csv.text(r, p.path()));
            }
            Map<Figure, Double> figures = new EnumMap<>(Figure.class);
            for (Figure f : Figure.values()) {
                if (f.numeric()) {
                    figures.put(f, csv.number(r, f.header()));
                }
            }
            String meets = csv.text(r, Figure.MEETS_SLO.header()).strip();
            Boolean meetsSlo = switch (meets) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "" -> null;
                default -> throw new InvalidInputException(new Problem(csv.file(), csv.line(r), Figure.MEETS_SLO.header(),
                        "expected true, false or empty, found \"" + meets + "\""));
            };
            runs.add(new Run(csv.text(r, RunColumn.RUN.header()), csv.text(r, RunColumn.VARIANT.header()),
                    csv.text(r, RunColumn.REPLICATION.header()), csv.text(r, RunColumn.SEED.header()),
                    csv.text(r, RunColumn.STATUS.header()).strip(), csv.text(r, RunColumn.MESSAGE.header()), values,
                    figures, meetsSlo));
        }
        return new BatchResults(dir, text(json.get("name")), text(json.get("base")), List.copyOf(parameters),
                json.path("replications").asInt(1), load, slo, List.copyOf(pareto), List.copyOf(cheapest),
                List.copyOf(runs));
    }

    List<Run> okRuns() {
        return runs.stream().filter(Run::ok).toList();
    }

    List<Run> failedRuns() {
        return runs.stream().filter(r -> !r.ok()).toList();
    }

    Parameter load() {
        for (Parameter p : parameters) {
            if (p.path().equals(loadParameter)) {
                return p;
            }
        }
        return null;
    }

    private static JsonNode readJson(Path file) throws InvalidInputException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(new Problem(file.toString(), 0, "",
                    "missing: a batch's folder has a batch.json written by infersim batch"));
        }
        return JsonObjectFile.read(file);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Double number(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.asDouble();
    }
}
