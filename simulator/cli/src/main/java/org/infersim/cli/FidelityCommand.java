package org.infersim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Quantities;
import org.infersim.study.fidelity.CalibrationSet;
import org.infersim.study.fidelity.Conditions;
import org.infersim.study.fidelity.Fidelity;
import org.infersim.study.fidelity.MeasurementFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Replays a calibration set's measured runs and prints measured against simulated figures. */
@Command(name = "fidelity", description = "Replays measured serving runs (the shipped calibration set, or --data FILE: "
        + "a vLLM benchmark result JSON, an inference-perf lifecycle metrics JSON, or a CSV in the set's layout) as "
        + "they were measured and prints each measured figure beside the simulated one, with the mean and median "
        + "absolute error per metric.")
final class FidelityCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    CatalogOptions catalogs;

    @Option(names = "--data", paramLabel = "FILE", arity = "1..*", description = "Measurements: the JSON that "
            + "vllm bench serve --save-result writes (or benchmark_serving.py), an inference-perf "
            + "stage_N_lifecycle_metrics.json (with the config.yaml beside it), or a CSV in the layout of "
            + "gpu-models/calibration/measured-serving.csv (default: the shipped set). A JSON result needs --gpu.")
    List<Path> data;

    @Mixin
    MeasurementOptions measurement;

    @Option(names = "--duration", defaultValue = "600s",
            description = "Simulated time of each serving stage of a CSV (default ${DEFAULT-VALUE}, as the shipped "
                    + "stages were measured); a JSON result is replayed for as long as it was measured.")
    String duration;

    /** Four significant digits: a 0.156 ms layer and a 4,158 ms request alike. */
    private static String figure(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    @Override
    public Integer call() throws IOException {
        long durationNs;
        try {
            durationNs = Quantities.parseDurationNs(duration);
        } catch (IllegalArgumentException e) {
            System.err.println("--duration: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        CalibrationSet set;
        try {
            Conditions conditions = measurement.conditions();
            set = data == null ? CalibrationSet.shipped() : MeasurementFile.read(data, conditions);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return Main.BAD_INPUT;
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> System.err.println(p));
            return Main.BAD_INPUT;
        }
        List<Fidelity.Figure> figures;
        try {
            figures = Fidelity.replay(set, main.validation(catalogs.dirs), durationNs / 1e9);
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> System.err.println(p));
            return Main.BAD_INPUT;
        }
        int width = Math.max(12, figures.stream().mapToInt(f -> f.run().label().length()).max().orElse(0));
        System.out.printf(Locale.ROOT, "%-" + width + "s  %-22s %10s %10s %7s%n", "measured run", "metric", "measured",
                "simulated", "error");
        for (Fidelity.Figure f : figures) {
            System.out.printf(Locale.ROOT, "%-" + width + "s  %-22s %10s %10s %7s%n", f.run().label(), f.metric(),
                    figure(f.measured()), figure(f.simulated()),
                    Double.isNaN(f.simulated()) ? "none" : String.format(Locale.ROOT, "%+.0f%%", f.error() * 100));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-22s %4s %14s %16s%n", "metric", "n", "mean |error|", "median |error|");
        for (Fidelity.ErrorSummary s : Fidelity.summarize(figures)) {
            System.out.printf(Locale.ROOT, "%-22s %4d %13.0f%% %15.0f%%%n", s.metric(), s.n(), s.meanAbsolute() * 100,
                    s.medianAbsolute() * 100);
        }
        if (!set.notReplayed().isEmpty()) {
            System.out.println();
            StringBuilder skipped = new StringBuilder();
            set.notReplayed().forEach((metric, rows) -> skipped.append(skipped.length() == 0 ? "" : ", ")
                    .append(metric).append(" (").append(rows).append(rows == 1 ? " row: " : " rows: ")
                    .append(CalibrationSet.whyNotReplayed(metric)).append(')'));
            System.out.println("Not replayed: " + skipped + ".");
        }
        return 0;
    }
}
