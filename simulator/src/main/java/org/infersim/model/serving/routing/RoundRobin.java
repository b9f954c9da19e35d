package org.infersim.model.serving.routing;

import java.util.List;
import org.infersim.model.serving.Replica;
import org.infersim.model.serving.Request;
import org.infersim.model.serving.Router;
import org.infersim.plugin.Settings;

/** Each ready replica in turn, whatever its load. */
public final class RoundRobin implements Router {
    private int next;

    @Override
    public Replica choose(Request request, List<Replica> replicas) {
        if (next >= replicas.size()) {
            next = 0;
        }
        return replicas.get(next++);
    }

    /** {@code round-robin}. */
    public static final class Provider implements Router.Provider {
        @Override
        public String name() {
            return "round-robin";
        }

        @Override
        public Router create(Settings settings) {
            return new RoundRobin();
        }
    }
}
