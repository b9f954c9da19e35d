package org.infersim.model.serving.routing;

import java.util.List;
import org.infersim.model.serving.Replica;
import org.infersim.model.serving.Request;
import org.infersim.model.serving.Router;
import org.infersim.plugin.Settings;

/** Lowest KV-cache occupancy, then fewest waiting requests (an idle cache says nothing of the queue). */
public final class LeastKvUsage implements Router {
    @Override
    public Replica choose(Request request, List<Replica> replicas) {
        Replica best = replicas.get(0);
        for (int i = 1, n = replicas.size(); i < n; i++) {
            Replica r = replicas.get(i);
            double a = r.kvCache().occupancy();
            double b = best.kvCache().occupancy();
            if (a < b || (a == b && r.waitingCount() < best.waitingCount())) {
                best = r;
            }
        }
        return best;
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
