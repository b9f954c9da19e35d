package org.infersim.study.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.infersim.study.BatchPlan;
import org.infersim.study.BatchRow;

/**
 * The statistics of a policy comparison: for each policy and figure, the mean over replications
 * with its Student's t interval; for each pair of policies and figure, the paired differences
 * (replication by replication, on the same seed) with theirs. Pairing removes the variation the
 * traffic causes in both policies alike, so a difference can be significant even where the two
 * policies' own intervals overlap.
 */
public final class PolicyComparison {

    /** One run's figures (null where its summary does not report one) and its arrivals. */
    public record RunSample(Map<ComparedFigure, Double> figures, Long arrived) {
        public RunSample {
            figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        }
    }

    /**
     * One policy's results.
     *
     * @param values per figure, one value per replication in replication order; null where the run
     *               failed or did not report the figure
     * @param failures run id to the reason, for the runs that failed
     */
    public record PolicyResult(String policy, List<String> runs, Map<String, String> failures,
                               Map<ComparedFigure, List<Double>> values,
                               Map<ComparedFigure, ConfidenceInterval> intervals) {}

    /**
     * The difference {@code policy − versus} on one figure, averaged over the replications where
     * both ran.
     *
     * @param better     the policy that is significantly and not negligibly better on this figure, or
     *                   null when the interval contains zero or the difference is negligible
     * @param negligible whether the difference is significant but smaller than the comparison's
     *                   {@link Negligible} threshold
     */
    public record Difference(String policy, String versus, ComparedFigure figure, ConfidenceInterval interval,
                             String better, boolean negligible) {
        public boolean significant() {
            return interval.excludesZero();
        }
    }

    /** The arrivals of each policy at one replication: with common random numbers they are all equal. */
    public record Arrivals(int replication, long seed, Map<String, Long> arrived) {
        public boolean same() {
            return arrived.values().stream().filter(Objects::nonNull).distinct().count() <= 1;
        }
    }

    private final List<ComparedFigure> figures;
    private final List<PolicyResult> policies;
    private final List<Difference> differences;
    private final List<Arrivals> arrivals;
    private final double level;
    private final Negligible negligible;

    private final boolean arrivalsFollowAnswers;

    private PolicyComparison(List<ComparedFigure> figures, List<PolicyResult> policies, List<Difference> differences,
                             List<Arrivals> arrivals, double level, Negligible negligible, boolean arrivalsFollowAnswers) {
        this.arrivalsFollowAnswers = arrivalsFollowAnswers;
        this.negligible = negligible;
        this.figures = figures;
        this.policies = policies;
        this.differences = differences;
        this.arrivals = arrivals;
        this.level = level;
    }

    /**
     * @param rows the plan's runs, as the runner returned them
     * @param samples run id to that run's figures, for the runs that succeeded
     */
    public static PolicyComparison of(ComparisonPlan plan, List<BatchRow> rows, Map<String, RunSample> samples,
                                      double level, Negligible negligible) {
        // A figure no run reports (cold starts from a simulator that does not count them) is left
        // out entirely rather than shown as zeros.
        List<ComparedFigure> figures = new ArrayList<>();
        for (ComparedFigure f : ComparedFigure.values()) {
            if (samples.values().stream().anyMatch(s -> s.figures().get(f) != null)) {
                figures.add(f);
            }
        }
        Map<String, BatchRow> byId = new LinkedHashMap<>();
        rows.forEach(r -> byId.put(r.run().id(), r));

        List<PolicyResult> policies = new ArrayList<>();
        for (String policy : plan.policyNames()) {
            List<String> runs = new ArrayList<>();
            Map<String, String> failures = new LinkedHashMap<>();
            Map<ComparedFigure, List<Double>> values = new LinkedHashMap<>();
            figures.forEach(f -> values.put(f, new ArrayList<>()));
            for (int r = 0; r < plan.replications(); r++) {
                String id = ComparisonPlan.runId(policy, r);
                runs.add(id);
                BatchRow row = byId.get(id);
                if (row != null && !row.ok()) {
                    failures.put(id, row.message());
                }
                RunSample s = samples.get(id);
                for (ComparedFigure f : figures) {
                    values.get(f).add(s == null ? null : s.figures().get(f));
                }
            }
            Map<ComparedFigure, ConfidenceInterval> intervals = new LinkedHashMap<>();
            values.forEach((f, v) -> intervals.put(f, ConfidenceInterval.of(present(v), level)));
            values.replaceAll((f, v) -> Collections.unmodifiableList(v));
            policies.add(new PolicyResult(policy, List.copyOf(runs), Collections.unmodifiableMap(failures),
                    Collections.unmodifiableMap(values), Collections.unmodifiableMap(intervals)));
        }

        List<Difference> differences = new ArrayList<>();
        for (ComparedFigure f : figures) {
            for (int i = 0; i < policies.size(); i++) {
                for (int j = i + 1; j < policies.size(); j++) {
                    differences.add(difference(policies.get(i), policies.get(j), f, level, negligible));
                }
            }
        }

        List<Arrivals> arrivals = new ArrayList<>();
        for (int r = 0; r < plan.replications(); r++) {
            Map<String, Long> arrived = new LinkedHashMap<>();
            for (String policy : plan.policyNames()) {
                RunSample s = samples.get(ComparisonPlan.runId(policy, r));
                arrived.put(policy, s == null ? null : s.arrived());
            }
            arrivals.add(new Arrivals(r + 1, BatchPlan.seed(plan.baseSeed(), r), Collections.unmodifiableMap(arrived)));
        }
        return new PolicyComparison(List.copyOf(figures), List.copyOf(policies), List.copyOf(differences),
                List.copyOf(arrivals), level, negligible, plan.arrivalsFollowAnswers());
    }

    /** The paired difference a − b over the replications where both have the figure. */
    static Difference difference(PolicyResult a, PolicyResult b, ComparedFigure f, double level,
                                 Negligible negligible) {
        List<Double> va = a.values().get(f);
        List<Double> vb = b.values().get(f);
        double[] d = new double[va.size()];
        int n = 0;
        for (int r = 0; r < va.size(); r++) {
            if (va.get(r) != null && vb.get(r) != null) {
                d[n++] = va.get(r) - vb.get(r);
            }
        }
        ConfidenceInterval ci = ConfidenceInterval.of(Arrays.copyOf(d, n), level);
        String better = null;
        boolean small = false;
        if (ci.excludesZero()) {
            small = negligible.covers(f, ci.mean(), b.intervals().get(f).mean());
            boolean aHigher = ci.mean() > 0;
            better = small ? null : aHigher == f.higherIsBetter() ? a.policy() : b.policy();
        }
        return new Difference(a.policy(), b.policy(), f, ci, better, small);
    }

    private static double[] present(List<Double> values) {
        return values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
    }

    /** The figures some run reported, in a fixed order. */
    public List<ComparedFigure> figures() {
        return figures;
    }

    public List<PolicyResult> policies() {
        return policies;
    }

    /** Every pair (earlier policy − later policy, in the order given) for every figure, figure by figure. */
    public List<Difference> differences() {
        return differences;
    }

    public List<Arrivals> arrivals() {
        return arrivals;
    }

    /** Whether the arrivals follow the answers (a closed loop, sessions), so that their count depends on the policy. */
    public boolean arrivalsFollowAnswers() {
        return arrivalsFollowAnswers;
    }

    /** True when, at every replication, every policy that ran saw the same number of arrivals. */
    public boolean sameArrivals() {
        return arrivals.stream().allMatch(Arrivals::same);
    }

    public double level() {
        return level;
    }

    /** Below what a significant difference is reported as negligible. */
    public Negligible negligible() {
        return negligible;
    }
}
