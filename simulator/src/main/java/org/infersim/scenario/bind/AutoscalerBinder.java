package org.infersim.scenario.bind;

import java.util.Map;
import org.infersim.autoscale.ScalingMetric;
import org.infersim.autoscale.ScalingPolicyProvider;
import org.infersim.input.Fields;
import org.infersim.input.YamlNode;
import org.infersim.plugin.PolicyChoice;
import org.infersim.plugin.PolicyFamily;
import org.infersim.plugin.PolicyProvider;
import org.infersim.plugin.Settings;
import org.infersim.scenario.AutoscalerConfig;

/**
 * Binds a deployment's {@code autoscaler:}: the policy (built in or registered on the class
 * path), the metric and its target, the replica bounds, and the settings the policy declares.
 * What a policy can do (scale to zero, hold its initial count, use a metric) its provider says.
 */
final class AutoscalerBinder {
    private static final Map<String, ScalingMetric> SCALING_METRICS = Fields.choices(ScalingMetric.values(),
            ScalingMetric::label);

    private final BindContext ctx;

    AutoscalerBinder(BindContext ctx) {
        this.ctx = ctx;
    }

    /**
     * {@code autoscaler: {policy, metric, target, min, max, ...}}: the policy decides which further
     * keys apply (its settings), what the metric may be and how the bounds default. Null after a problem.
     */
    AutoscalerConfig autoscaler(Fields d, Long replicas) {
        String path = d.at("autoscaler");
        YamlNode node = d.node("autoscaler");
        if (!(node instanceof YamlNode.Mapping map)) {
            d.problem("autoscaler", "expected an autoscaler (a mapping with policy, metric, target, min, max), got "
                    + node.describe());
            return null;
        }
        PolicyBinder policies = ctx.policies;
        PolicyProvider named = policies.namedPolicy(map, path, PolicyFamily.AUTOSCALING);
        if (named == null) {
            return null;
        }
        ScalingPolicyProvider provider = policies.policies().provider(PolicyFamily.AUTOSCALING,
                ScalingPolicyProvider.class, named.name());
        String policyName = provider.name();
        Fields a = ctx.in.fields(node, path, "an autoscaler", policies.policyKeys(AutoscalerConfig.KEYS, provider, map, path));
        boolean holds = provider.holdsInitialReplicas();
        ScalingMetric metric = a.has("metric") ? a.choice("metric", "metric", SCALING_METRICS) : ScalingMetric.CONCURRENCY;
        if (metric != null && provider.unsupported(metric) != null) {
            ctx.in.problem(a.has("metric") ? a.at("metric") : path, "policy " + policyName + " cannot use metric "
                    + metric.label() + ": " + provider.unsupported(metric));
            metric = null;
        }
        Double target = holds && !a.has("target") ? Double.valueOf(1) : metric == null ? null : target(a, metric);
        int initial = replicas == null ? 1 : replicas.intValue();
        Long min = a.has("min") ? a.integer("min", true, 0, Integer.MAX_VALUE)
                : Long.valueOf(holds ? initial : provider.scalesToZeroByDefault() ? 0 : 1);
        Long max = a.has("max") ? a.integer("max", true, 1, Integer.MAX_VALUE)
                : holds ? Long.valueOf(Math.max(initial, 1)) : null;
        if (!a.has("max") && !holds) {
            ctx.in.problem(path, "missing 'max'; expected the most replicas it may run");
        }
        if (min != null && max != null && min > max) {
            a.problem("min", "min " + min + " is above max " + max);
            min = null;
        }
        if (min != null && min == 0 && provider.whyNotZero() != null) {
            a.problem("min", provider.whyNotZero());
            min = null;
        }
        if (replicas != null && min != null && max != null && (replicas < min || replicas > max)) {
            d.problem("replicas", replicas + " replicas to start with is outside the autoscaler's " + min + ".." + max);
            min = null;
        }
        Settings settings = policies.settings(a, provider);
        if (settings == null || metric == null || target == null || min == null || max == null) {
            return null;
        }
        return new AutoscalerConfig(new PolicyChoice(policyName, settings), metric, target, min.intValue(),
                max.intValue());
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
