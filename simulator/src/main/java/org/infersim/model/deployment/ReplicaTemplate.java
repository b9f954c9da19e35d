package org.infersim.model.deployment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.infersim.scenario.ColdStartConfig;

/**
 * What the replicas of one deployment are made from, as a Kubernetes Deployment makes its pods
 * from a pod template: where they may run, how a new one gets ready, and what each works with.
 * It names them {@code <deployment>/0}, {@code /1}, ... in the order it makes them, opens each
 * one's accounts, and keeps them all for the results.
 */
public final class ReplicaTemplate {
    private final ReplicaPlacement placement;
    private final ColdStart coldStart;
    private final ReplicaContext context;
    private final List<ReplicaLifecycle> made = new ArrayList<>();

    public ReplicaTemplate(ReplicaPlacement placement, ColdStartConfig coldStart, ReplicaContext context) {
        this.placement = placement;
        this.coldStart = new ColdStart(coldStart);
        this.context = context;
    }

    /**
     * A replica the run starts with. It is warm (the service was up before the run began) and
     * asks for GPUs at {@code requestedAtNs}, when the run submits it.
     */
    ReplicaLifecycle warm(long requestedAtNs) {
        return make(requestedAtNs, null);
    }

    /** A replica added now: it asks the scheduler for GPUs at once and cold-starts once placed. */
    ReplicaLifecycle startCold() {
        ReplicaLifecycle replica = make(context.sim().now(), coldStart);
        context.scheduler().submit(replica);
        return replica;
    }

    private ReplicaLifecycle make(long requestedAtNs, ColdStart cold) {
        String name = placement.deployment() + "/" + made.size();
        int index = context.accounts().addReplica(name, placement.deploymentIndex());
        ReplicaLifecycle replica = new ReplicaLifecycle(placement, context, name, index, requestedAtNs, cold);
        made.add(replica);
        return replica;
    }

    /** Every replica it made, in order, whatever became of them. */
    public List<ReplicaLifecycle> replicas() {
        return Collections.unmodifiableList(made);
    }

    public ReplicaContext context() {
        return context;
    }
}
