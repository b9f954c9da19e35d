package org.infersim.autoscale;

import java.util.List;
import org.infersim.plugin.Setting;
import org.infersim.plugin.Settings;

/**
 * A researcher's policy, as the README shows how to write one: one more replica whenever requests
 * queue beyond a threshold per replica, one fewer when nothing has queued for a while. Registered
 * for the tests in src/test/resources/META-INF/services/org.infersim.plugin.PolicyProvider.
 */
public final class QueueStepPolicy implements ScalingPolicy {
    static final Setting<Long> QUIET = Setting.duration("quiet", 120_000_000_000L, "without a queue before one fewer");

    private final double threshold;
    private final long quietNs;
    private long lastBusyNs;

    QueueStepPolicy(double threshold, long quietNs) {
        this.threshold = threshold;
        this.quietNs = quietNs;
    }

    @Override
    public long periodNs() {
        return 10_000_000_000L;
    }

    @Override
    public int desiredReplicas(ScalingObservation o) {
        if (o.metric() > threshold * Math.max(1, o.ready())) {
            lastBusyNs = o.nowNs();
            // Only one step at a time, and not while a replica is still starting.
            return o.starting() > 0 ? o.current() : o.current() + 1;
        }
        if (o.metric() > 0) {
            lastBusyNs = o.nowNs();
        }
        return o.nowNs() - lastBusyNs > quietNs ? o.current() - 1 : o.current();
    }

    /** The provider the scenario finds by name. */
    public static final class Provider implements ScalingPolicyProvider {
        @Override
        public String name() {
            return "queue-step";
        }

        @Override
        public List<Setting<?>> settings() {
            return List.of(QUIET);
        }

        @Override
        public String unsupported(ScalingMetric metric) {
            return metric == ScalingMetric.QUEUE ? null : "it watches the queue: use metric queue";
        }

        @Override
        public ScalingPolicy create(Settings settings, ScalingContext context) {
            return new QueueStepPolicy(context.target(), settings.get(QUIET));
        }
    }
}
