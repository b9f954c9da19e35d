package org.infersim.scenario.bind;

import java.util.List;
import java.util.Map;
import org.infersim.input.Fields;
import org.infersim.scenario.DocumentSpec;
import org.infersim.scenario.DurationSpec;
import org.infersim.scenario.LengthSpec;
import org.infersim.scenario.Popularity;
import org.infersim.scenario.SessionSpec;
import org.infersim.scenario.SystemPromptSpec;
import org.infersim.scenario.bind.BindContext.DeploymentInfo;

/**
 * Binds what a workload's prompts are made of beyond their own message: shared system prompts
 * ({@code systemPrompt}), retrieved documents ({@code documents}) and multi-turn sessions
 * ({@code session}), and checks that the longest first prompt (the shared prefix and the longest
 * message) is below the deployment's max model length.
 */
final class PromptBinder {
    static final List<String> KEYS = List.of("systemPrompt", "documents", "session");
    private static final List<String> SYSTEM_KEYS = List.of("prompts", "tokens", "popularity", "zipfExponent");
    private static final List<String> DOCUMENT_KEYS = List.of("corpus", "tokens", "perRequest", "popularity",
            "zipfExponent", "order");
    private static final List<String> SESSION_KEYS = List.of("turns", "thinkTime");
    private static final Map<String, String> POPULARITIES = Fields.choices(List.of("uniform", "zipf"));
    private static final Map<String, DocumentSpec.Order> ORDERS = Fields.choices(DocumentSpec.Order.values(),
            DocumentSpec.Order::label);
    /** A retriever's top k is a handful to a few dozen; the bound keeps drawing k distinct documents quick. */
    static final int MAX_PER_REQUEST = 100;
    private static final String TOKENS = "a token count such as 1200, or a distribution such as {type: uniform,"
            + " min: 800, max: 1600}";

    /**
     * What was bound: each part null when absent, {@code ok} false after a problem.
     *
     * @param prefixMax the most tokens the shared prefix (system prompt and documents) can have
     */
    record Parts(SystemPromptSpec systemPrompt, DocumentSpec documents, SessionSpec session, boolean ok,
                 long prefixMax) {}

    private final DistributionBinder distributions;

    PromptBinder(DistributionBinder distributions) {
        this.distributions = distributions;
    }

    /**
     * The workload's shared parts and sessions; with a trace, which supplies each request's whole
     * prompt, every one of them is a problem.
     */
    Parts bind(Fields w, DeploymentInfo deployment, boolean trace) {
        if (trace) {
            boolean ok = true;
            for (String key : KEYS) {
                if (w.has(key)) {
                    w.problem(key, "a trace supplies each request's whole prompt; remove " + key);
                    ok = false;
                }
            }
            return new Parts(null, null, null, ok, 0);
        }
        int maxLen = deployment == null ? Integer.MAX_VALUE : deployment.maxLen();
        SystemPromptSpec system = w.has("systemPrompt") ? systemPrompt(w, maxLen) : null;
        DocumentSpec documents = w.has("documents") ? documents(w, maxLen) : null;
        SessionSpec session = w.has("session") ? session(w) : null;
        boolean ok = (system != null || !w.has("systemPrompt")) && (documents != null || !w.has("documents"))
                && (session != null || !w.has("session"));
        long prefix = (system == null ? 0 : system.tokens().max())
                + (documents == null ? 0 : (long) documents.perRequest() * documents.tokens().max());
        if (ok && deployment != null && prefix + 1 >= maxLen) {
            w.problem(documents != null ? "documents" : "systemPrompt", "the longest shared prefix, "
                    + describe(system, documents) + ", leaves no room below the max model length " + maxLen
                    + " of deployment '" + deployment.name() + "' for a message and its answer");
            ok = false;
        }
        return new Parts(system, documents, session, ok, prefix);
    }

    /**
     * The cap of a lognormal message without its own max: below the max model length, after the
     * longest shared prefix and one token of answer; the max model length itself without a prefix.
     */
    static int messageCap(Parts parts, int maxLen) {
        return parts.prefixMax() == 0 ? maxLen : (int) Math.max(1, maxLen - 1 - parts.prefixMax());
    }

    /** Where {@link #messageCap} comes from, for a message; null without a prefix. */
    static String messageCapWhy(Parts parts, int maxLen) {
        return parts.prefixMax() == 0 ? null : "the max model length " + maxLen + " less the longest shared prefix, "
                + parts.prefixMax() + " tokens, and 1 for the answer";
    }

    /**
     * Reports a first prompt (shared prefix and longest message) that would not be below what the
     * deployment accepts: every such request would be rejected. A lognormal without its own max is
     * capped by the deployment already ({@code capped}).
     */
    static boolean fits(Fields w, Parts parts, LengthSpec message, DeploymentInfo deployment, boolean capped) {
        if (deployment == null || message == null || (capped && parts.prefixMax() == 0)) {
            return true;
        }
        long longest = parts.prefixMax() + message.max();
        if (longest < deployment.maxPrompt()) {
            return true;
        }
        String what = parts.prefixMax() == 0 ? "the longest prompt is " + longest + " tokens"
                : "the longest prompt, " + describe(parts.systemPrompt(), parts.documents()) + " and " + message.max()
                        + " tokens of its own, is " + longest + " tokens";
        w.problem("promptTokens", what + ", not below the " + deployment.promptLimit() + " of deployment '"
                + deployment.name() + "' (it would be rejected); lower promptTokens' max"
                + (parts.prefixMax() == 0 ? "" : " or the shared parts") + fix(deployment));
        return false;
    }

    /** A trace whose longest prompt (after any shared prefix) the deployment could never take. */
    static boolean fitsTrace(Fields w, Parts parts, int[] promptTokens, DeploymentInfo deployment) {
        if (deployment == null || promptTokens.length == 0) {
            return true;
        }
        int row = 0;
        for (int i = 1; i < promptTokens.length; i++) {
            if (promptTokens[i] > promptTokens[row]) {
                row = i;
            }
        }
        long longest = parts.prefixMax() + promptTokens[row];
        if (longest < deployment.maxPrompt()) {
            return true;
        }
        w.problem("arrival", "the trace's longest prompt, request " + (row + 1) + " of " + promptTokens.length + ", is "
                + longest + " tokens, not below the " + deployment.promptLimit() + " of deployment '"
                + deployment.name() + "' (it would be rejected); trim the trace" + fix(deployment));
        return false;
    }

    private static String fix(DeploymentInfo deployment) {
        return deployment.maxPrompt() < deployment.maxLen()
                ? ", or set chunkedPrefill: true or a larger maxNumBatchedTokens" : "";
    }

    private static String describe(SystemPromptSpec system, DocumentSpec documents) {
        String s = system == null ? "" : system.tokens().max() + " system-prompt tokens";
        if (documents == null) {
            return s;
        }
        return (s.isEmpty() ? "" : s + " + ") + documents.perRequest() + " × " + documents.tokens().max()
                + " document tokens";
    }

    private SystemPromptSpec systemPrompt(Fields w, int maxLen) {
        Fields f = w.child("systemPrompt", "shared system prompts", SYSTEM_KEYS);
        if (f == null) {
            return null;
        }
        Long prompts = count(f, "prompts", SystemPromptSpec.MAX_PROMPTS, "the number of distinct system prompts,"
                + " such as 8");
        LengthSpec tokens = distributions.length(f, "tokens", maxLen, TOKENS);
        Popularity popularity = popularity(f);
        return prompts == null || tokens == null || popularity == null ? null
                : new SystemPromptSpec(prompts.intValue(), tokens, popularity);
    }

    private DocumentSpec documents(Fields w, int maxLen) {
        Fields f = w.child("documents", "retrieved documents", DOCUMENT_KEYS);
        if (f == null) {
            return null;
        }
        Long corpus = count(f, "corpus", DocumentSpec.MAX_CORPUS, "the number of documents, such as 10000");
        LengthSpec tokens = distributions.length(f, "tokens", maxLen, TOKENS);
        Long perRequest = count(f, "perRequest", corpus == null ? MAX_PER_REQUEST : Math.min(MAX_PER_REQUEST, corpus),
                "the distinct documents each request carries, such as 4");
        Popularity popularity = popularity(f);
        DocumentSpec.Order order = f.has("order") ? f.choice("order", "document order", ORDERS)
                : DocumentSpec.DEFAULT_ORDER;
        if (corpus == null || tokens == null || perRequest == null || popularity == null || order == null) {
            return null;
        }
        return new DocumentSpec(corpus.intValue(), tokens, perRequest.intValue(), popularity, order);
    }

    /** A required count from 1 to {@code max}; null after a problem. */
    private static Long count(Fields f, String key, long max, String what) {
        if (!f.has(key)) {
            f.missing(key, what);
            return null;
        }
        return f.integer(key, true, 1, max);
    }

    /** Uniform, unless {@code popularity: zipf} or a {@code zipfExponent} says Zipf. */
    private static Popularity popularity(Fields f) {
        String label = f.has("popularity") ? f.choice("popularity", "popularity", POPULARITIES)
                : f.has("zipfExponent") ? "zipf" : "uniform";
        if (label == null) {
            return null;
        }
        if (label.equals("uniform")) {
            if (f.has("zipfExponent")) {
                f.problem("zipfExponent", "'zipfExponent' applies to popularity: zipf; this popularity is uniform");
                return null;
            }
            return Popularity.UNIFORM;
        }
        Double exponent = f.has("zipfExponent") ? f.number("zipfExponent", true)
                : Double.valueOf(Popularity.Zipf.DEFAULT_EXPONENT);
        if (exponent != null && !(exponent > 0)) {
            f.problem("zipfExponent", "expected an exponent above 0 (1 is the classic Zipf law, towards 0 it is"
                    + " uniform), got " + Fields.format(exponent));
            return null;
        }
        return exponent == null ? null : new Popularity.Zipf(exponent);
    }

    private SessionSpec session(Fields w) {
        Fields f = w.child("session", "multi-turn sessions", SESSION_KEYS);
        if (f == null) {
            return null;
        }
        LengthSpec turns = distributions.length(f, "turns", Integer.MAX_VALUE, "a number of turns such as 4, or a"
                + " distribution such as {type: uniform, min: 2, max: 10}");
        DurationSpec think = f.has("thinkTime") ? DistributionBinder.duration(f, "thinkTime")
                : SessionSpec.DEFAULT_THINK_TIME;
        return turns == null || think == null ? null : new SessionSpec(turns, think);
    }
}
