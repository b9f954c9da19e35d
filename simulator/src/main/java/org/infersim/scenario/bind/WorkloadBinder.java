package org.infersim.scenario.bind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.infersim.input.Fields;
import org.infersim.input.Quantities;
import org.infersim.input.YamlNode;
import org.infersim.scenario.ArrivalSpec;
import org.infersim.scenario.LengthSpec;
import org.infersim.scenario.Slo;
import org.infersim.scenario.Workload;
import org.infersim.scenario.bind.BindContext.DeploymentInfo;

/**
 * Binds {@code workloads:}: each request stream with its deployment, arrival process (Poisson,
 * gamma, steps, diurnal, or a trace read by {@link TraceFile}), prompt and output lengths (fixed,
 * uniform, lognormal, or empirical from a {@link LengthFile}), priority and SLO.
 */
final class WorkloadBinder {
    private static final List<String> WORKLOAD_KEYS = List.of("name", "deployment", "arrival", "promptTokens",
            "outputTokens", "priority", "slo");
    private static final List<String> SLO_KEYS = List.of("ttft", "tpot");
    private static final List<String> STEP_KEYS = List.of("at", "rate");
    private static final Map<String, List<String>> ARRIVAL_KEYS = Fields.ordered(
            "poisson", List.of("type", "rate"),
            "gamma", List.of("type", "rate", "cv"),
            "steps", List.of("type", "steps"),
            "diurnal", List.of("type", "mean", "amplitude", "period", "peakAt"),
            "trace", List.of("type", "file", "rateScale"));
    private static final Map<String, List<String>> LENGTH_KEYS = Fields.ordered(
            "fixed", List.of("type", "value"),
            "uniform", List.of("type", "min", "max"),
            "lognormal", List.of("type", "mean", "stddev", "max"),
            "empirical", List.of("type", "file"));

    private final BindContext ctx;

    WorkloadBinder(BindContext ctx) {
        this.ctx = ctx;
    }

    /** The workloads, or null after a problem. */
    List<Workload> bind(Fields scenario) {
        List<YamlNode> items = scenario.list("workloads", true, "a list of request streams");
        if (items == null) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        return ctx.bindEach(items, "workloads", "a workload", WORKLOAD_KEYS, (w, i) -> workload(w, names));
    }

    private Workload workload(Fields w, Set<String> names) {
        String name = w.name("name", names);
        if (name != null) {
            names.add(name);
        }
        DeploymentInfo deployment = w.reference("deployment", "deployment", ctx.deployments, "deployments");
        int maxLen = deployment == null ? Integer.MAX_VALUE : deployment.maxLen();
        ArrivalSpec arrival = arrival(w);
        LengthSpec prompt = null;
        LengthSpec output = null;
        boolean lengthsOk = true;
        if (arrival instanceof ArrivalSpec.Trace || isTrace(w)) {
            for (String key : List.of("promptTokens", "outputTokens")) {
                if (w.has(key)) {
                    w.problem(key, "the trace supplies lengths; remove " + key);
                    lengthsOk = false;
                }
            }
        } else {
            prompt = length(w, "promptTokens", maxLen);
            output = length(w, "outputTokens", maxLen);
            lengthsOk = prompt != null && output != null;
        }
        Long priority = w.integer("priority", false, Integer.MIN_VALUE, Integer.MAX_VALUE);
        Slo slo = slo(w);
        if (name == null || deployment == null || arrival == null || !lengthsOk
                || (priority == null && w.has("priority")) || slo == null) {
            return null;
        }
        return new Workload(name, deployment.name(), arrival, prompt, output,
                priority == null ? Workload.DEFAULT_PRIORITY : priority.intValue(), slo);
    }

    private static boolean isTrace(Fields w) {
        return w.node("arrival") instanceof YamlNode.Mapping m && m.get("type") instanceof YamlNode.Scalar s
                && "trace".equals(s.text());
    }

    private static Slo slo(Fields w) {
        if (!w.has("slo")) {
            return Slo.NONE;
        }
        Fields s = w.child("slo", "latency targets", SLO_KEYS);
        if (s == null) {
            return null;
        }
        Long ttft = s.positiveDuration("ttft");
        Long tpot = s.positiveDuration("tpot");
        if ((s.has("ttft") && ttft == null) || (s.has("tpot") && tpot == null)) {
            return null;
        }
        return new Slo(ttft == null ? OptionalLong.empty() : OptionalLong.of(ttft),
                tpot == null ? OptionalLong.empty() : OptionalLong.of(tpot));
    }

    // ---------------------------------------------------------------- arrivals

    private ArrivalSpec arrival(Fields w) {
        YamlNode node = w.require("arrival", "an arrival process such as {type: poisson, rate: 20/s}");
        if (node == null) {
            return null;
        }
        Fields a = w.typedChild("arrival", "an arrival process", "arrival", ARRIVAL_KEYS);
        if (a == null) {
            return null;
        }
        switch (a.type()) {
            case "poisson": {
                Double rate = a.positiveRate("rate", true);
                return rate == null ? null : new ArrivalSpec.Poisson(rate);
            }
            case "gamma": {
                Double rate = a.positiveRate("rate", true);
                Double cv = a.number("cv", true);
                if (cv != null && !(cv > 0)) {
                    a.problem("cv", "expected a coefficient of variation above 0 (1 is Poisson), got " + Fields.format(cv));
                    cv = null;
                }
                return rate == null || cv == null ? null : new ArrivalSpec.Gamma(rate, cv);
            }
            case "steps":
                return steps(a);
            case "diurnal":
                return diurnal(a);
            case "trace":
                return trace(a);
            default:
                throw new IllegalStateException(a.type());
        }
    }

    private static ArrivalSpec diurnal(Fields a) {
        Double mean = a.positiveRate("mean", true);
        Double amplitude = a.number("amplitude", true);
        if (amplitude != null && !(amplitude >= 0 && amplitude <= 1)) {
            a.problem("amplitude", "expected an amplitude in [0, 1], got " + Fields.format(amplitude));
            amplitude = null;
        }
        Long period = a.has("period") ? a.duration("period", true) : Long.valueOf(ArrivalSpec.Diurnal.DEFAULT_PERIOD_NS);
        if (period != null && period <= 0) {
            a.problem("period", "expected a period longer than 0");
            period = null;
        }
        Long peakAt = a.has("peakAt") ? a.duration("peakAt", true) : Long.valueOf(ArrivalSpec.Diurnal.DEFAULT_PEAK_AT_NS);
        if (mean == null || amplitude == null || period == null || peakAt == null) {
            return null;
        }
        return new ArrivalSpec.Diurnal(mean, amplitude, period, peakAt);
    }

    private ArrivalSpec steps(Fields a) {
        List<YamlNode> items = a.list("steps", true, "a list of {at, rate} steps");
        if (items == null) {
            return null;
        }
        List<ArrivalSpec.Step> steps = new ArrayList<>();
        boolean ok = true;
        long previous = -1;
        for (int i = 0; i < items.size(); i++) {
            Fields s = ctx.in.fields(items.get(i), a.at("steps") + "[" + i + "]", "a step such as {at: 10m, rate: 20/s}",
                    STEP_KEYS);
            if (s == null) {
                ok = false;
                continue;
            }
            Long at = s.duration("at", true);
            Double rate = s.rate("rate", true);
            if (at != null) {
                if (i == 0 && at != 0) {
                    s.problem("at", "the first step must start at 0s, got " + Quantities.formatDuration(at));
                    at = null;
                } else if (i > 0 && previous >= 0 && at <= previous) {
                    s.problem("at", "steps must be in strictly increasing time: "
                            + Quantities.formatDuration(at) + " is not after " + Quantities.formatDuration(previous));
                    at = null;
                }
            }
            previous = at == null ? -1 : at;
            if (at == null || rate == null) {
                ok = false;
            } else {
                steps.add(new ArrivalSpec.Step(at, rate));
            }
        }
        return ok ? new ArrivalSpec.Steps(steps) : null;
    }

    private ArrivalSpec trace(Fields a) {
        String name = a.string("file", true, "the trace file, relative to this scenario");
        Double scale = a.has("rateScale") ? a.number("rateScale", true) : Double.valueOf(ArrivalSpec.Trace.DEFAULT_RATE_SCALE);
        if (scale != null && !(scale > 0)) {
            a.problem("rateScale", "expected a speed-up factor above 0 (2 replays twice as fast), got "
                    + Fields.format(scale));
            scale = null;
        }
        Path path = name == null ? null : ctx.in.existingFile(name, a.at("file"), "trace file");
        if (path == null) {
            return null;
        }
        TraceFile.Rows rows = TraceFile.read(path, path.toString(), a.at("file"), ctx.in.problems());
        if (rows == null || scale == null) {
            return null;
        }
        return new ArrivalSpec.Trace(path, scale, rows.offsetsNs(), rows.promptTokens(), rows.outputTokens(),
                rows.skippedRows(), rows.blockHashIds(), rows.blockTokens());
    }

    // ---------------------------------------------------------------- lengths

    private LengthSpec length(Fields w, String key, int maxLen) {
        YamlNode node = w.require(key, "a token-length distribution such as 512 or {type: lognormal, mean: 1000,"
                + " stddev: 400, max: 8192}");
        if (node == null) {
            return null;
        }
        if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.ScalarKind.INTEGER) {
            Long v = w.integer(key, true, 1, Integer.MAX_VALUE);
            return v == null ? null : new LengthSpec.Fixed(v.intValue());
        }
        Fields l = w.typedChild(key, "a token count or a distribution", "length distribution", LENGTH_KEYS);
        if (l == null) {
            return null;
        }
        switch (l.type()) {
            case "fixed": {
                Long v = l.integer("value", true, 1, Integer.MAX_VALUE);
                return v == null ? null : new LengthSpec.Fixed(v.intValue());
            }
            case "uniform": {
                Long min = l.integer("min", true, 1, Integer.MAX_VALUE);
                Long max = l.integer("max", true, 1, Integer.MAX_VALUE);
                if (min != null && max != null && min > max) {
                    l.problem("max", "max " + max + " is below min " + min);
                    return null;
                }
                return min == null || max == null ? null : new LengthSpec.Uniform(min.intValue(), max.intValue());
            }
            case "lognormal":
                return lognormal(l, maxLen);
            case "empirical": {
                Path file = l.existingFile("file", "length file", "a file of token counts, one per line");
                if (file == null) {
                    return null;
                }
                int[] values = LengthFile.read(file, file.toString(), l.at("file"), ctx.in.problems());
                return values == null ? null : new LengthSpec.Empirical(file, values);
            }
            default:
                throw new IllegalStateException(l.type());
        }
    }

    /** A lognormal length, capped by its max or else by the deployment's longest sequence. */
    private static LengthSpec lognormal(Fields l, int maxLen) {
        Double mean = l.number("mean", true);
        if (mean != null && !(mean >= 1)) {
            l.problem("mean", "expected a mean of at least 1 token, got " + Fields.format(mean));
            mean = null;
        }
        Double stddev = l.number("stddev", true);
        if (stddev != null && !(stddev >= 0)) {
            l.problem("stddev", "expected a standard deviation of at least 0, got " + Fields.format(stddev));
            stddev = null;
        }
        Long max = l.has("max") ? l.integer("max", true, 1, Integer.MAX_VALUE) : Long.valueOf(maxLen);
        if (max != null && mean != null && mean > max) {
            if (l.has("max")) {
                l.problem("max", "the cap " + max + " is below the mean " + Fields.format(mean));
            } else {
                l.problem("the cap " + max + " is below the mean " + Fields.format(mean));
            }
            return null;
        }
        return mean == null || stddev == null || max == null ? null
                : new LengthSpec.LogNormal(mean, stddev, max.intValue());
    }
}
