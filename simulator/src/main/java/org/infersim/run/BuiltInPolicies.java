package org.infersim.run;

import java.util.List;
import org.infersim.autoscale.HpaPolicy;
import org.infersim.autoscale.KpaPolicy;
import org.infersim.autoscale.PredictivePolicy;
import org.infersim.autoscale.RunaiPolicy;
import org.infersim.autoscale.ScheduledPolicy;
import org.infersim.autoscale.StaticPolicy;
import org.infersim.model.cluster.placement.BestFit;
import org.infersim.model.cluster.placement.FirstFit;
import org.infersim.model.performance.MeasuredStepTime;
import org.infersim.model.performance.RooflineStepTime;
import org.infersim.model.serving.batching.FcfsScheduling;
import org.infersim.model.serving.batching.PriorityScheduling;
import org.infersim.model.serving.batching.RecomputePreemption;
import org.infersim.model.serving.batching.SwapPreemption;
import org.infersim.model.serving.routing.LeastKvUsage;
import org.infersim.model.serving.routing.LeastOutstanding;
import org.infersim.model.serving.routing.PrefixAffinity;
import org.infersim.model.serving.routing.RoundRobin;
import org.infersim.plugin.Policies;
import org.infersim.plugin.PolicyProvider;

/**
 * The policies infersim ships with, family by family, in the order messages list them. Here
 * because this is the one package that sees every family.
 */
public final class BuiltInPolicies {
    private BuiltInPolicies() {}

    public static List<PolicyProvider> all() {
        return List.of(
                new RoundRobin.Provider(), new LeastOutstanding.Provider(), new LeastKvUsage.Provider(),
                new PrefixAffinity.Provider(),
                new FirstFit.Provider(), new BestFit.Provider(),
                new FcfsScheduling.Provider(), new PriorityScheduling.Provider(),
                new RecomputePreemption.Provider(), new SwapPreemption.Provider(),
                new KpaPolicy.Provider(), new HpaPolicy.Provider(), new RunaiPolicy.Provider(),
                new PredictivePolicy.Provider(), new ScheduledPolicy.Provider(), new StaticPolicy.Provider(),
                new RooflineStepTime.Provider(), new MeasuredStepTime.Provider());
    }

    /** The built-in policies and those registered on the class path: a process does this once. */
    public static Policies load() {
        return Policies.load(all());
    }
}
