package org.infersim.study.fidelity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.infersim.input.InputFile;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;

/**
 * A user's measurements, in whichever of three forms they come: the result JSON of vLLM's serving
 * benchmark ({@link VllmBenchResult}), an inference-perf stage's lifecycle metrics JSON
 * ({@link InferencePerfResult}), or a CSV in the layout of the shipped calibration set
 * ({@link CalibrationSet}). JSON is told from CSV by the file's extension, else by its first
 * character, and each JSON object by its fields.
 */
public final class MeasurementFile {
    private static final String FORMATS = "a vLLM benchmark result (vllm bench serve --save-result), an "
            + "inference-perf stage_N_lifecycle_metrics.json, or a calibration CSV";

    private MeasurementFile() {}

    /** The runs of all the files, in order, with the CSV rows not replayed counted by metric. */
    public static CalibrationSet read(List<Path> files, Conditions conditions) throws IOException, InvalidInputException {
        List<MeasuredRun> runs = new ArrayList<>();
        Map<String, Integer> notReplayed = new LinkedHashMap<>();
        for (Path file : files) {
            CalibrationSet set = read(file, conditions);
            runs.addAll(set.runs());
            set.notReplayed().forEach((metric, rows) -> notReplayed.merge(metric, rows, Integer::sum));
        }
        return new CalibrationSet(List.copyOf(runs), notReplayed);
    }

    /**
     * The runs of one file. A JSON result does not say what it ran on, so {@code conditions} must
     * name the GPU; a CSV names its own.
     *
     * @throws IOException for a CSV that is not in the calibration layout (the message names the line)
     */
    public static CalibrationSet read(Path file, Conditions conditions) throws IOException, InvalidInputException {
        String name = file.toString();
        String text = InputFile.readText(file, FORMATS);
        if (!isJson(name, text)) {
            return CalibrationSet.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), name);
        }
        List<JsonRecord> records = JsonRecord.read(text, name);
        if (records.isEmpty()) {
            throw new InvalidInputException(new Problem(name, 0, "", "empty; expected " + FORMATS));
        }
        List<MeasuredRun> runs = new ArrayList<>();
        InferencePerfConfig config = null;
        for (JsonRecord r : records) {
            boolean inferencePerf = InferencePerfResult.recognises(r);
            if (!inferencePerf && !VllmBenchResult.recognises(r)) {
                throw r.problem("", "neither a vLLM benchmark result (with num_prompts, request_throughput, ...) nor "
                        + "inference-perf lifecycle metrics (with load_summary, successes)");
            }
            if (conditions.gpu() == null) {
                throw r.problem("", "the GPU it ran on is not in the file: give it with --gpu (a catalog GPU id such "
                        + "as h100-sxm), and --tp and --precision where they were not 1 and bf16");
            }
            if (inferencePerf) {
                config = config == null ? InferencePerfConfig.beside(file) : config;
                runs.add(InferencePerfResult.read(r, config, conditions));
            } else {
                runs.add(VllmBenchResult.read(r, conditions));
            }
        }
        return new CalibrationSet(List.copyOf(runs), Map.of());
    }

    private static boolean isJson(String name, String text) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json") || lower.endsWith(".jsonl")) {
            return true;
        }
        return !lower.endsWith(".csv") && text.strip().startsWith("{");
    }
}
