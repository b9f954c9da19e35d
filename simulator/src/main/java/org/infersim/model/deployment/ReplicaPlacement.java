package org.infersim.model.deployment;

import java.util.ArrayList;
import java.util.List;
import org.infersim.catalog.ModelSpec;
import org.infersim.model.cluster.GpuPool;
import org.infersim.plugin.Policies;
import org.infersim.scenario.Deployment;

/**
 * Where the replicas of one deployment may run: its pools in order of preference, each with the
 * plan for its GPU type, and the priority they are scheduled at.
 *
 * @param deployment      the deployment's name
 * @param deploymentIndex its place among the scenario's deployments
 * @param plans           one per pool, in the same order
 */
public record ReplicaPlacement(String deployment, int deploymentIndex, int priority, List<GpuPool> pools,
                               List<DeploymentPlan> plans) {

    public ReplicaPlacement {
        pools = List.copyOf(pools);
        plans = List.copyOf(plans);
    }

    /** The deployment's plan on each of its pools, with its policies from {@code policies}. */
    public static ReplicaPlacement of(int index, Deployment d, List<GpuPool> pools, ModelSpec model, Policies policies) {
        List<DeploymentPlan> plans = new ArrayList<>();
        for (GpuPool pool : pools) {
            plans.add(DeploymentPlan.of(d, pool.spec(), model, policies));
        }
        return new ReplicaPlacement(d.name(), index, d.priority(), pools, plans);
    }

    /** The plan for the GPU type of this pool, one of the deployment's. */
    public DeploymentPlan planOn(GpuPool pool) {
        return plans.get(pools.indexOf(pool));
    }

    /**
     * The engine's front-end time per request (see {@link ResolvedEngine#requestOverheadNs()}); a
     * deployment over several GPU types takes the longest, since the router cannot know in advance.
     */
    public long requestOverheadNs() {
        return plans.stream().mapToLong(p -> p.settings().requestOverheadNs()).max().orElseThrow();
    }

    /** The longest request the deployment takes: a request must fit whichever pool its replica landed on. */
    public int maxModelLen() {
        return plans.stream().mapToInt(p -> p.settings().maxModelLen()).min().orElseThrow();
    }
}
