package org.infersim.model.deployment;

import org.infersim.model.cluster.PowerModel;

/** What a deployment reports of each replica it makes: the run keeps its accounts from then on. */
public interface ReplicaAccounts {
    /**
     * Opens the accounts of a new replica of the deployment (its index among the run's
     * deployments); returns the replica's index among all the replicas of the run.
     */
    int addReplica(String name, int deployment);

    /**
     * The replica got its GPUs: {@code gpus} of the pool (its index), whose steps cost what
     * {@code power} says; from now on its steps' energy is counted against that pool.
     */
    default void placedOn(int replica, int pool, int gpus, PowerModel power) {}
}
