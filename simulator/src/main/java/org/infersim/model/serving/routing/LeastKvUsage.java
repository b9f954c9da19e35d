package org.infersim.model.serving.routing;

import java.util.List;
import org.infersim.model.serving.Replica;
import org.infersim.model.serving.Request;
import org.infersim.model.serving.Router;
import org.infersim.plugin.Settings;

/**
 * Lowest KV-cache load, then fewest waiting requests (an idle cache says nothing of the queue).
 * A replica's load counts what is on its way as well as what its cache holds: a prompt routed
 * there takes its blocks only at the replica's next iteration, so reading the cache alone sends a
 * whole burst to the replica that was emptiest before it. The Gateway API inference extension
 * ({@code kubernetes-sigs/gateway-api-inference-extension},
 * {@code docs/proposals/003-model-server-protocol}) reads the queue ({@code vllm:num_requests_waiting})
 * beside KV utilization ({@code vllm:gpu_cache_usage_perc}) for this reason; here the queue is
 * counted in the blocks its prompts will take, so the two make one figure.
 */
public final class LeastKvUsage implements Router {
    @Override
    public Replica choose(Request request, List<Replica> replicas) {
        Replica best = replicas.get(0);
        double bestLoad = load(best);
        for (int i = 1, n = replicas.size(); i < n; i++) {
            Replica r = replicas.get(i);
            double a = load(r);
            if (a < bestLoad || (a == bestLoad && r.waitingCount() < best.waitingCount())) {
                best = r;
                bestLoad = a;
            }
        }
        return best;
    }

    /** Blocks held and on their way, over the cache's blocks. */
    private static double load(Replica r) {
        long total = r.kvCache().totalBlocks();
        return total == 0 ? 0 : (double) (r.kvCache().usedBlocks() + r.kvBlocksOnTheWay()) / total;
    }

    /** {@code least-kv}. */
    public static final class Provider implements Router.Provider {
        @Override
        public String name() {
            return "least-kv";
        }

        @Override
        public Router create(Settings settings) {
            return new LeastKvUsage();
        }
    }
}
