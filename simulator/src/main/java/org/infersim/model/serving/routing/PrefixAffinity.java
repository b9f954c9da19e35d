package org.infersim.model.serving.routing;

import java.util.List;
import org.infersim.model.serving.PromptContent;
import org.infersim.model.serving.Replica;
import org.infersim.model.serving.Request;
import org.infersim.model.serving.Router;
import org.infersim.plugin.Setting;
import org.infersim.plugin.Settings;

/**
 * Sends a request where the longest prefix of its prompt is cached, among the replicas whose
 * load is within a bound; ties, and requests nothing is cached for, go to the fewest requests in
 * flight, then the lowest index. A request that shares nothing ({@code content() == null}) goes to
 * the fewest in flight.
 *
 * <p>What others do, and what this one takes of them:
 * <ul>
 *   <li>SGLang's router ({@code sgl-project/sglang}, {@code sgl-router/src/policies/cache_aware.rs}):
 *       the deployment is imbalanced when the most loaded worker has more than
 *       {@code balance_abs_threshold} requests more than the least and more than
 *       {@code balance_rel_threshold} times as many (32 and 1.1 in {@code CacheAwareConfig}'s
 *       defaults, {@code policies/mod.rs}); then every request goes to the shortest queue.
 *       Otherwise it matches the request's text in an approximate radix tree per worker, built from
 *       what it routed: above a match ratio of {@code cache_threshold} (0.5) to the best match,
 *       below it to the worker with the smallest tree; trees are trimmed, least recently used
 *       first, to {@code max_tree_size}.</li>
 *   <li>llm-d's inference scheduler uses the Gateway API inference extension's
 *       {@code prefix-cache-scorer} ({@code kubernetes-sigs/gateway-api-inference-extension},
 *       {@code pkg/epp/scheduling/framework/plugins/multi/prefix/plugin.go}): the prompt is cut into
 *       blocks with chained hashes, an LRU index per server (31 250 entries) remembers the blocks it
 *       routed there, and a server scores the share of the prompt's blocks it matches; the score is
 *       weighed against queue and KV-utilization scorers and the highest total wins. Its precise
 *       variant ({@code llm-d/llm-d-inference-scheduler}, {@code pkg/plugins/scorer/precise_prefix_cache.go})
 *       reads the engines' KV-cache events instead of guessing.</li>
 * </ul>
 * This router reads each replica's cache as it is ({@code KvCache.cachedPrefixTokens}, the precise
 * look), and remembers where it sent each prefix ({@link RoutedPrefixes}, the approximate one):
 * requests routed but not yet computed are in no cache, so without the memory a burst of requests
 * with one prefix would look cache-less and be spread. A replica counts the longer of what its
 * cache holds and what the memory says it was last sent.
 *
 * <p>For load it takes neither SGLang's all-or-nothing switch nor llm-d's weighted sum, but a
 * bound per replica, as consistent hashing with bounded loads (Mirrokni, Thorup and Zadimoghaddam,
 * SODA 2018): a replica is a candidate while its requests in flight are at most
 * (1 + {@code loadBound}) × the mean over the ready replicas + 1. Affinity then holds for every
 * request whose replica is not overloaded, and a hot prefix spills over to the next replicas
 * rather than piling up on one; the least-loaded replica is always a candidate.
 */
public final class PrefixAffinity implements Router {
    static final Setting<Double> LOAD_BOUND = Setting.fraction("loadBound", 0.25,
            "a replica takes requests for its prefixes while its requests in flight are at most"
                    + " (1 + this) x the mean + 1");
    static final Setting<Double> MEMORY = Setting.number("memory", 16_384.0,
            "prompt prefixes remembered where they were sent, the least recently sent forgotten first");
    /** The memory's largest size (about 150 MB of tables), more prefixes than a deployment's caches hold. */
    static final int MAX_MEMORY = 1 << 22;

    private final double loadBound;
    private final RoutedPrefixes routed;

    PrefixAffinity(double loadBound, int memory) {
        this.loadBound = loadBound;
        this.routed = new RoutedPrefixes(memory);
    }

    @Override
    public Replica choose(Request request, List<Replica> replicas) {
        PromptContent content = request.content();
        if (content == null) {
            return LeastOutstanding.of(replicas);
        }
        int n = replicas.size();
        long inFlight = 0;
        for (int i = 0; i < n; i++) {
            inFlight += replicas.get(i).outstanding();
        }
        double bound = (1 + loadBound) * inFlight / n + 1;
        routed.lookUp(content);
        Replica best = null;
        int bestTokens = -1;
        for (int i = 0; i < n; i++) {
            Replica r = replicas.get(i);
            if (r.outstanding() > bound) {
                continue;
            }
            int tokens = r.kvCache().cachedPrefixTokens(request);
            if (r.index() == routed.foundReplica()) {
                tokens = Math.max(tokens, routed.foundTokens());
            }
            if (tokens > bestTokens || tokens == bestTokens && r.outstanding() < best.outstanding()) {
                best = r;
                bestTokens = tokens;
            }
        }
        routed.record(content, best.index());
        return best;
    }

    /** {@code prefix-affinity}. */
    public static final class Provider implements Router.Provider {
        @Override
        public String name() {
            return "prefix-affinity";
        }

        @Override
        public List<Setting<?>> settings() {
            return List.of(LOAD_BOUND, MEMORY);
        }

        @Override
        public Router create(Settings settings) {
            long memory = Math.round(settings.get(MEMORY));
            return new PrefixAffinity(settings.get(LOAD_BOUND), (int) Math.max(1, Math.min(memory, MAX_MEMORY)));
        }
    }
}
