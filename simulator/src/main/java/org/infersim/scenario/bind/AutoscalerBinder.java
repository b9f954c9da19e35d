package org.infersim.scenario.bind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infersim.autoscale.PolicySetting;
import org.infersim.autoscale.ScalingMetric;
import org.infersim.autoscale.ScalingPolicies;
import org.infersim.autoscale.ScalingPolicyProvider;
import org.infersim.input.Fields;
import org.infersim.input.Suggestions;
import org.infersim.input.YamlNode;
import org.infersim.scenario.AutoscalerConfig;

/**
 * Binds a deployment's {@code autoscaler:}: the policy (built in or registered on the class
 * path), the metric and its target, the replica bounds, and the settings the policy declares.
 */
final class AutoscalerBinder {
    private static final List<String> AUTOSCALER_KEYS = List.of("policy", "metric", "target", "min", "max");
    private static final Map<String, ScalingMetric> SCALING_METRICS = Fields.choices(ScalingMetric.values(),
            ScalingMetric::label);

    private final BindContext ctx;

    AutoscalerBinder(BindContext ctx) {
        this.ctx = ctx;
    }

    /**
     * {@code autoscaler: {policy, metric, target, min, max, ...}}: the policy decides which further
     * keys apply (its settings), and what the metric may be. Null after a problem.
     */
    AutoscalerConfig autoscaler(Fields d, Long replicas) {
        String path = d.at("autoscaler");
        YamlNode node = d.node("autoscaler");
        if (!(node instanceof YamlNode.Mapping map)) {
            d.problem("autoscaler", "expected an autoscaler (a mapping with policy, metric, target, min, max), got "
                    + node.describe());
            return null;
        }
        ScalingPolicies policies = ScalingPolicies.available();
        YamlNode policyNode = map.get("policy");
        if (policyNode == null) {
            d.problem("autoscaler", "missing 'policy'; expected one of " + String.join(", ", policies.names()));
            return null;
        }
        String policyName = policyNode instanceof YamlNode.Scalar ps ? ps.text() : "";
        ScalingPolicyProvider provider = policies.find(policyName).orElse(null);
        if (provider == null) {
            String hint = Suggestions.didYouMean(policyName, policies.names());
            ctx.in.problem(Fields.child(path, "policy"), "unknown autoscaling policy '" + policyName + "'" + hint
                    + (hint.isEmpty() ? "; expected " : " Expected ") + "one of " + String.join(", ", policies.names())
                    + " (or a policy registered on the class path; see the README)");
            return null;
        }
        Fields a = ctx.in.fields(node, path, "an autoscaler", knownKeys(map, path, policies, policyName, provider));
        boolean isStatic = policyName.equals("static");
        ScalingMetric metric = a.has("metric") ? a.choice("metric", "metric", SCALING_METRICS) : ScalingMetric.CONCURRENCY;
        if (metric != null && provider.unsupported(metric) != null) {
            ctx.in.problem(a.has("metric") ? a.at("metric") : path, "policy " + policyName + " cannot use metric "
                    + metric.label() + ": " + provider.unsupported(metric));
            metric = null;
        }
        Double target = isStatic && !a.has("target") ? Double.valueOf(1) : metric == null ? null : target(a, metric);
        boolean scalesToZero = policyName.equals("kpa") || policyName.equals("runai");
        int initial = replicas == null ? 1 : replicas.intValue();
        Long min = a.has("min") ? a.integer("min", true, 0, Integer.MAX_VALUE)
                : Long.valueOf(isStatic ? initial : scalesToZero ? 0 : 1);
        Long max = a.has("max") ? a.integer("max", true, 1, Integer.MAX_VALUE)
                : isStatic ? Long.valueOf(Math.max(initial, 1)) : null;
        if (!a.has("max") && !isStatic) {
            ctx.in.problem(path, "missing 'max'; expected the most replicas it may run");
        }
        if (min != null && max != null && min > max) {
            a.problem("min", "min " + min + " is above max " + max);
            min = null;
        }
        if (min != null && min == 0 && policyName.equals("hpa")) {
            a.problem("min", "the Kubernetes HPA cannot scale to zero (KEDA adds that); use min: 1, or policy kpa or runai");
            min = null;
        }
        if (replicas != null && min != null && max != null && (replicas < min || replicas > max)) {
            d.problem("replicas", replicas + " replicas to start with is outside the autoscaler's " + min + ".." + max);
            min = null;
        }
        Map<String, Double> settings = settings(a, provider);
        if (settings == null || metric == null || target == null || min == null || max == null) {
            return null;
        }
        return new AutoscalerConfig(policyName, metric, target, min.intValue(), max.intValue(), settings);
    }

    /**
     * The keys this policy's autoscaler may have. A setting of another policy is a likely slip when
     * switching policies: it is reported saying whose it is (and then not again as unknown).
     */
    private List<String> knownKeys(YamlNode.Mapping map, String path, ScalingPolicies policies, String policyName,
            ScalingPolicyProvider provider) {
        List<String> allowed = new ArrayList<>(AUTOSCALER_KEYS);
        provider.settings().forEach(s -> allowed.add(s.key()));
        List<String> known = new ArrayList<>(allowed);
        for (String other : policies.names()) {
            for (PolicySetting setting : policies.find(other).orElseThrow().settings()) {
                if (!allowed.contains(setting.key()) && map.entries().containsKey(setting.key())
                        && !known.contains(setting.key())) {
                    known.add(setting.key());
                    ctx.in.problem(Fields.child(path, setting.key()), "'" + setting.key() + "' is a setting of policy "
                            + other + ", not of " + policyName + " (whose settings are "
                            + String.join(", ", allowed.subList(AUTOSCALER_KEYS.size(), allowed.size())) + ")");
                }
            }
        }
        return known;
    }

    /** The policy's settings that are written, validated by kind; null after a problem. */
    private static Map<String, Double> settings(Fields a, ScalingPolicyProvider provider) {
        Map<String, Double> settings = new LinkedHashMap<>();
        boolean ok = true;
        for (PolicySetting setting : provider.settings()) {
            if (!a.has(setting.key())) {
                continue;
            }
            Double v = switch (setting.kind()) {
                case DURATION -> {
                    Long ns = a.duration(setting.key(), true);
                    if (ns != null && ns <= 0) {
                        a.problem(setting.key(), "expected a duration above 0");
                        ns = null;
                    }
                    yield ns == null ? null : Double.valueOf(ns);
                }
                case FRACTION -> a.share(setting.key());
                case NUMBER -> {
                    Double n = a.number(setting.key(), true);
                    if (n != null && n <= 0) {
                        a.problem(setting.key(), "expected a number above 0, got " + Fields.format(n));
                        n = null;
                    }
                    yield n;
                }
            };
            if (v == null) {
                ok = false;
            } else {
                settings.put(setting.key(), v);
            }
        }
        return ok ? settings : null;
    }

    /** The per-replica target in the metric's unit: a duration for latency (kept in ms), a share for KV use. */
    private static Double target(Fields a, ScalingMetric metric) {
        if (!a.has("target")) {
            a.problem("target", "missing; expected the " + metric.meaning() + " to aim at");
            return null;
        }
        if (metric == ScalingMetric.LATENCY) {
            Long ns = a.duration("target", true);
            return ns == null ? null : ns > 0 ? Double.valueOf(ns / 1e6) : badTarget(a);
        }
        Double v = metric == ScalingMetric.KV_UTILIZATION ? a.share("target") : a.number("target", true);
        return v == null ? null : v > 0 ? v : badTarget(a);
    }

    private static Double badTarget(Fields a) {
        a.problem("target", "expected a target above 0");
        return null;
    }
}
