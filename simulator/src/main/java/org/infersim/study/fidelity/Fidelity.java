package org.infersim.study.fidelity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infersim.input.InvalidInputException;
import org.infersim.results.StreamSummary;
import org.infersim.run.ClusterRun;
import org.infersim.run.Progress;
import org.infersim.run.ScenarioValidation;

/**
 * How close infersim comes to measured runs: each run of a calibration set replayed as it was
 * measured, each measured figure beside the simulated one, and per metric the mean and median of
 * the absolute relative errors.
 */
public final class Fidelity {
    /** One figure: measured, simulated, and the relative error (simulated / measured − 1). */
    public record Figure(MeasuredRun run, String metric, double measured, double simulated) {
        public double error() {
            return simulated / measured - 1;
        }
    }

    /** Per metric over the runs that measured it. */
    public record ErrorSummary(String metric, int n, double meanAbsolute, double medianAbsolute) {}

    private Fidelity() {}

    /** Replays every run for {@code durationS} simulated seconds; the figures in the set's order. */
    public static List<Figure> replay(CalibrationSet set, ScenarioValidation validation, double durationS)
            throws InvalidInputException {
        List<Figure> out = new ArrayList<>();
        for (MeasuredRun run : set.runs()) {
            var loaded = validation.parse(run.scenario(durationS), "<fidelity: " + run.label() + ">", Path.of("."));
            StreamSummary all = new ClusterRun(loaded, null).run(Progress.NONE).summary().overall();
            run.measured().forEach((metric, value) -> {
                Double simulated = simulated(run, all, metric);
                if (simulated != null) {
                    out.add(new Figure(run, metric, value, simulated));
                }
            });
        }
        return out;
    }

    /**
     * The simulated figure a measured metric of {@code run} is compared with; null when the run
     * produced none. Throughput is completed requests per second of the measured window.
     */
    static Double simulated(MeasuredRun run, StreamSummary s, String metric) {
        if (metric.equals("request_throughput")) {
            return run.replay() == null ? s.throughputRps() : run.replay().throughputRps(s);
        }
        return simulated(s, metric);
    }

    /** The simulated figure a measured metric is compared with; null when the run produced none. */
    static Double simulated(StreamSummary s, String metric) {
        return switch (metric) {
            case "ttft_mean" -> s.ttftMs().mean();
            case "ttft_p99" -> s.ttftMs().p99();
            case "tpot_mean" -> s.tpotMs().mean();
            case "e2e_mean", "e2e_latency_mean_batch" -> s.e2eMs().mean();
            case "e2e_p99" -> s.e2eMs().p99();
            default -> null;
        };
    }

    /** Mean and median absolute error per metric, in the order the metrics first appear. */
    public static List<ErrorSummary> summarize(List<Figure> figures) {
        Map<String, List<Double>> byMetric = new LinkedHashMap<>();
        for (Figure f : figures) {
            byMetric.computeIfAbsent(f.metric(), k -> new ArrayList<>()).add(Math.abs(f.error()));
        }
        List<ErrorSummary> out = new ArrayList<>();
        byMetric.forEach((metric, errors) -> {
            double[] e = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = e.length % 2 == 1 ? e[e.length / 2] : (e[e.length / 2 - 1] + e[e.length / 2]) / 2;
            out.add(new ErrorSummary(metric, e.length, Arrays.stream(e).average().orElse(Double.NaN), median));
        });
        return out;
    }
}
