package org.infersim.model.serving.routing;

import java.util.List;
import org.infersim.model.serving.Replica;
import org.infersim.model.serving.Request;
import org.infersim.model.serving.Router;
import org.infersim.plugin.Settings;

/** Fewest requests routed and not completed; ties go to the lowest index, so runs are repeatable. */
public final class LeastOutstanding implements Router {
    @Override
    public Replica choose(Request request, List<Replica> replicas) {
        return of(replicas);
    }

    /** The replica with the fewest requests in flight, the lowest index among equals (also other routers' fallback). */
    static Replica of(List<Replica> replicas) {
        Replica best = replicas.get(0);
        for (int i = 1, n = replicas.size(); i < n; i++) {
            Replica r = replicas.get(i);
            if (r.outstanding() < best.outstanding()) {
                best = r;
            }
        }
        return best;
    }

    /** {@code least-outstanding}. */
    public static final class Provider implements Router.Provider {
        @Override
        public String name() {
            return "least-outstanding";
        }

        @Override
        public Router create(Settings settings) {
            return new LeastOutstanding();
        }
    }
}
