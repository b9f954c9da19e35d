package org.infersim.model.performance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.infersim.input.InvalidInputException;
import org.infersim.plugin.Setting;
import org.infersim.plugin.Settings;

/**
 * The {@code table} step-time model: an iteration takes what was measured for it on the
 * deployment's GPU, model, tensor parallelism and precision ({@link StepTimeTable}), between the
 * measured points piecewise-linear, and beyond them shaped by the roofline.
 *
 * <ul>
 *   <li>A prefill of P tokens: linear in P between the two measured points around it. Beyond the
 *       smallest or largest, the nearest measured point times the roofline's ratio between the
 *       step and that point, so the table sets the level and the physics the growth. A step
 *       whose prefill differs from the measured one prompt with nothing cached (several prompts,
 *       chunks after a cached prefix) is scaled by the roofline's ratio between the two.</li>
 *   <li>A decode of D sequences at mean context c: in each measured count of sequences linear
 *       in c (at a fixed count, linear in the total context too); between two counts linear in D
 *       at the same mean context; beyond the measured ones by the roofline's ratio, as above.</li>
 *   <li>A step that prefills and decodes: the sum of the two measured parts, times the
 *       roofline's ratio between the whole step and the sum of its parts (what running them
 *       together saves: the weights are read once).</li>
 *   <li>KV swap traffic, which no table measures: the roofline's share of the step, its time
 *       with the swaps less its time without, is added.</li>
 * </ul>
 *
 * Never below the physical floor: the step's FLOPs at the peak rate, or its bytes at the peak
 * bandwidth. Where the table has no rows for the deployment, or it runs on a share of a GPU (a
 * table measures whole GPUs), or a part (prefill or decode) has none, the roofline answers for
 * it; with {@code fallback: none} validation refuses such a deployment instead.
 */
public final class MeasuredStepTime implements StepTimeModel {
    static final Setting<Path> FILE = Setting.file("file", "CSV of measured step times, relative to the scenario");
    static final String ROOFLINE = "roofline";
    static final String NONE = "none";
    static final Setting<String> FALLBACK = Setting.word("fallback", ROOFLINE, List.of(ROOFLINE, NONE),
            "what times the steps of a deployment the table has no rows for (none: refuse the deployment)");

    /** {@code table}: measured step times from a CSV file. */
    public static final class Provider implements StepTimeModel.Provider {
        @Override
        public String name() {
            return "table";
        }

        @Override
        public List<Setting<?>> settings() {
            return List.of(FILE, FALLBACK);
        }

        @Override
        public StepTimeModel create(Settings settings, ServedModel served) {
            return new MeasuredStepTime(table(settings).select(served), served);
        }

        @Override
        public List<String> check(Settings settings, List<ServedModel> placements) throws InvalidInputException {
            Path file = settings.get(FILE);
            if (file == null) {
                return List.of("the table step-time model needs a file");
            }
            return coverageProblems(StepTimeTable.read(file), NONE.equals(settings.get(FALLBACK)), placements);
        }

        /**
         * A table that serves none of a deployment's placements would be ignored without a word,
         * so it is refused; with {@code fallback: none}, so is every placement it does not cover
         * whole (prefill and decode rows, on whole GPUs).
         */
        private static List<String> coverageProblems(StepTimeTable table, boolean noFallback,
                                                     List<ServedModel> placements) {
            List<String> problems = new ArrayList<>();
            int uncovered = 0;
            for (ServedModel served : placements) {
                StepTimeGrid grid = table.select(served);
                boolean whole = onWholeGpus(served);
                if (grid.isEmpty() || !whole) {
                    uncovered++;
                }
                String missing = grid.isEmpty() ? "rows" : !grid.hasPrefill() ? "prefill rows"
                        : !grid.hasDecode() ? "decode rows" : null;
                if (noFallback && !whole) {
                    problems.add(table.file() + " cannot time " + describe(served) + " on a share of a GPU (a table"
                            + " measures whole GPUs), and its fallback is none; leave fallback at roofline");
                } else if (noFallback && missing != null) {
                    problems.add(table.file() + " has no " + missing + " for " + describe(served)
                            + ", and its fallback is none; add them, or leave fallback at roofline");
                }
            }
            if (!noFallback && uncovered == placements.size() && !placements.isEmpty()) {
                ServedModel first = placements.get(0);
                String what = onWholeGpus(first) ? describe(first) + (placements.size() > 1 ? " (nor on its other"
                        + " pools' GPUs)" : "") : describe(first) + " on a share of a GPU (a table measures whole GPUs)";
                problems.add(table.file() + " has no rows for " + what + ", so it would time nothing; it has rows for "
                        + String.join("; ", table.deployments()) + ". Add rows for this deployment, or use stepTime:"
                        + " roofline");
            }
            return problems;
        }

        /** "llama-3.1-8b at tp 1, bf16 on h100-sxm". */
        private static String describe(ServedModel served) {
            return served.footprint().model().id() + " at tp " + served.tensorParallel() + ", "
                    + StepTimeTable.label(served.footprint().precision()) + " on " + served.gpu().id();
        }

        /** Read again for each replica: validation has read it once already, so a problem here is the file changing. */
        private static StepTimeTable table(Settings settings) {
            Path file = settings.get(FILE);
            if (file == null) {
                throw new IllegalArgumentException("the table step-time model needs a file");
            }
            try {
                return StepTimeTable.read(file);
            } catch (InvalidInputException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    private final StepTimeModel roofline;
    /** Null where the table does not apply: the roofline answers every step. */
    private final StepTimeGrid grid;
    private final double peakFlops;
    private final double peakBandwidth;
    /** The shapes the roofline is asked about besides the step itself (one replica runs on one thread). */
    private final IterationShape part = new IterationShape();

    MeasuredStepTime(StepTimeGrid grid, ServedModel served) {
        this.roofline = new RooflineStepTime.Provider().create(Settings.NONE, served);
        this.grid = grid.isEmpty() || !onWholeGpus(served) ? null : grid;
        boolean fp8 = served.footprint().precision().weights().usesFp8Compute();
        int tp = served.tensorParallel();
        this.peakFlops = tp * served.computeShare() * served.gpu().peakFlops(fp8);
        this.peakBandwidth = tp * served.bandwidthShare() * served.gpu().memoryBandwidth();
    }

    /** Whether the replica has whole GPUs, as the table's measurements had. */
    static boolean onWholeGpus(ServedModel served) {
        return served.computeShare() == 1 && served.bandwidthShare() == 1;
    }

    @Override
    public long stepTimeNs(IterationShape shape) {
        long withSwaps = roofline.stepTimeNs(shape); // fills shape.flops and shape.bytes
        if (grid == null || shape.tokens() == 0) {
            return withSwaps;
        }
        long whole = withSwaps;
        if (shape.swappedBlocks > 0) {
            copy(shape, part);
            part.swappedBlocks = 0;
            whole = roofline.stepTimeNs(part);
        }
        long swapNs = Math.max(0, withSwaps - whole);
        boolean mixed = shape.prefillTokens > 0 && shape.decodeTokens > 0;
        double prefillRoofline = shape.prefillTokens == 0 ? 0 : mixed ? rooflineOfPrefill(shape) : whole;
        double decodeRoofline = shape.decodeTokens == 0 ? 0 : mixed
                ? rooflineOfDecode(shape.decodeTokens, shape.decodeContextTokens) : whole;
        double prefill = prefillRoofline == 0 ? 0 : prefillNs(shape.prefillTokens, prefillRoofline);
        double decode = decodeRoofline == 0 ? 0 : decodeNs(shape.decodeTokens, shape.decodeContextTokens);
        double ns = mixed ? (prefill + decode) * whole / (prefillRoofline + decodeRoofline) : prefill + decode;
        return Math.max((long) Math.ceil(ns), floorNs(shape)) + swapNs;
    }

    /** The step's FLOPs at the peak rate or its bytes at the peak bandwidth of its GPUs, the slower. */
    private long floorNs(IterationShape shape) {
        return (long) Math.ceil(Math.max(shape.flops / peakFlops, shape.bytes / peakBandwidth) * 1e9);
    }

    /** The prefill part of a step, {@code roofline} the roofline's time of that part. */
    private double prefillNs(long tokens, double roofline) {
        double[] xs = grid.prefillTokens;
        double[] ys = grid.prefillNs;
        int n = xs.length;
        if (n == 0) {
            return roofline;
        }
        double x = tokens;
        if (x <= xs[0] || x >= xs[n - 1]) {
            int edge = x <= xs[0] ? 0 : n - 1;
            return ys[edge] * roofline / rooflineOfPrompt((long) xs[edge]);
        }
        int i = StepTimeGrid.bracket(xs, 0, n, x);
        return StepTimeGrid.between(xs[i], ys[i], xs[i + 1], ys[i + 1], x) * roofline / rooflineOfPrompt(tokens);
    }

    /** The decode part of a step: {@code seqs} sequences whose contexts sum to {@code context}. */
    private double decodeNs(long seqs, long context) {
        double[] ds = grid.decodeSeqs;
        int n = ds.length;
        if (n == 0) {
            return rooflineOfDecode(seqs, context);
        }
        double d = seqs;
        double meanContext = (double) context / seqs;
        if (d <= ds[0] || d >= ds[n - 1]) {
            int edge = d <= ds[0] ? 0 : n - 1;
            double measured = sliceNs(edge, meanContext);
            return d == ds[edge] ? measured
                    : measured * rooflineOfDecode(seqs, context) / rooflineAtMeanContext((long) ds[edge], meanContext);
        }
        int i = StepTimeGrid.bracket(ds, 0, n, d);
        return StepTimeGrid.between(ds[i], sliceNs(i, meanContext), ds[i + 1], sliceNs(i + 1, meanContext), d);
    }

    /** Slice {@code s} (one measured count of sequences) at a mean context. */
    private double sliceNs(int s, double meanContext) {
        double[] cs = grid.contexts;
        double[] ys = grid.decodeNs;
        int from = grid.sliceStart[s];
        int to = grid.sliceStart[s + 1];
        if (meanContext <= cs[from] || meanContext >= cs[to - 1]) {
            int edge = meanContext <= cs[from] ? from : to - 1;
            if (meanContext == cs[edge]) {
                return ys[edge];
            }
            long seqs = (long) grid.decodeSeqs[s];
            return ys[edge] * rooflineAtMeanContext(seqs, meanContext) / rooflineAtMeanContext(seqs, cs[edge]);
        }
        int i = StepTimeGrid.bracket(cs, from, to, meanContext);
        return StepTimeGrid.between(cs[i], ys[i], cs[i + 1], ys[i + 1], meanContext);
    }

    /** The roofline's time of one prompt of {@code tokens} tokens with nothing cached: what a prefill row measures. */
    private double rooflineOfPrompt(long tokens) {
        part.clear();
        part.prefillSequences = 1;
        part.prefillTokens = tokens;
        part.prefillAttentionPairs = tokens * (tokens / 2.0);
        return roofline.stepTimeNs(part);
    }

    /** The roofline's time of the prefill of {@code shape} alone. */
    private double rooflineOfPrefill(IterationShape shape) {
        part.clear();
        part.prefillSequences = shape.prefillSequences;
        part.prefillTokens = shape.prefillTokens;
        part.prefillAttentionPairs = shape.prefillAttentionPairs;
        part.prefillPastTokens = shape.prefillPastTokens;
        return roofline.stepTimeNs(part);
    }

    private double rooflineAtMeanContext(long seqs, double meanContext) {
        return rooflineOfDecode(seqs, Math.round(seqs * meanContext));
    }

    /** The roofline's time of {@code seqs} decodes whose contexts sum to {@code context}: what a decode row measures. */
    private double rooflineOfDecode(long seqs, long context) {
        part.clear();
        part.decodeTokens = seqs;
        part.decodeContextTokens = context;
        return roofline.stepTimeNs(part);
    }

    private static void copy(IterationShape from, IterationShape to) {
        to.clear();
        to.prefillSequences = from.prefillSequences;
        to.prefillTokens = from.prefillTokens;
        to.prefillAttentionPairs = from.prefillAttentionPairs;
        to.prefillPastTokens = from.prefillPastTokens;
        to.decodeTokens = from.decodeTokens;
        to.decodeContextTokens = from.decodeContextTokens;
        to.swappedBlocks = from.swappedBlocks;
        to.cachedTokens = from.cachedTokens;
        to.evictedBlocks = from.evictedBlocks;
    }
}
