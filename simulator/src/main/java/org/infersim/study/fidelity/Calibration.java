package org.infersim.study.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.infersim.catalog.Catalog;
import org.infersim.catalog.Efficiency;
import org.infersim.catalog.GpuSpec;

/**
 * Fits step-time constants of one or more GPU types to measured runs by replaying them: the loss
 * is the mean squared log-ratio of simulated to measured figures (a 10% miss counts the same on
 * a 20 ms TTFT as on a 4 s E2E), minimised by BOBYQA within each parameter's physical bounds.
 * A parameter is fitted either per GPU or shared by all the GPUs fitted (the engine's host-side
 * costs, which do not depend on the GPU).
 */
public final class Calibration {
    /** A figure no replay could produce (nothing completed) costs as much as missing by e⁵. */
    private static final double MISSING = 25;

    /**
     * What a fit gives.
     *
     * @param fitted     each fitted GPU's efficiency, by GPU id
     * @param before     figures of the training runs with the starting constants
     * @param after      the same with the fitted constants
     * @param evaluations replays of the training runs the optimizer asked for
     */
    public record Result(Map<String, Efficiency> fitted, List<Fidelity.Figure> before, List<Fidelity.Figure> after,
                         int evaluations) {
        /** The catalog change that puts the fitted constants in. */
        public UnaryOperator<Catalog> catalog() {
            return Calibration.catalogWith(fitted);
        }
    }

    private final Fidelity.Replay training;
    private final Map<String, Efficiency> start;
    private final List<EfficiencyParameter> perGpu;
    private final List<EfficiencyParameter> shared;
    private final List<String> gpus;
    private int evaluations;
    private boolean fitTails;
    private double[] bestSeen;
    private double bestLoss = Double.POSITIVE_INFINITY;

    /**
     * @param training the runs fitted to
     * @param gpus     the GPU types whose constants are fitted, with their current figures
     * @param perGpu   parameters fitted for each GPU apart
     * @param shared   parameters fitted as one value for all of them
     */
    public Calibration(Fidelity.Replay training, List<GpuSpec> gpus, List<EfficiencyParameter> perGpu,
                       List<EfficiencyParameter> shared) {
        this.training = training;
        this.start = new LinkedHashMap<>();
        gpus.forEach(g -> start.put(g.id(), g.efficiency()));
        this.gpus = List.copyOf(start.keySet());
        this.perGpu = List.copyOf(perGpu);
        this.shared = List.copyOf(shared);
        if (perGpu.stream().anyMatch(shared::contains)) {
            throw new IllegalArgumentException("a parameter is either fitted per GPU or shared, not both");
        }
    }

    /**
     * The parameters measured runs can tell apart, when the user names none: linear-layer profiles
     * inform each GPU's efficiency curve; serving and latency runs its bandwidth and the engine's
     * host costs (shared: the host, not the GPU, pays them); several loads the cost per sequence;
     * a front end the cost per request; tensor parallelism the all-reduce latency; FP8 runs the
     * FP8 efficiency; several models the cost per layer.
     *
     * @return per-GPU parameters, then shared ones
     */
    public static List<List<EfficiencyParameter>> informedBy(List<MeasuredRun> runs) {
        java.util.Set<EfficiencyParameter> perGpu = new java.util.LinkedHashSet<>();
        java.util.Set<EfficiencyParameter> shared = new java.util.LinkedHashSet<>();
        java.util.Set<String> models = new java.util.HashSet<>();
        java.util.Set<Double> rates = new java.util.HashSet<>();
        for (MeasuredRun r : runs) {
            if (r.kind() == MeasuredRun.Kind.LINEAR_LAYER) {
                perGpu.addAll(List.of(EfficiencyParameter.MFU, EfficiencyParameter.MFU_HALF_TOKENS,
                        EfficiencyParameter.MBU, EfficiencyParameter.OVERLAP));
                continue;
            }
            perGpu.add(EfficiencyParameter.MBU);
            shared.add(EfficiencyParameter.ITERATION_OVERHEAD);
            models.add(r.model());
            if (r.kind() == MeasuredRun.Kind.SERVING_STAGE || r.kind() == MeasuredRun.Kind.SERVING_BENCHMARK) {
                perGpu.add(EfficiencyParameter.MFU);
                shared.add(EfficiencyParameter.REQUEST_OVERHEAD);
                rates.add(r.ratePerSec());
            }
            if (r.tensorParallel() > 1) {
                shared.add(EfficiencyParameter.ALL_REDUCE_LATENCY);
            }
            if (r.precision().equalsIgnoreCase("fp8")) {
                perGpu.add(EfficiencyParameter.MFU_FP8);
            }
        }
        if (rates.size() > 1) {
            shared.add(EfficiencyParameter.SEQUENCE_OVERHEAD);
        }
        if (models.size() > 1) {
            shared.add(EfficiencyParameter.LAYER_OVERHEAD);
        }
        return List.of(List.copyOf(perGpu), List.copyOf(shared));
    }

    /** Fits the tail figures (p90, p99) too, not only the means and throughputs. */
    public Calibration withTails() {
        fitTails = true;
        return this;
    }

    /** Fits with at most {@code maxEvaluations} replays of the training runs. */
    public Result fit(int maxEvaluations) {
        List<Fidelity.Figure> before = training.figures(catalogWith(start));
        int n = dimension();
        double[] x0 = new double[n];
        for (int i = 0; i < n; i++) {
            x0[i] = parameterAt(i).toUnit(parameterAt(i).get(start.get(gpuAt(i))));
        }
        // The start is a candidate like any other: a fit that finds nothing better returns it.
        bestLoss = fittedLoss(before);
        bestSeen = x0.clone();
        evaluations = 1;
        // BOBYQA's model of the loss is local; a replay's loss has kinks (a step more or less in a
        // window), so it is restarted from the best point while restarts still improve it.
        double previous;
        double[] from = x0;
        do {
            previous = bestLoss;
            try {
                int left = maxEvaluations - evaluations;
                if (n == 1) {
                    brent(left, from[0]);
                } else {
                    bobyqa(left, from);
                }
            } catch (TooManyEvaluationsException e) {
                break;
            }
            from = bestSeen;
        } while (evaluations < maxEvaluations && bestLoss < previous - 1e-6);
        if (java.util.Arrays.equals(bestSeen, x0)) {
            return new Result(Map.copyOf(start), before, before, evaluations);
        }
        Map<String, Efficiency> fitted = efficiencies(bestSeen);
        return new Result(fitted, before, training.figures(catalogWith(fitted)), evaluations);
    }

    private void bobyqa(int maxEvaluations, double[] x0) {
        int n = x0.length;
        double[] lower = new double[n];
        double[] upper = new double[n];
        java.util.Arrays.fill(upper, 1);
        // A trust region of a twentieth of each coordinate's range to start (BOBYQA moves a start
        // nearer a bound than that away from it); stop at a ten-thousandth.
        BOBYQAOptimizer optimizer = new BOBYQAOptimizer(2 * n + 1, 0.05, 1e-4);
        optimizer.optimize(new MaxEval(maxEvaluations), new ObjectiveFunction(this::loss), GoalType.MINIMIZE,
                new InitialGuess(x0), new SimpleBounds(lower, upper));
    }

    private void brent(int maxEvaluations, double x0) {
        BrentOptimizer optimizer = new BrentOptimizer(1e-3, 1e-4);
        optimizer.optimize(new MaxEval(maxEvaluations), new UnivariateObjectiveFunction(x -> loss(new double[] {x})),
                GoalType.MINIMIZE, new SearchInterval(0, 1, x0));
    }

    private double loss(double[] x) {
        evaluations++;
        double loss = fittedLoss(training.figures(catalogWith(efficiencies(x))));
        if (loss < bestLoss) {
            bestLoss = loss;
            bestSeen = x.clone();
        }
        return loss;
    }

    /**
     * The loss over the figures fitted to. Tail figures (p90, p99) are reported but not fitted by
     * default: a replay sends prompts of the measured mean length, so its tails are narrower than
     * the measured ones whatever the constants, and fitting them would bend the constants.
     */
    private double fittedLoss(List<Fidelity.Figure> figures) {
        return loss(figures.stream().filter(f -> fitTails || !isTail(f.metric())).toList());
    }

    /** Whether a metric is a tail percentile ({@code ttft_p99}, {@code e2e_p90}). */
    public static boolean isTail(String metric) {
        return metric.matches(".*_p\\d+(\\.\\d+)?$");
    }

    /** Mean squared log-ratio of simulated to measured. */
    public static double loss(List<Fidelity.Figure> figures) {
        double sum = 0;
        for (Fidelity.Figure f : figures) {
            double ratio = f.simulated() / f.measured();
            double miss = ratio > 0 && Double.isFinite(ratio) ? Math.log(ratio) : Math.sqrt(MISSING);
            sum += miss * miss;
        }
        return figures.isEmpty() ? 0 : sum / figures.size();
    }

    private int dimension() {
        return shared.size() + perGpu.size() * gpus.size();
    }

    private EfficiencyParameter parameterAt(int i) {
        return i < shared.size() ? shared.get(i) : perGpu.get((i - shared.size()) % perGpu.size());
    }

    /** The GPU coordinate {@code i} belongs to (a shared one: the first, for its starting value). */
    private String gpuAt(int i) {
        return i < shared.size() ? gpus.get(0) : gpus.get((i - shared.size()) / perGpu.size());
    }

    private Map<String, Efficiency> efficiencies(double[] x) {
        Map<String, Efficiency> out = new LinkedHashMap<>(start);
        for (int i = 0; i < x.length; i++) {
            EfficiencyParameter p = parameterAt(i);
            double value = p.fromUnit(x[i]);
            if (i < shared.size()) {
                out.replaceAll((gpu, e) -> p.with(e, value));
            } else {
                out.computeIfPresent(gpuAt(i), (gpu, e) -> p.with(e, value));
            }
        }
        return out;
    }

    /** A catalog change that gives each GPU named its efficiency. */
    static UnaryOperator<Catalog> catalogWith(Map<String, Efficiency> efficiencies) {
        return catalog -> {
            List<GpuSpec> changed = new ArrayList<>();
            efficiencies.forEach((id, e) -> catalog.gpu(id).ifPresent(g -> changed.add(g.withEfficiency(e, Map.of()))));
            return catalog.withGpus(changed);
        };
    }
}
