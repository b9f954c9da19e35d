package org.infersim.study.fidelity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.infersim.catalog.Catalog;
import org.infersim.catalog.GpuSpec;
import org.infersim.input.InvalidInputException;
import org.infersim.model.performance.ModelFootprint;
import org.infersim.model.performance.RooflineStepTime;
import org.infersim.model.performance.ServedModel;
import org.infersim.results.StreamSummary;
import org.infersim.run.ClusterRun;
import org.infersim.run.Progress;
import org.infersim.run.ScenarioValidation;
import org.infersim.input.Problem;
import org.infersim.scenario.LoadedScenario;
import org.infersim.scenario.NumericFormat;
import org.infersim.scenario.Precision;

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
        return Replay.of(set.runs(), validation, durationS).figures(UnaryOperator.identity());
    }

    /**
     * Runs parsed once and replayed as often as asked, each time against a catalog of the
     * caller's (a calibration tries many candidate figures for the same runs).
     */
    public static final class Replay {
        private final List<MeasuredRun> runs;
        /** Per run, its scenario; null for a linear-layer profile, which is no run. */
        private final List<LoadedScenario> scenarios;
        private final Catalog catalog;

        private Replay(List<MeasuredRun> runs, List<LoadedScenario> scenarios, Catalog catalog) {
            this.runs = runs;
            this.scenarios = scenarios;
            this.catalog = catalog;
        }

        public static Replay of(List<MeasuredRun> runs, ScenarioValidation validation, double durationS)
                throws InvalidInputException {
            List<LoadedScenario> scenarios = new ArrayList<>();
            Catalog catalog = validation.catalog();
            List<Problem> problems = new ArrayList<>();
            for (MeasuredRun run : runs) {
                if (run.kind() != MeasuredRun.Kind.LINEAR_LAYER) {
                    scenarios.add(validation.parse(run.scenario(durationS), "<fidelity: " + run.label() + ">",
                            Path.of(".")));
                    continue;
                }
                // One layer is profiled alone, whether or not the whole model would fit the GPU.
                scenarios.add(null);
                var model = catalog.model(run.model());
                if (catalog.gpu(run.gpu()).isEmpty() || model.isEmpty()) {
                    problems.add(new Problem("<fidelity: " + run.label() + ">", 0, "",
                            "no GPU " + run.gpu() + " or no model " + run.model() + " in the catalog"));
                } else if (model.get().attentionHeads() % run.tensorParallel() != 0) {
                    problems.add(new Problem("<fidelity: " + run.label() + ">", 0, "", "tp " + run.tensorParallel()
                            + " does not divide the " + model.get().attentionHeads() + " attention heads of "
                            + run.model()));
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new Replay(List.copyOf(runs), java.util.Collections.unmodifiableList(scenarios), catalog);
        }

        public List<MeasuredRun> runs() {
            return runs;
        }

        /** Every figure, with each run simulated against {@code catalog} applied to the catalog it was loaded with. */
        public List<Figure> figures(UnaryOperator<Catalog> catalog) {
            List<List<Figure>> perRun = IntStream.range(0, runs.size()).parallel()
                    .mapToObj(i -> figures(runs.get(i), scenarios.get(i), catalog)).toList();
            List<Figure> out = new ArrayList<>();
            perRun.forEach(out::addAll);
            return out;
        }

        private List<Figure> figures(MeasuredRun run, LoadedScenario loaded, UnaryOperator<Catalog> candidate) {
            List<Figure> out = new ArrayList<>();
            if (loaded == null) {
                double ms = linearLayerMs(run, candidate.apply(catalog));
                run.measured().forEach((metric, value) -> out.add(new Figure(run, metric, value, ms)));
                return out;
            }
            LoadedScenario scenario = new LoadedScenario(loaded.scenario(), candidate.apply(loaded.catalog()),
                    loaded.policies());
            StreamSummary all = new ClusterRun(scenario, null).run(Progress.NONE).summary().overall();
            run.measured().forEach((metric, value) -> {
                Double simulated = simulated(run, all, metric);
                if (simulated != null) {
                    out.add(new Figure(run, metric, value, simulated));
                }
            });
            return out;
        }

        /** What the step-time model gives for one layer's linear kernels on one tensor-parallel GPU. */
        private static double linearLayerMs(MeasuredRun run, Catalog c) {
            GpuSpec gpu = c.gpu(run.gpu()).orElseThrow();
            NumericFormat format = NumericFormat.valueOf(run.precision().toUpperCase(Locale.ROOT));
            ModelFootprint footprint = new ModelFootprint(c.model(run.model()).orElseThrow(),
                    new Precision(format, Precision.defaultKvCache(format)));
            var model = new RooflineStepTime(new ServedModel(gpu, footprint, run.tensorParallel(), 1, 1, 16));
            return model.linearLayerNs(run.batch()) / 1e6;
        }
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

    /** The figures of a run's summary that measured metrics are compared with, by metric. */
    private static final Map<String, java.util.function.Function<StreamSummary, Double>> FIGURES = Map.of(
            "ttft_mean", s -> s.ttftMs().mean(),
            "ttft_p99", s -> s.ttftMs().p99(),
            "tpot_mean", s -> s.tpotMs().mean(),
            "e2e_mean", s -> s.e2eMs().mean(),
            "e2e_latency_mean_batch", s -> s.e2eMs().mean(),
            "e2e_p99", s -> s.e2eMs().p99());

    /**
     * The simulated figure a measured metric is compared with: NaN when the run produced none
     * (nothing completed: a miss, not a gap), null for a metric no replay is compared on.
     */
    static Double simulated(StreamSummary s, String metric) {
        var figure = FIGURES.get(metric);
        if (figure == null) {
            return null;
        }
        Double v = figure.apply(s);
        return v == null ? Double.NaN : v;
    }

    /**
     * Mean and median absolute error per metric, in the order the metrics first appear; a figure
     * the replay did not produce counts as a 100% error.
     */
    public static List<ErrorSummary> summarize(List<Figure> figures) {
        Map<String, List<Double>> byMetric = new LinkedHashMap<>();
        for (Figure f : figures) {
            double error = Double.isNaN(f.simulated()) ? 1 : Math.abs(f.error());
            byMetric.computeIfAbsent(f.metric(), k -> new ArrayList<>()).add(error);
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
