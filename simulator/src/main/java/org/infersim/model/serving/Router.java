package org.infersim.model.serving;

import java.util.List;
import org.infersim.plugin.PolicyFamily;
import org.infersim.plugin.PolicyProvider;
import org.infersim.plugin.Settings;

/**
 * Chooses the replica for each request of a deployment, seeing what a load balancer can see: the
 * request, and each replica's load and KV cache (which a gateway learns from the engines' KV
 * events, as llm-d's precise prefix scorer does). Called for every request: an implementation allocates nothing per call.
 */
public interface Router {
    /**
     * @param request  the request to place: its length and, through {@link Request#content()}, what
     *                 its prompt shares with others (a prefix-aware router's look)
     * @param replicas the deployment's ready replicas, in index order; never empty
     */
    Replica choose(Request request, List<Replica> replicas);

    /** Makes the router a deployment names ({@code deployments[].router}). */
    interface Provider extends PolicyProvider {
        @Override
        default PolicyFamily family() {
            return PolicyFamily.ROUTING;
        }

        /** A new router for one deployment of one run (a router may keep state, as round-robin its turn). */
        Router create(Settings settings);
    }
}
