package org.infersim.model.deployment;

import java.util.List;
import org.infersim.model.serving.ReplicaSet;
import org.infersim.scenario.Deployment;

/**
 * One deployment as the run built it: its settings, the replicas made from its template, the set
 * that routes requests to them, and the controller of their count.
 */
public record RunningDeployment(Deployment config, ReplicaTemplate template, ReplicaAutoscaler autoscaler) {

    /** Every replica it had, in the order they were made. */
    public List<ReplicaLifecycle> replicas() {
        return template.replicas();
    }

    public ReplicaSet set() {
        return template.context().set();
    }
}
