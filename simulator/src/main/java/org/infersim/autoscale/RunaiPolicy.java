package org.infersim.autoscale;

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

    private final Target target;
    private final long idleNs;
    private final KpaPolicy knative;
    private final HpaPolicy ratio;
    private long lastBusyNs = Long.MIN_VALUE / 2;

    public RunaiPolicy(Target target, double value, long idleNs) {
        this.target = target;
        this.idleNs = idleNs;
        KpaPolicy.Settings d = KpaPolicy.Settings.defaults(value);
        this.knative = new KpaPolicy(new KpaPolicy.Settings(value, 1.0, d.stableWindowNs(), d.panicWindowFraction(),
                d.panicThreshold(), d.maxScaleUpRate(), d.maxScaleDownRate(), 0, d.tickNs()));
        this.ratio = new HpaPolicy(HpaPolicy.Settings.defaults(value));
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
