package org.infersim.study.fidelity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.infersim.input.CsvLine;
import org.infersim.scenario.NumericFormat;

/**
 * The measured runs of a calibration CSV (the shipped {@code gpu-models/calibration/measured-serving.csv}
 * or a user's file in its layout) that infersim can replay, and what it cannot, with why.
 */
public record CalibrationSet(List<MeasuredRun> runs, Map<String, Integer> notReplayed) {

    /** The set shipped in the jar. */
    public static final String SHIPPED = "/gpu-models/calibration/measured-serving.csv";

    private static final List<String> COLUMNS = List.of("id", "gpu_id", "model_id", "precision", "tp", "workload",
            "prompt_tokens", "output_tokens", "rate_or_concurrency", "metric", "value", "unit");

    public static CalibrationSet shipped() throws IOException {
        try (InputStream in = CalibrationSet.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IOException("no calibration set in the jar (build with Maven so that gpu-models/ is copied in)");
            }
            return read(in, SHIPPED);
        }
    }

    /** Rows of one run (same conditions) become one {@link MeasuredRun}; rows it cannot replay are counted by metric. */
    public static CalibrationSet read(InputStream in, String name) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String headerLine = reader.readLine();
        if (headerLine == null) {
            throw new IOException(name + ": empty");
        }
        List<String> header = CsvLine.split(headerLine);
        for (String c : COLUMNS) {
            if (!header.contains(c)) {
                throw new IOException(name + ":1: no column " + c + "; expected the columns " + String.join(", ", COLUMNS));
            }
        }
        Map<String, Builder> runs = new LinkedHashMap<>();
        Map<String, Integer> skipped = new LinkedHashMap<>();
        String line;
        int lineNo = 1;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = CsvLine.split(line);
            if (cells.size() < header.size()) {
                throw new IOException(name + ":" + lineNo + ": " + cells.size() + " cells, expected " + header.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            Builder b;
            double value;
            try {
                b = builder(row);
                value = b == null ? 0 : number(row, "value");
            } catch (IllegalArgumentException e) {
                throw new IOException(name + ":" + lineNo + ": " + e.getMessage());
            }
            if (b == null) {
                skipped.merge(row.get("metric"), 1, Integer::sum);
                continue;
            }
            runs.computeIfAbsent(b.key(), k -> b).measured.put(row.get("metric"), value);
        }
        List<MeasuredRun> out = new ArrayList<>();
        runs.values().forEach(b -> out.add(b.build()));
        return new CalibrationSet(List.copyOf(out), skipped);
    }

    /** Why rows of {@code metric} are not replayed. */
    public static String whyNotReplayed(String metric) {
        return switch (metric) {
            case "request_throughput_saturated" -> "the prompt and output lengths sampled are not stated";
            default -> "not a figure infersim reports";
        };
    }

    /** What the row's run is, or null for rows not replayed (linear layers, saturated throughput, other units). */
    private static Builder builder(Map<String, String> row) {
        String metric = row.get("metric");
        String condition = row.get("rate_or_concurrency");
        if (!"ms".equals(row.get("unit")) || row.get("gpu_id").isEmpty() || row.get("model_id").isEmpty()) {
            return null;
        }
        String precision = precision(row.get("precision"));
        if (condition.contains("req/s (constant)") && metric.matches("(ttft|tpot|e2e)_(mean|p99)")) {
            int prompts = MeasuredRun.prompts(row.get("workload"));
            return prompts < 0 ? null : new Builder(MeasuredRun.Kind.SERVING_STAGE, row, precision,
                    parse(condition.split(" ")[0], "rate_or_concurrency", "a rate such as '5 req/s (constant)'"),
                    prompts, 0);
        }
        if (metric.equals("per_layer_linear_time") && condition.startsWith("num_tokens=")) {
            double tokens = parse(condition.substring("num_tokens=".length()).strip(), "rate_or_concurrency",
                    "num_tokens=N, a whole number of tokens of at least 1");
            if (tokens < 1 || tokens != Math.rint(tokens)) {
                throw new IllegalArgumentException("rate_or_concurrency: expected num_tokens=N, a whole number of tokens"
                        + " of at least 1, got '" + condition + "'");
            }
            return new Builder(MeasuredRun.Kind.LINEAR_LAYER, row, precision, 0, 0, (int) tokens);
        }
        if (metric.equals("e2e_latency_mean_batch")) {
            int batch = MeasuredRun.batch(condition);
            return batch < 0 ? null : new Builder(MeasuredRun.Kind.LATENCY_BATCH, row, precision, 0, 0, batch);
        }
        return null;
    }

    /**
     * The optional column {@code cpu_offload_gb}: vLLM's {@code --cpu-offload-gb}, GiB of weights
     * per GPU kept in host memory; empty or absent for none.
     */
    static long cpuOffloadBytes(String gib) {
        if (gib == null || gib.isBlank()) {
            return 0;
        }
        double v = parse(gib.strip(), "cpu_offload_gb", "GiB of weights per GPU, such as 4");
        if (v < 0) {
            throw new IllegalArgumentException("cpu_offload_gb: expected GiB of weights per GPU of at least 0, got " + gib);
        }
        return (long) (v * (1L << 30));
    }

    /** The weights' format of a precision cell ("FP16", "BF16 (default dtype)", "fp8"), as scenarios name it. */
    static String precision(String cell) {
        String first = cell.strip().split("[\\s(]", 2)[0].toUpperCase(Locale.ROOT);
        try {
            return NumericFormat.valueOf(first).label();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("precision: expected bf16, fp16, fp8, int8 or int4, got '" + cell + "'");
        }
    }

    private static double number(Map<String, String> row, String column) {
        return parse(row.get(column), column, "a number");
    }

    private static double parse(String text, String column, String expected) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + ": expected " + expected + ", got '" + text + "'");
        }
    }

    private static final class Builder {
        final MeasuredRun.Kind kind;
        final String gpu;
        final String model;
        final String precision;
        final int tp;
        final int prompt;
        final int output;
        final double rate;
        final int prompts;
        final int batch;
        final String workload;
        final long cpuOffloadBytes;
        final Map<String, Double> measured = new LinkedHashMap<>();

        Builder(MeasuredRun.Kind kind, Map<String, String> row, String precision, double rate, int prompts, int batch) {
            this.kind = kind;
            this.gpu = row.get("gpu_id");
            this.model = row.get("model_id");
            this.precision = precision;
            this.tp = count(row, "tp", 1);
            this.prompt = kind == MeasuredRun.Kind.LINEAR_LAYER ? 0 : count(row, "prompt_tokens", 1);
            this.output = kind == MeasuredRun.Kind.LINEAR_LAYER ? 0 : count(row, "output_tokens", 1);
            this.cpuOffloadBytes = cpuOffloadBytes(row.getOrDefault("cpu_offload_gb", ""));
            this.rate = rate;
            this.prompts = prompts;
            this.batch = batch;
            this.workload = row.get("workload");
        }

        /** A whole number of at least {@code min} in {@code column}. */
        private static int count(Map<String, String> row, String column, int min) {
            double v = parse(row.get(column), column, "a whole number of at least " + min);
            if (v < min || v != Math.rint(v) || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(column + ": expected a whole number of at least " + min + ", got '"
                        + row.get(column) + "'");
            }
            return (int) v;
        }

        String key() {
            return String.join("|", kind.name(), gpu, model, precision, Integer.toString(tp), Integer.toString(prompt),
                    Integer.toString(output), Double.toString(rate), Integer.toString(batch), workload);
        }

        MeasuredRun build() {
            String label = kind == MeasuredRun.Kind.SERVING_STAGE
                    ? String.format(Locale.ROOT, "%s tp%d on %s, %d/%d tokens, %s/s", model, tp, gpu, prompt, output,
                            trim(rate))
                    : kind == MeasuredRun.Kind.LATENCY_BATCH
                    ? String.format(Locale.ROOT, "%s tp%d on %s, batch %d of %d/%d tokens", model, tp, gpu, batch, prompt,
                            output)
                    : String.format(Locale.ROOT, "%s tp%d on %s, one layer's linear kernels, %d tokens", model, tp, gpu,
                            batch);
            return new MeasuredRun(label, kind, gpu, model, precision, tp, prompt, output, rate, prompts, batch,
                    cpuOffloadBytes, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(measured)), null);
        }

        private static String trim(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }
}
