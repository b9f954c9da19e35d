package org.infersim.model.serving.routing;

import java.util.List;
import org.infersim.model.serving.Replica;
import org.infersim.scenario.RouterPolicy;

/** Chooses the replica for each request of a deployment, seeing only what a load balancer can see. */
public abstract class Router {

    public abstract Replica choose(List<Replica> replicas);

    public static Router of(RouterPolicy policy) {
        return switch (policy) {
            case ROUND_ROBIN -> new RoundRobin();
            case LEAST_OUTSTANDING -> new LeastOutstanding();
            case LEAST_KV -> new LeastKvUsage();
        };
    }

    static final class RoundRobin extends Router {
        private int next;

        @Override
        public Replica choose(List<Replica> replicas) {
            if (next >= replicas.size()) {
                next = 0;
            }
            return replicas.get(next++);
        }
    }

    /** Fewest requests routed and not completed; ties go to the lowest index, so runs are repeatable. */
    static final class LeastOutstanding extends Router {
        @Override
        public Replica choose(List<Replica> replicas) {
            Replica best = replicas.get(0);
            for (int i = 1, n = replicas.size(); i < n; i++) {
                Replica r = replicas.get(i);
                if (r.outstanding() < best.outstanding()) {
                    best = r;
                }
            }
            return best;
        }
    }

    /** Lowest KV-cache occupancy, then fewest waiting requests (an idle cache says nothing of the queue). */
    static final class LeastKvUsage extends Router {
        @Override
        public Replica choose(List<Replica> replicas) {
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
    }
}
