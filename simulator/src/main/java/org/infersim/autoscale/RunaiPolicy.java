package org.infersim.autoscale;

import java.util.List;
import org.infersim.plugin.Setting;
import org.infersim.plugin.Settings;

/**
 * Run:ai's inference autoscaling: a target of throughput (requests/s per replica), concurrency
 * (requests in flight per replica) or latency, between a minimum and a maximum, and, with a
 * minimum of zero, an idle time without requests before the last replica goes. Throughput and
 * concurrency run on Knative underneath (as Run:ai does), aiming at the target itself rather than
 * 70% of it; latency, which does not add up across replicas, scales the fleet by the ratio of the
 * observed latency to the target, HPA-fashion.
 */
public final class RunaiPolicy implements ScalingPolicy {
    public enum Target { THROUGHPUT, CONCURRENCY, LATENCY }

    static final Setting<Long> IDLE_TIME = Setting.duration("idleTime", 300_000_000_000L,
            "without requests before scaling to zero");

    /** {@code runai}: a throughput, concurrency or latency target; it scales to zero by default. */
    public static final class Provider implements ScalingPolicyProvider {
        @Override
        public String name() {
            return "runai";
        }

        @Override
        public List<Setting<?>> settings() {
            return List.of(IDLE_TIME);
        }

        @Override
        public String unsupported(ScalingMetric m) {
            return m == ScalingMetric.RPS || m == ScalingMetric.CONCURRENCY || m == ScalingMetric.LATENCY ? null
                    : "Run:ai targets throughput (rps), concurrency or latency";
        }

        @Override
        public boolean scalesToZeroByDefault() {
            return true;
        }

        @Override
        public ScalingPolicy create(Settings settings, ScalingContext c) {
            Target target = switch (c.metric()) {
                case RPS -> Target.THROUGHPUT;
                case LATENCY -> Target.LATENCY;
                default -> Target.CONCURRENCY;
            };
            return new RunaiPolicy(target, c.target(), settings.get(IDLE_TIME));
        }
    }

    private final Target target;
    private final long idleNs;
    private final KpaPolicy knative;
    private final HpaPolicy ratio;
    private long lastBusyNs = Long.MIN_VALUE / 2;

    public RunaiPolicy(Target target, double value, long idleNs) {
        this.target = target;
        this.idleNs = idleNs;
        KpaPolicy.Config d = KpaPolicy.Config.defaults(value);
        this.knative = new KpaPolicy(new KpaPolicy.Config(value, 1.0, d.stableWindowNs(), d.panicWindowFraction(),
                d.panicThreshold(), d.maxScaleUpRate(), d.maxScaleDownRate(), 0, d.tickNs()));
        this.ratio = new HpaPolicy(HpaPolicy.Config.defaults(value));
    }

    @Override
    public long periodNs() {
        return target == Target.LATENCY ? ratio.periodNs() : knative.periodNs();
    }

    /**
     * For a latency target the observation's metric is the deployment's latency in the unit of the
     * target; for the others, the sum over replicas.
     */
    @Override
    public int desiredReplicas(ScalingObservation o) {
        if (o.metric() > 0) {
            lastBusyNs = o.nowNs();
        }
        int desired = target == Target.LATENCY
                ? ratio.desiredReplicas(new ScalingObservation(o.nowNs(), o.ready(), o.starting(), o.metric() * o.ready()))
                : knative.desiredReplicas(o);
        if (desired == 0 && o.current() > 0 && o.nowNs() - lastBusyNs < idleNs) {
            return 1;
        }
        return desired;
    }
}
