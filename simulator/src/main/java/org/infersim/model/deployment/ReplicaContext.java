package org.infersim.model.deployment;

import org.infersim.kernel.Simulation;
import org.infersim.model.cluster.Scheduler;
import org.infersim.model.serving.ReplicaSet;
import org.infersim.model.serving.ServingObserver;

/**
 * What every replica of one deployment works with: the clock, the scheduler it asks for GPUs,
 * the deployment's replica set that routes requests to it, where its engine reports what it does
 * (and how many request streams it counts for), and where the run keeps each replica's accounts.
 */
public record ReplicaContext(Simulation sim, Scheduler scheduler, ReplicaSet set, ServingObserver observer,
                             int streams, ReplicaAccounts accounts) {}
