package org.infersim.model.serving.routing;

import java.util.List;
import org.infersim.model.serving.Replica;
import org.infersim.model.serving.Request;
import org.infersim.model.serving.Router;
import org.infersim.plugin.Setting;
import org.infersim.plugin.Settings;

/**
 * A researcher's router with a setting, as the README describes: it fills the replicas in index
 * order, each up to {@code depth} requests in flight, and balances by fewest in flight once every
 * one is that deep.
 */
final class FillFirst implements Router {
    static final Setting<Double> DEPTH = Setting.number("depth", 8.0, "requests in flight before the next replica");

    private final double depth;

    FillFirst(double depth) {
        this.depth = depth;
    }

    @Override
    public Replica choose(Request request, List<Replica> replicas) {
        Replica least = replicas.get(0);
        for (Replica r : replicas) {
            if (r.outstanding() < depth) {
                return r;
            }
            least = r.outstanding() < least.outstanding() ? r : least;
        }
        return least;
    }

    static final class Provider implements Router.Provider {
        @Override
        public String name() {
            return "fill-first";
        }

        @Override
        public List<Setting<?>> settings() {
            return List.of(DEPTH);
        }

        @Override
        public Router create(Settings settings) {
            return new FillFirst(settings.get(DEPTH));
        }
    }
}
