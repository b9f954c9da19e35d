package org.infersim.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.results.ResultsFolder;
import org.infersim.results.TimeSeriesCsv.Column;

/**
 * A policy comparison's {@code compare.json} (written by infersim compare), and the time series of
 * each policy's first replication: ready (and, where the simulator reports them, starting)
 * replicas summed over the deployments, and the arrival rate, the load every policy shares.
 */
record ComparisonResults(List<String> paths, int replications, double level, List<Figure> figures,
                         List<Policy> policies, List<Difference> differences, boolean sameArrivals,
                         boolean arrivalsFollowAnswers, Map<String, Trace> traces) {

    static final String JSON = "compare.json";

    /** A compared figure: its key in compare.json, how to name it, and which way is better. */
    record Figure(String key, String label, String unit, boolean higherIsBetter) {
        /** Fractions are shown as percentages. */
        double scale() {
            return unit.equals("fraction") ? 100 : 1;
        }

        String axisLabel() {
            return switch (unit) {
                case "fraction" -> label + " (%)";
                case "count" -> label;
                case "USD" -> label + " (US dollars)";
                default -> label + " (" + unit + ")";
            };
        }
    }

    /** A mean with its confidence interval; null numbers where undefined. */
    record Interval(int n, Double mean, Double halfWidth, Double low, Double high) {}

    record Policy(String name, List<String> runs, Map<String, String> failed, Map<String, Interval> figures,
                  Map<String, List<Double>> values) {}

    /**
     * {@code policy − versus}; better is null unless the interval excludes zero and the difference
     * is not negligible (significant but too small to act on; false in files written before that).
     */
    record Difference(String figure, String policy, String versus, Interval interval, Boolean significant,
                      String better, boolean negligible) {}

    /**
     * One run's replicas and load over time, deployments summed.
     *
     * @param starting null when the time series has no replicas_starting column
     */
    record Trace(String run, double durationS, double warmupS, double[] timeS, double[] ready, double[] starting,
                 double[] arrivalRps) {}

    static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve(JSON));
    }

    static ComparisonResults read(Path dir) throws InvalidInputException {
        Path file = dir.resolve(JSON);
        JsonNode json = JsonObjectFile.read(file);
        List<String> paths = new ArrayList<>();
        json.path("paths").forEach(p -> paths.add(p.asText()));
        List<Figure> figures = new ArrayList<>();
        for (JsonNode f : json.path("figures")) {
            if (!f.hasNonNull("key")) {
                throw new InvalidInputException(new Problem(file.toString(), 0, "figures", "a figure without a key"));
            }
            figures.add(new Figure(f.get("key").asText(), f.path("label").asText(f.get("key").asText()),
                    f.path("unit").asText(""), f.path("better").asText().equals("higher")));
        }
        List<Policy> policies = new ArrayList<>();
        for (JsonNode p : json.path("policies")) {
            List<String> runs = new ArrayList<>();
            p.path("runs").forEach(r -> runs.add(r.asText()));
            Map<String, String> failed = new LinkedHashMap<>();
            p.path("failed").forEach(f -> failed.put(f.path("run").asText(), f.path("message").asText()));
            Map<String, Interval> intervals = new LinkedHashMap<>();
            Map<String, List<Double>> values = new LinkedHashMap<>();
            for (Figure f : figures) {
                JsonNode node = p.path("figures").path(f.key());
                intervals.put(f.key(), interval(node));
                List<Double> v = new ArrayList<>();
                node.path("values").forEach(x -> v.add(number(x)));
                values.put(f.key(), v);
            }
            policies.add(new Policy(p.path("policy").asText(), runs, failed, intervals, values));
        }
        List<Difference> differences = new ArrayList<>();
        for (JsonNode d : json.path("differences")) {
            JsonNode s = d.get("significant");
            differences.add(new Difference(d.path("figure").asText(), d.path("policy").asText(),
                    d.path("versus").asText(), interval(d), s == null || s.isNull() ? null : s.asBoolean(),
                    d.hasNonNull("better") ? d.get("better").asText() : null, d.path("negligible").asBoolean(false)));
        }
        Map<String, Trace> traces = new LinkedHashMap<>();
        for (Policy p : policies) {
            if (!p.runs().isEmpty() && !p.failed().containsKey(p.runs().get(0))) {
                Trace t = trace(dir.resolve("runs").resolve(p.runs().get(0)), p.runs().get(0));
                if (t != null) {
                    traces.put(p.name(), t);
                }
            }
        }
        return new ComparisonResults(List.copyOf(paths), json.path("replications").asInt(0),
                json.path("confidenceLevel").asDouble(0.95), List.copyOf(figures), List.copyOf(policies),
                List.copyOf(differences), json.path("commonRandomNumbers").path("sameArrivals").asBoolean(true),
                json.path("commonRandomNumbers").path("arrivalsFollowAnswers").asBoolean(false), traces);
    }

    /** A run's replicas and arrivals over time, or null when its folder has no time series. */
    private static Trace trace(Path runDir, String run) throws InvalidInputException {
        Path csvFile = runDir.resolve(ResultsFolder.TIME_SERIES);
        if (!Files.isRegularFile(csvFile)) {
            return null;
        }
        TimeSeriesTable series = TimeSeriesTable.of(CsvTable.read(csvFile));
        if (!series.has(Column.REPLICAS)) {
            return null;
        }
        boolean hasStarting = series.has(Column.REPLICAS_STARTING);
        // Deployments share the metrics interval; summing by time also copes with one that starts late.
        TreeMap<Double, double[]> byTime = new TreeMap<>();
        for (String d : series.deployments()) {
            double[] t = series.times(d);
            double[] ready = series.values(d, Column.REPLICAS);
            double[] starting = hasStarting ? series.values(d, Column.REPLICAS_STARTING) : null;
            double[] arrivals = series.values(d, Column.ARRIVAL_RATE_RPS);
            for (int i = 0; i < t.length; i++) {
                double[] sum = byTime.computeIfAbsent(t[i], k -> new double[3]);
                sum[0] += finite(ready[i]);
                sum[1] += starting == null ? 0 : finite(starting[i]);
                sum[2] += finite(arrivals[i]);
            }
        }
        int n = byTime.size();
        double[] time = new double[n];
        double[] ready = new double[n];
        double[] starting = hasStarting ? new double[n] : null;
        double[] arrivals = new double[n];
        int i = 0;
        for (Map.Entry<Double, double[]> e : byTime.entrySet()) {
            time[i] = e.getKey();
            ready[i] = e.getValue()[0];
            if (starting != null) {
                starting[i] = e.getValue()[1];
            }
            arrivals[i] = e.getValue()[2];
            i++;
        }
        double duration = n == 0 ? 0 : time[n - 1];
        double warmup = 0;
        Path summary = runDir.resolve(ResultsFolder.SUMMARY);
        if (Files.isRegularFile(summary)) {
            JsonNode s = JsonObjectFile.read(summary);
            duration = s.path("durationS").asDouble(duration);
            warmup = s.path("warmupS").asDouble(0);
        }
        return new Trace(run, duration, warmup, time, ready, starting, arrivals);
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private static Interval interval(JsonNode node) {
        return new Interval(node.path("n").asInt(0), number(node.get("mean")), number(node.get("halfWidth")),
                number(node.get("low")), number(node.get("high")));
    }

    private static Double number(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.asDouble();
    }

    Figure figure(String key) {
        return figures.stream().filter(f -> f.key().equals(key)).findFirst().orElse(null);
    }
}
