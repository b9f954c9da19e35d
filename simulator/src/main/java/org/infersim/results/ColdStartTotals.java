package org.infersim.results;

import org.infersim.model.cluster.Allocation;
import org.infersim.model.deployment.ColdStart;
import org.infersim.model.deployment.ReplicaLifecycle;

/** The cold starts of one deployment's replicas added up, phase by phase, in seconds: what {@link ColdStartPhases} averages. */
final class ColdStartTotals {
    int count;
    private double provisionNode;
    private double waitForGpu;
    private double imagePull;
    private double weights;
    private double engineInit;
    private double total;
    private double longest;

    /** Counts a placed replica's cold start; a warm replica (no phases) adds nothing. */
    void add(ReplicaLifecycle replica) {
        ColdStart.Phases ph = replica.phases();
        if (ph == null) {
            return;
        }
        Allocation a = replica.allocation();
        count++;
        double waited = (a.placedAtNs() - replica.requestedAtNs()) / 1e9;
        double provisioning = a.provisioningWaitNs() / 1e9;
        provisionNode += provisioning;
        waitForGpu += waited - provisioning;
        imagePull += ph.imagePullNs() / 1e9;
        weights += ph.weightsNs() / 1e9;
        engineInit += ph.engineInitNs() / 1e9;
        total += waited + ph.totalNs() / 1e9;
        longest = Math.max(longest, waited + ph.totalNs() / 1e9);
    }

    /** The means and the longest; null when there was no cold start. */
    ColdStartPhases phases() {
        return count == 0 ? null : new ColdStartPhases(Decimal.round(provisionNode / count),
                Decimal.round(waitForGpu / count), Decimal.round(imagePull / count), Decimal.round(weights / count),
                Decimal.round(engineInit / count), Decimal.round(total / count), Decimal.round(longest));
    }
}
