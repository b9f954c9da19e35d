package org.infersim.model.performance;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.infersim.catalog.ModelSpec;
import org.infersim.input.CsvLine;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.scenario.NumericFormat;
import org.infersim.scenario.Precision;

/**
 * Measured iteration times from a CSV file, one measured iteration a row, for any number of
 * deployments (GPU, model, tensor parallelism, precision):
 *
 * <pre>
 * # measured with ... (lines starting with # say where the numbers come from)
 * gpu,model,tp,precision,prefill_tokens,decode_seqs,decode_context,step_ms
 * h100-sxm,llama-2-7b,1,bf16,2048,0,0,45.1
 * h100-sxm,llama-2-7b,1,bf16,0,32,1024,14.2
 * </pre>
 *
 * A row is a prefill step (one prompt of {@code prefill_tokens} tokens, nothing cached, no
 * decodes) or a decode step ({@code decode_seqs} sequences generating one token each, their mean
 * context {@code decode_context} tokens); rows measured more than once are averaged. Other
 * columns (a source, notes) are allowed and ignored. {@code gpu} and {@code model} are catalog ids
 * (a model may also be named by a Hugging Face id it lists); {@code precision} is the weights'
 * format ({@code bf16}, {@code fp8}, ...) or {@code weights/kvCache} ({@code fp8/bf16}).
 */
public final class StepTimeTable {
    static final List<String> COLUMNS = List.of("gpu", "model", "tp", "precision", "prefill_tokens", "decode_seqs",
            "decode_context", "step_ms");
    /** Bad rows reported one by one before the reading stops. */
    private static final int MAX_PROBLEMS = 10;
    private static final String KINDS = "a row is a prefill step (prefill_tokens above 0, decode_seqs 0) or a decode"
            + " step (decode_seqs above 0, prefill_tokens 0); a step that does both is composed from the two";

    /** One measured iteration. */
    record Row(String gpu, String model, int tp, Precision precision, long prefillTokens, long decodeSeqs,
               double decodeContext, double stepMs) {}

    private final String file;
    private final List<Row> rows;

    private StepTimeTable(String file, List<Row> rows) {
        this.file = file;
        this.rows = List.copyOf(rows);
    }

    /** The table in {@code path}; its problems name the file, the line and the column. */
    public static StepTimeTable read(Path path) throws InvalidInputException {
        String name = path.toString();
        List<Problem> problems = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            new Reader(name, problems, rows).read(in);
        } catch (NoSuchFileException e) {
            problems.add(new Problem(name, 0, "", "file not found"));
        } catch (CharacterCodingException e) {
            problems.add(new Problem(name, 0, "", "not UTF-8 text; expected a CSV of measured step times"));
        } catch (IOException e) {
            problems.add(new Problem(name, 0, "", "cannot read: " + e.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new StepTimeTable(name, rows);
    }

    /** The file as messages name it. */
    public String file() {
        return file;
    }

    /** The measurements of the deployment {@code served} runs, indexed; empty when the table has none. */
    StepTimeGrid select(ServedModel served) {
        ModelSpec model = served.footprint().model();
        Precision precision = served.footprint().precision();
        List<Row> mine = rows.stream()
                .filter(r -> r.gpu().equalsIgnoreCase(served.gpu().id()) && r.tp() == served.tensorParallel()
                        && names(r.model(), model) && sameSpeed(r.precision(), precision))
                .toList();
        return StepTimeGrid.of(mine);
    }

    /** The deployments it has rows for, in the order of the file: "h100-sxm llama-2-7b tp 1 bf16". */
    List<String> deployments() {
        Set<String> seen = new LinkedHashSet<>();
        rows.forEach(r -> seen.add((r.gpu() + " " + r.model()).toLowerCase(Locale.ROOT) + " tp " + r.tp() + " "
                + label(r.precision())));
        return List.copyOf(seen);
    }

    /** How a precision is written in a table: the weights' format, with the KV cache's when not its default. */
    static String label(Precision p) {
        String weights = p.weights().label();
        return p.kvCache() == Precision.defaultKvCache(p.weights()) ? weights : weights + "/" + p.kvCache().label();
    }

    private static boolean names(String written, ModelSpec model) {
        return written.equalsIgnoreCase(model.id()) || model.huggingFace().stream().anyMatch(written::equalsIgnoreCase);
    }

    /** BF16 and FP16 run at one tensor-core rate and size, so a table measured in one serves the other. */
    private static boolean sameSpeed(Precision a, Precision b) {
        return sixteenBit(a.weights()) == sixteenBit(b.weights()) && sixteenBit(a.kvCache()) == sixteenBit(b.kvCache());
    }

    private static NumericFormat sixteenBit(NumericFormat f) {
        return f == NumericFormat.FP16 ? NumericFormat.BF16 : f;
    }

    /** Reads the lines of one file, adding its rows and its problems. */
    private static final class Reader {
        private final String name;
        private final List<Problem> problems;
        private final List<Row> rows;
        private int[] column;
        private int width;
        private int lineNo;

        Reader(String name, List<Problem> problems, List<Row> rows) {
            this.name = name;
            this.problems = problems;
            this.rows = rows;
        }

        void read(BufferedReader in) throws IOException {
            String line;
            while ((line = in.readLine()) != null && problems.size() < MAX_PROBLEMS) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                if (column == null) {
                    if (!header(CsvLine.split(line))) {
                        return;
                    }
                } else {
                    row(CsvLine.split(line));
                }
            }
            if (column == null) {
                problem(0, "no header; expected the columns " + String.join(",", COLUMNS));
            } else if (rows.isEmpty() && problems.isEmpty()) {
                problem(0, "no rows under the header; expected one measured iteration a row");
            }
        }

        private boolean header(List<String> names) {
            List<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
            column = new int[COLUMNS.size()];
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < COLUMNS.size(); i++) {
                column[i] = lower.indexOf(COLUMNS.get(i));
                if (column[i] < 0) {
                    missing.add(COLUMNS.get(i));
                } else if (lower.lastIndexOf(COLUMNS.get(i)) != column[i]) {
                    problem(lineNo, "column " + COLUMNS.get(i) + " appears twice");
                }
            }
            if (!missing.isEmpty()) {
                problem(lineNo, "no column " + String.join(", ", missing) + " in the header '" + String.join(",", names)
                        + "'; expected the columns " + String.join(",", COLUMNS) + " (others are ignored)");
                return false;
            }
            width = names.size();
            return problems.isEmpty();
        }

        private void row(List<String> cells) {
            if (cells.size() != width) {
                problem(lineNo, "expected " + width + " cells as in the header, got " + cells.size());
                return;
            }
            int before = problems.size();
            String gpu = text(cells, 0);
            String model = text(cells, 1);
            long tp = whole(cells, 2, 1);
            Precision precision = precision(cell(cells, 3));
            long prefill = whole(cells, 4, 0);
            long decode = whole(cells, 5, 0);
            double context = number(cells, 6, decode > 0 ? 1 : 0, decode > 0 ? "at least 1 (the decoding sequences'"
                    + " mean context)" : "0 or more");
            double ms = number(cells, 7, Double.MIN_VALUE, "above 0 (milliseconds)");
            if (problems.size() > before) {
                return;
            }
            if ((prefill > 0) == (decode > 0)) {
                problem(lineNo, (prefill > 0 ? "a step of prefill_tokens " + prefill + " and decode_seqs " + decode
                        : "a step of no tokens") + "; " + KINDS);
                return;
            }
            rows.add(new Row(gpu, model, (int) tp, precision, prefill, decode, decode > 0 ? context : 0, ms));
        }

        private String cell(List<String> cells, int col) {
            return cells.get(column[col]);
        }

        private String text(List<String> cells, int col) {
            String v = cell(cells, col);
            if (v.isEmpty()) {
                problem(lineNo, "column " + COLUMNS.get(col) + ": expected a catalog id, got nothing");
            }
            return v;
        }

        private long whole(List<String> cells, int col, long min) {
            String v = cell(cells, col);
            try {
                long n = Long.parseLong(v);
                if (n >= min && n <= Integer.MAX_VALUE) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problem(lineNo, "column " + COLUMNS.get(col) + ": expected a whole number, " + min + " or more, got '"
                    + v + "'");
            return -1;
        }

        private double number(List<String> cells, int col, double min, String expected) {
            String v = cell(cells, col);
            try {
                double n = Double.parseDouble(v);
                if (Double.isFinite(n) && n >= min && !v.matches(".*[xXpPdDfF].*")) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problem(lineNo, "column " + COLUMNS.get(col) + ": expected a number " + expected + ", got '" + v + "'");
            return Double.NaN;
        }

        private Precision precision(String v) {
            String[] parts = v.toLowerCase(Locale.ROOT).split("/", -1);
            NumericFormat weights = parts.length <= 2 ? format(parts[0]) : null;
            NumericFormat kv = parts.length == 2 ? format(parts[1]) : weights == null ? null
                    : Precision.defaultKvCache(weights);
            if (weights == null || kv == null) {
                problem(lineNo, "column precision: expected a format (bf16, fp16, fp8, int8, int4) or weights/kvCache"
                        + " such as fp8/bf16, got '" + v + "'");
                return null;
            }
            return new Precision(weights, kv);
        }

        private static NumericFormat format(String label) {
            for (NumericFormat f : NumericFormat.values()) {
                if (f.label().equals(label.strip())) {
                    return f;
                }
            }
            return null;
        }

        private void problem(int line, String message) {
            problems.add(new Problem(name, line, "", message));
        }
    }
}
