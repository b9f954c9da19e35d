package org.infersim.scenario.bind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiFunction;
import org.infersim.input.Fields;
import org.infersim.input.Quantities;
import org.infersim.input.YamlNode;
import org.infersim.scenario.ArrivalSpec;
import org.infersim.scenario.DurationSpec;
import org.infersim.scenario.LengthSpec;
import org.infersim.scenario.Slo;
import org.infersim.scenario.Workload;
import org.infersim.scenario.bind.BindContext.DeploymentInfo;

/**
 * Binds {@code workloads:}: each request stream with its deployment, arrival process (Poisson,
 * gamma, steps, constant, diurnal, a closed loop of users, or a trace read by {@link TraceFile}),
 * prompt and output lengths ({@link DistributionBinder}), shared prompt parts and sessions
 * ({@link PromptBinder}), priority and SLO.
 */
final class WorkloadBinder {
    private static final List<String> WORKLOAD_KEYS = List.of("name", "deployment", "arrival", "promptTokens",
            "outputTokens", "priority", "slo", "systemPrompt", "documents", "session");
    private static final List<String> SLO_KEYS = List.of("ttft", "tpot");
    private static final List<String> STEP_KEYS = List.of("at", "rate");
    private static final List<String> USER_STEP_KEYS = List.of("at", "users");
    private static final Map<String, List<String>> ARRIVAL_KEYS = Fields.ordered(
            "poisson", List.of("type", "rate"),
            "gamma", List.of("type", "rate", "cv"),
            "steps", List.of("type", "steps"),
            "constant", List.of("type", "rate", "steps"),
            "closed", List.of("type", "users", "thinkTime"),
            "diurnal", List.of("type", "mean", "amplitude", "period", "peakAt"),
            "trace", List.of("type", "file", "rateScale"));
    private static final String LENGTH = "a token-length distribution such as 512 or {type: lognormal, mean: 1000,"
            + " stddev: 400, max: 8192}";

    private final BindContext ctx;
    private final DistributionBinder distributions;
    private final PromptBinder prompts;

    WorkloadBinder(BindContext ctx) {
        this.ctx = ctx;
        this.distributions = new DistributionBinder(ctx);
        this.prompts = new PromptBinder(distributions);
    }

    /** The workloads, or null after a problem. */
    List<Workload> bind(Fields scenario) {
        List<YamlNode> items = scenario.list("workloads", true, "a list of request streams");
        if (items == null) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        List<Workload> workloads = ctx.bindEach(items, "workloads", "a workload", WORKLOAD_KEYS,
                (w, i) -> workload(w, names));
        boolean simulable = workloads == null || ctx.durationNs == null
                || RequestVolume.check(workloads, ctx.durationNs, ctx.in);
        return simulable ? workloads : null;
    }

    private Workload workload(Fields w, Set<String> names) {
        String name = w.name("name", names);
        if (name != null) {
            names.add(name);
        }
        DeploymentInfo deployment = w.reference("deployment", "deployment", ctx.deployments, "deployments");
        int maxLen = deployment == null ? Integer.MAX_VALUE : deployment.maxLen();
        int maxPrompt = deployment == null ? Integer.MAX_VALUE : deployment.maxPrompt();
        ArrivalSpec arrival = arrival(w);
        boolean trace = arrival instanceof ArrivalSpec.Trace || isTrace(w);
        PromptBinder.Parts parts = prompts.bind(w, deployment, trace);
        LengthSpec prompt = null;
        LengthSpec output = null;
        boolean lengthsOk = true;
        if (trace) {
            for (String key : List.of("promptTokens", "outputTokens")) {
                if (w.has(key)) {
                    w.problem(key, "the trace supplies lengths; remove " + key);
                    lengthsOk = false;
                }
            }
        } else {
            prompt = distributions.length(w, "promptTokens", PromptBinder.messageCap(parts, maxPrompt),
                    PromptBinder.messageCapWhy(parts, maxPrompt), LENGTH);
            output = distributions.length(w, "outputTokens", maxLen, LENGTH);
            lengthsOk = prompt != null && output != null && (!parts.ok() || PromptBinder.fits(w, parts, prompt,
                    deployment, cappedByDeployment(w)));
        }
        if (arrival instanceof ArrivalSpec.Trace t && parts.ok()) {
            lengthsOk &= PromptBinder.fitsTrace(w, parts, t.promptTokens(), deployment);
        }
        Long priority = w.integer("priority", false, Integer.MIN_VALUE, Integer.MAX_VALUE);
        Slo slo = slo(w);
        if (name == null || deployment == null || arrival == null || !lengthsOk || !parts.ok()
                || (priority == null && w.has("priority")) || slo == null) {
            return null;
        }
        return new Workload(name, deployment.name(), arrival, prompt, output,
                priority == null ? Workload.DEFAULT_PRIORITY : priority.intValue(), slo, parts.systemPrompt(),
                parts.documents(), parts.session());
    }

    /** Whether the prompt lengths are a lognormal without its own max, which the deployment's limit caps. */
    private static boolean cappedByDeployment(Fields w) {
        return w.node("promptTokens") instanceof YamlNode.Mapping m && m.get("type") instanceof YamlNode.Scalar s
                && "lognormal".equals(s.text()) && m.get("max") == null;
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
                } else if (cv != null && cv > ArrivalSpec.Gamma.MAX_CV) {
                    a.problem("cv", "a coefficient of variation of " + large(cv) + " cannot be simulated:"
                            + " a gamma process sends its requests in bursts of up to about cv² back to back, more"
                            + " than a run can hold above cv " + Fields.format(ArrivalSpec.Gamma.MAX_CV)
                            + " (bursts of about a million requests); expected a cv in (0, "
                            + Fields.format(ArrivalSpec.Gamma.MAX_CV) + "], or a trace or steps for bursts"
                            + " of a known size");
                    cv = null;
                }
                return rate == null || cv == null ? null : new ArrivalSpec.Gamma(rate, cv);
            }
            case "steps": {
                List<ArrivalSpec.Step> steps = rateSteps(a);
                return steps == null ? null : new ArrivalSpec.Steps(steps);
            }
            case "constant":
                return constant(a);
            case "closed":
                return closed(a);
            case "diurnal":
                return diurnal(a);
            case "trace":
                return trace(a);
            default:
                throw new IllegalStateException(a.type());
        }
    }

    /** A number as written when short, in scientific notation when it would run to many digits (1e+300). */
    private static String large(double v) {
        return Math.abs(v) < 1e9 ? Fields.format(v) : String.format(Locale.ROOT, "%.3g", v);
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

    /** {@code steps: [{at, rate}, ...]}: rates of at least 0 (0 is silence). */
    private List<ArrivalSpec.Step> rateSteps(Fields a) {
        return schedule(a, "steps", "a list of {at, rate} steps", "a step such as {at: 10m, rate: 20/s}", STEP_KEYS,
                (s, at) -> {
                    Double rate = s.rate("rate", true);
                    return rate == null ? null : new ArrivalSpec.Step(at, rate);
                });
    }

    /**
     * A list at {@code key} of steps in strictly increasing time, the first at 0s, each with its value
     * bound by {@code value} (given the step and its time; null after a problem). Null after a problem.
     */
    private <T> List<T> schedule(Fields a, String key, String expected, String example, List<String> keys,
                                 BiFunction<Fields, Long, T> value) {
        List<YamlNode> items = a.list(key, true, expected);
        if (items == null) {
            return null;
        }
        List<T> steps = new ArrayList<>();
        boolean ok = true;
        long previous = -1;
        for (int i = 0; i < items.size(); i++) {
            Fields s = ctx.in.fields(items.get(i), a.at(key) + "[" + i + "]", example, keys);
            if (s == null) {
                ok = false;
                continue;
            }
            Long at = s.duration("at", true);
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
            // The value is read even after a bad time, so that all of a step's problems are reported at once.
            T step = value.apply(s, at == null ? -1L : at);
            if (at == null || step == null) {
                ok = false;
            } else {
                steps.add(step);
            }
        }
        return ok ? steps : null;
    }

    /** {@code rate: 10/s} (one stage) or {@code steps: [{at, rate}, ...]}, not both. */
    private ArrivalSpec constant(Fields a) {
        if (a.has("rate") && a.has("steps")) {
            a.problem("steps", "give either rate (one rate throughout) or steps (a schedule of rates), not both");
            return null;
        }
        if (!a.has("rate") && !a.has("steps")) {
            a.missing("rate", "a rate such as 10/s, or steps: a list of {at, rate} stages");
            return null;
        }
        if (!a.has("steps")) {
            Double rate = a.positiveRate("rate", true);
            return rate == null ? null : new ArrivalSpec.Constant(List.of(new ArrivalSpec.Step(0, rate)));
        }
        List<ArrivalSpec.Step> stages = rateSteps(a);
        return stages == null ? null : new ArrivalSpec.Constant(stages);
    }

    /** {@code users: 32} or {@code users: [{at, users}, ...]}, and an optional think time (default 0s). */
    private ArrivalSpec closed(Fields a) {
        List<ArrivalSpec.UserStep> users;
        if (!a.has("users")) {
            a.missing("users", "a number of users such as 32, or a list of {at, users} steps");
            users = null;
        } else if (a.node("users") instanceof YamlNode.Sequence) {
            users = schedule(a, "users", "a number of users, or a list of {at, users} steps",
                    "a step such as {at: 5m, users: 50}", USER_STEP_KEYS, (s, at) -> {
                        Long n = s.integer("users", true, 0, ArrivalSpec.Closed.MAX_USERS);
                        return n == null ? null : new ArrivalSpec.UserStep(at, n.intValue());
                    });
            if (users != null && users.stream().allMatch(u -> u.users() == 0)) {
                a.problem("users", "every step has 0 users: nobody sends");
                users = null;
            }
        } else {
            Long n = a.integer("users", true, 1, ArrivalSpec.Closed.MAX_USERS);
            users = n == null ? null : List.of(new ArrivalSpec.UserStep(0, n.intValue()));
        }
        DurationSpec think = a.has("thinkTime") ? DistributionBinder.duration(a, "thinkTime")
                : ArrivalSpec.Closed.DEFAULT_THINK_TIME;
        return users == null || think == null ? null : new ArrivalSpec.Closed(users, think);
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
}
