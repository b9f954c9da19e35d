package org.infersim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.infersim.catalog.Catalog;
import org.infersim.catalog.Efficiency;
import org.infersim.catalog.GpuEntryYaml;
import org.infersim.catalog.GpuSpec;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Quantities;
import org.infersim.results.AtomicFile;
import org.infersim.run.ScenarioValidation;
import org.infersim.study.fidelity.Calibration;
import org.infersim.study.fidelity.CalibrationSet;
import org.infersim.study.fidelity.EfficiencyParameter;
import org.infersim.study.fidelity.Fidelity;
import org.infersim.study.fidelity.MeasuredRun;
import org.infersim.study.fidelity.MeasurementFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Fits a GPU's step-time constants to measured runs by replaying them, and writes a catalog overlay. */
@Command(name = "calibrate", description = {"Fits the step-time constants of the GPUs in your measurements (efficiency"
        + " factors and overheads, within physical bounds) by replaying the measured runs, prints the error before and"
        + " after per metric, on the runs fitted to and on those held out, and writes the fitted GPU entries to"
        + " OUT/gpus.yaml, which --catalog OUT then uses.",
        "Measurements: vLLM benchmark result JSON, inference-perf lifecycle metrics JSON, or CSV in the layout of"
                + " gpu-models/calibration/measured-serving.csv (default: the shipped set)."})
final class CalibrateCommand implements Callable<Integer> {
    /** The first line of every gpus.yaml calibrate writes: what it may replace without --force. */
    static final String WRITTEN_BY = "# Written by infersim calibrate";

    @ParentCommand
    Main main;

    @Mixin
    CatalogOptions catalogs;

    @Parameters(paramLabel = "DATA", arity = "0..*", description = "Measured runs: the JSON that vllm bench serve"
            + " --save-result writes, an inference-perf stage_N_lifecycle_metrics.json, or a CSV in the layout of"
            + " gpu-models/calibration/measured-serving.csv (default: the shipped calibration set). A JSON result"
            + " needs --gpu.")
    List<Path> data = new ArrayList<>();

    @Mixin
    MeasurementOptions measurement;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Directory for the fitted gpus.yaml (created if needed). A gpus.yaml there is replaced only if "
                    + "calibrate wrote it, or with --force.")
    Path out;

    @Option(names = "--force", description = "Replace a gpus.yaml in --out that calibrate did not write.")
    boolean force;

    @Option(names = "--fit-gpu", paramLabel = "ID", description = "Fit only this GPU type's constants (repeatable;"
            + " default: every GPU in the measurements).")
    List<String> gpus = new ArrayList<>();

    @Option(names = "--fit", paramLabel = "LIST", split = ",", description = "Constants fitted for each GPU apart, of: "
            + "mfu, mfuFp8, mfuHalfTokens, mbu, overlap, layerOverhead, iterationOverhead, sequenceOverhead, "
            + "requestOverhead, allReduceLatency, linkEfficiency (default: those the measurements inform).")
    List<String> fit;

    @Option(names = "--shared", paramLabel = "LIST", split = ",", description = "Constants fitted as one value for all "
            + "the GPUs fitted (default with no --fit: the host-side overheads the measurements inform).")
    List<String> shared;

    @Option(names = "--hold-out", paramLabel = "TEXT", description = "Hold out the runs whose label (as `infersim"
            + " fidelity` prints it) contains TEXT, case-insensitive (repeatable): they are not fitted to, and their"
            + " error is reported apart.")
    List<String> holdOut = new ArrayList<>();

    @Option(names = "--tails", description = "Fit the tail figures (p90, p99) too. By default they are reported but"
            + " not fitted: the replay sends prompts of the measured mean length, so its tails are narrower than the"
            + " measured ones whatever the constants.")
    boolean tails;

    @Option(names = "--duration", defaultValue = "600s", description = "Simulated time of each serving stage replayed"
            + " (default ${DEFAULT-VALUE}, as long as inference-perf's stages run).")
    String duration;

    @Option(names = "--max-evaluations", defaultValue = "300", description = "Most replays of the runs fitted to"
            + " (default ${DEFAULT-VALUE}).")
    int maxEvaluations;

    @Override
    public Integer call() throws IOException {
        List<String> problems = new ArrayList<>();
        long durationNs = 0;
        try {
            durationNs = Quantities.parseDurationNs(duration);
        } catch (IllegalArgumentException e) {
            problems.add("--duration: " + e.getMessage());
        }
        if (holdOut.stream().anyMatch(String::isBlank)) {
            problems.add("--hold-out: expected part of a run's label, such as '20/s' or 'on h200', got a blank");
        }
        if (maxEvaluations < 10) {
            problems.add("--max-evaluations: expected at least 10, got " + maxEvaluations);
        }
        List<EfficiencyParameter> perGpu = parameters("--fit", fit, problems);
        List<EfficiencyParameter> sharedParams = parameters("--shared", shared, problems);
        List<MeasuredRun> runs = new ArrayList<>();
        try {
            runs.addAll((data.isEmpty() ? CalibrationSet.shipped()
                    : MeasurementFile.read(data, measurement.conditions())).runs());
        } catch (IOException | IllegalArgumentException e) {
            problems.add(e.getMessage());
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> problems.add(p.toString()));
        }
        Path existing = out.resolve("gpus.yaml");
        if (!force && Files.isRegularFile(existing) && !Files.readString(existing).startsWith(WRITTEN_BY)) {
            problems.add("--out " + out + ": it holds a gpus.yaml that calibrate did not write (a catalog of your own?);"
                    + " give another folder, or add --force to replace it");
        }
        if (!problems.isEmpty()) {
            problems.forEach(System.err::println);
            return Main.BAD_INPUT;
        }
        List<MeasuredRun> training = new ArrayList<>();
        List<MeasuredRun> heldOut = new ArrayList<>();
        for (MeasuredRun r : runs) {
            (held(r) ? heldOut : training).add(r);
        }
        ScenarioValidation validation = main.validation(catalogs.dirs);
        try {
            Catalog catalog = validation.catalog();
            List<GpuSpec> fitted = gpusToFit(training, catalog, problems);
            if (fit == null && shared == null) {
                List<List<EfficiencyParameter>> informed = Calibration.informedBy(
                        training.stream().filter(r -> fitted.stream().anyMatch(g -> g.id().equalsIgnoreCase(r.gpu())))
                                .toList());
                perGpu = informed.get(0);
                sharedParams = informed.get(1);
            }
            if (training.isEmpty()) {
                problems.add("no measured run is left to fit to" + (holdOut.isEmpty() ? "" : " after --hold-out"));
            }
            if (problems.isEmpty() && perGpu.isEmpty() && sharedParams.isEmpty()) {
                problems.add("nothing to fit: give --fit or --shared");
            }
            if (!problems.isEmpty()) {
                problems.forEach(System.err::println);
                return Main.BAD_INPUT;
            }
            double seconds = durationNs / 1e9;
            Fidelity.Replay train = Fidelity.Replay.of(training, validation, seconds);
            Calibration calibration = new Calibration(train, fitted, perGpu, sharedParams);
            Calibration.Result result = (tails ? calibration.withTails() : calibration).fit(maxEvaluations);
            List<Fidelity.Figure> heldBefore = List.of();
            List<Fidelity.Figure> heldAfter = List.of();
            if (!heldOut.isEmpty()) {
                Fidelity.Replay held = Fidelity.Replay.of(heldOut, validation, seconds);
                heldBefore = held.figures(c -> c);
                heldAfter = held.figures(result.catalog());
            }
            print(result, fitted, perGpu, sharedParams, heldBefore, heldAfter);
            write(result, fitted, perGpu, sharedParams, training, heldOut);
            return 0;
        } catch (InvalidInputException e) {
            e.problems().forEach(System.err::println);
            return Main.BAD_INPUT;
        }
    }

    private boolean held(MeasuredRun r) {
        String label = r.label().toLowerCase(Locale.ROOT);
        return holdOut.stream().anyMatch(h -> label.contains(h.toLowerCase(Locale.ROOT)));
    }

    private List<GpuSpec> gpusToFit(List<MeasuredRun> training, Catalog catalog, List<String> problems) {
        Set<String> ids = new LinkedHashSet<>();
        if (gpus.isEmpty()) {
            training.forEach(r -> ids.add(r.gpu()));
        } else {
            ids.addAll(gpus);
        }
        String from = gpus.isEmpty() ? "the measured runs name GPU type " : "--fit-gpu: no GPU type ";
        List<GpuSpec> out = new ArrayList<>();
        for (String id : ids) {
            catalog.gpu(id).ifPresentOrElse(out::add, () -> problems.add(from + id + ", which is not in the catalog"
                    + " (see infersim catalog; --catalog DIR adds your own)"));
        }
        return out;
    }

    private static List<EfficiencyParameter> parameters(String option, List<String> names, List<String> problems) {
        List<EfficiencyParameter> out = new ArrayList<>();
        for (String n : names == null ? List.<String>of() : names) {
            EfficiencyParameter.ofKey(n).ifPresentOrElse(out::add, () -> problems.add(option + ": unknown constant '" + n
                    + "'; expected one of mfu, mfuFp8, mfuHalfTokens, mbu, overlap, layerOverhead, iterationOverhead,"
                    + " sequenceOverhead, requestOverhead, allReduceLatency, linkEfficiency"));
        }
        return out;
    }

    private static void print(Calibration.Result result, List<GpuSpec> gpus, List<EfficiencyParameter> perGpu,
                              List<EfficiencyParameter> shared, List<Fidelity.Figure> heldBefore,
                              List<Fidelity.Figure> heldAfter) {
        System.out.printf(Locale.ROOT, "fitted in %d replays%n%n", result.evaluations());
        System.out.printf(Locale.ROOT, "%-18s %-20s %12s %12s%n", "gpu", "constant", "before", "after");
        for (GpuSpec g : gpus) {
            Efficiency after = result.fitted().get(g.id());
            for (EfficiencyParameter p : all(perGpu, shared)) {
                System.out.printf(Locale.ROOT, "%-18s %-20s %12s %12s%n", g.id(), p.key() + (shared.contains(p) ? "*" : ""),
                        p.format(p.get(g.efficiency())), p.format(p.get(after)));
            }
        }
        if (!shared.isEmpty()) {
            System.out.println("(* shared by the GPUs fitted)");
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-22s %-9s %4s %16s %16s%n", "metric", "runs", "n", "mean |error|",
                "median |error|");
        errors("fitted", result.before(), result.after());
        errors("held out", heldBefore, heldAfter);
    }

    private static void errors(String which, List<Fidelity.Figure> before, List<Fidelity.Figure> after) {
        Map<String, Fidelity.ErrorSummary> b = new LinkedHashMap<>();
        Fidelity.summarize(before).forEach(s -> b.put(s.metric(), s));
        // Before and after replay the same runs, so they compare the same metrics.
        for (Fidelity.ErrorSummary a : Fidelity.summarize(after)) {
            Fidelity.ErrorSummary s = b.getOrDefault(a.metric(), a);
            System.out.printf(Locale.ROOT, "%-22s %-9s %4d %7.0f%% → %3.0f%% %7.0f%% → %3.0f%%%n", a.metric(), which,
                    a.n(), s.meanAbsolute() * 100, a.meanAbsolute() * 100, s.medianAbsolute() * 100,
                    a.medianAbsolute() * 100);
        }
    }

    private static List<EfficiencyParameter> all(List<EfficiencyParameter> perGpu, List<EfficiencyParameter> shared) {
        List<EfficiencyParameter> out = new ArrayList<>(shared);
        out.addAll(perGpu);
        return out;
    }

    /** OUT/gpus.yaml: each fitted GPU's whole entry, its fitted constants sourced to this fit. */
    private void write(Calibration.Result result, List<GpuSpec> gpus, List<EfficiencyParameter> perGpu,
                       List<EfficiencyParameter> shared, List<MeasuredRun> training, List<MeasuredRun> heldOut)
            throws IOException {
        String what = "fitted by infersim calibrate to " + figures(training) + " measured figures of " + training.size()
                + " runs (" + (data.isEmpty() ? "the shipped calibration set" : String.join(", ",
                data.stream().map(Path::toString).toList())) + ")" + (heldOut.isEmpty() ? ""
                : "; held out: " + heldOut.size() + " runs matching " + String.join(", ", holdOut));
        List<GpuSpec> entries = new ArrayList<>();
        for (GpuSpec g : gpus) {
            Map<String, String> sources = new LinkedHashMap<>();
            for (EfficiencyParameter p : EfficiencyParameter.values()) {
                if (perGpu.contains(p) || shared.contains(p)) {
                    sources.put(p.key(), what + (shared.contains(p) ? ", one value for " + ids(gpus) : ""));
                } else if (!g.sources().containsKey(p.key())) {
                    sources.put(p.key(), "not fitted; absent from the catalog calibrated from, where absent means "
                            + (p == EfficiencyParameter.MFU_FP8 ? "the BF16 efficiency" : "0"));
                }
            }
            entries.add(g.withEfficiency(result.fitted().get(g.id()), sources));
        }
        Files.createDirectories(out);
        Path file = out.resolve("gpus.yaml");
        AtomicFile.write(file, WRITTEN_BY + "; use with --catalog " + out + "\n" + GpuEntryYaml.file(entries));
        System.out.println();
        System.out.println("wrote " + file + " (use it with --catalog " + out + ")");
    }

    private static int figures(List<MeasuredRun> runs) {
        return runs.stream().mapToInt(r -> r.measured().size()).sum();
    }

    private static String ids(List<GpuSpec> gpus) {
        return String.join(", ", gpus.stream().map(GpuSpec::id).toList());
    }
}
