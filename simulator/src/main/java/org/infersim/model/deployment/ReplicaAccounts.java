package org.infersim.model.deployment;

/** What a deployment reports of each replica it makes: the run keeps its accounts from then on. */
public interface ReplicaAccounts {
    /**
     * Opens the accounts of a new replica of the deployment (its index among the run's
     * deployments); returns the replica's index among all the replicas of the run.
     */
    int addReplica(String name, int deployment);
}
