package org.infersim.autoscale;

import java.util.List;
import java.util.function.Function;
import org.infersim.autoscale.PolicySetting.Kind;

/** The policies infersim ships with, as providers, with the settings a scenario may give each. */
public final class BuiltInPolicy {
    private BuiltInPolicy() {}

    private record Provider(String name, List<PolicySetting> settings, Function<ScalingMetric, String> metricProblem,
                            Function<PolicyContext, ScalingPolicy> factory) implements ScalingPolicyProvider {
        @Override
        public String unsupported(ScalingMetric metric) {
            return metricProblem.apply(metric);
        }

        @Override
        public ScalingPolicy create(PolicyContext context) {
            return factory.apply(context);
        }
    }

    private static String rateOnly(ScalingMetric m) {
        return m == ScalingMetric.RPS || m == ScalingMetric.TOKENS ? null
                : "it forecasts a rate: use metric rps or tokens";
    }

    private static String notLatency(ScalingMetric m) {
        return m == ScalingMetric.LATENCY ? "a latency does not add up over replicas; use runai for a latency target" : null;
    }

    public static List<ScalingPolicyProvider> all() {
        return List.of(
                new Provider("kpa", List.of(
                        new PolicySetting("tick", Kind.DURATION, "how often it decides (2s)"),
                        new PolicySetting("stableWindow", Kind.DURATION, "averaging window (60s)"),
                        new PolicySetting("panicWindow", Kind.FRACTION, "panic window as a share of the stable one (10%)"),
                        new PolicySetting("panicThreshold", Kind.FRACTION, "panic when wanted / ready reaches it (200%)"),
                        new PolicySetting("targetUtilization", Kind.FRACTION, "share of the target aimed at (70%)"),
                        new PolicySetting("maxScaleUpRate", Kind.NUMBER, "at most ready x this per tick (1000)"),
                        new PolicySetting("maxScaleDownRate", Kind.NUMBER, "at least ready / this per tick (2)"),
                        new PolicySetting("scaleToZeroGrace", Kind.DURATION, "the last replica stays this long (30s)")),
                        BuiltInPolicy::notLatency, c -> {
                            KpaPolicy.Settings d = KpaPolicy.Settings.defaults(c.target());
                            return new KpaPolicy(new KpaPolicy.Settings(c.target(),
                                    c.setting("targetUtilization", d.targetUtilization()),
                                    c.durationNs("stableWindow", d.stableWindowNs()),
                                    c.setting("panicWindow", d.panicWindowFraction()),
                                    c.setting("panicThreshold", d.panicThreshold()),
                                    c.setting("maxScaleUpRate", d.maxScaleUpRate()),
                                    c.setting("maxScaleDownRate", d.maxScaleDownRate()),
                                    c.durationNs("scaleToZeroGrace", d.scaleToZeroGraceNs()),
                                    c.durationNs("tick", d.tickNs())));
                        }),
                new Provider("hpa", List.of(
                        new PolicySetting("period", Kind.DURATION, "sync period (15s)"),
                        new PolicySetting("tolerance", Kind.FRACTION, "no change within it (10%)"),
                        new PolicySetting("scaleDownWindow", Kind.DURATION, "scale-down stabilisation (300s)"),
                        new PolicySetting("scaleUpPods", Kind.NUMBER, "scale-up limit in replicas per period (4)"),
                        new PolicySetting("scaleUpPercent", Kind.FRACTION, "scale-up limit as a share per period (100%)")),
                        BuiltInPolicy::notLatency, c -> {
                            HpaPolicy.Settings d = HpaPolicy.Settings.defaults(c.target());
                            return new HpaPolicy(new HpaPolicy.Settings(c.target(), c.setting("tolerance", d.tolerance()),
                                    c.durationNs("period", d.periodNs()), c.durationNs("scaleDownWindow", d.scaleDownWindowNs()),
                                    (int) c.setting("scaleUpPods", d.scaleUpPods()),
                                    c.setting("scaleUpPercent", d.scaleUpPercent() / 100) * 100));
                        }),
                new Provider("runai", List.of(
                        new PolicySetting("idleTime", Kind.DURATION, "without requests before scaling to zero (5m)")),
                        m -> m == ScalingMetric.RPS || m == ScalingMetric.CONCURRENCY || m == ScalingMetric.LATENCY ? null
                                : "Run:ai targets throughput (rps), concurrency or latency",
                        c -> new RunaiPolicy(switch (c.metric()) {
                            case RPS -> RunaiPolicy.Target.THROUGHPUT;
                            case LATENCY -> RunaiPolicy.Target.LATENCY;
                            default -> RunaiPolicy.Target.CONCURRENCY;
                        }, c.target(), c.durationNs("idleTime", 300_000_000_000L))),
                new Provider("predictive", List.of(
                        new PolicySetting("period", Kind.DURATION, "how often it forecasts (30s)"),
                        new PolicySetting("lead", Kind.DURATION, "how far ahead, about a cold start (5m)"),
                        new PolicySetting("alpha", Kind.NUMBER, "level smoothing (0.5)"),
                        new PolicySetting("beta", Kind.NUMBER, "trend smoothing (0.2)"),
                        new PolicySetting("scaleDownWindow", Kind.DURATION, "scale-down stabilisation (300s)")),
                        BuiltInPolicy::rateOnly, c -> {
                            PredictivePolicy.Settings d = PredictivePolicy.Settings.defaults(c.target());
                            return new PredictivePolicy(new PredictivePolicy.Settings(c.target(),
                                    c.durationNs("period", d.periodNs()), c.durationNs("lead", d.leadNs()),
                                    c.setting("alpha", d.alpha()), c.setting("beta", d.beta()),
                                    c.durationNs("scaleDownWindow", d.scaleDownWindowNs())));
                        }),
                new Provider("scheduled", List.of(
                        new PolicySetting("period", Kind.DURATION, "how often it reads the schedule (30s)"),
                        new PolicySetting("lead", Kind.DURATION, "how far ahead it provisions, about a cold start (5m)")),
                        m -> m == ScalingMetric.RPS ? null : "it reads the workloads' rate schedule: use metric rps",
                        c -> new ScheduledPolicy(c.scheduledRatePerSec(), c.target(), c.durationNs("period", 30_000_000_000L),
                                c.durationNs("lead", 300_000_000_000L))),
                new Provider("static", List.of(), m -> null,
                        c -> new StaticPolicy(c.initial(), 60_000_000_000L)));
    }
}
