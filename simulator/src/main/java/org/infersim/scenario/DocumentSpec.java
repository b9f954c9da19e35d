package org.infersim.scenario;

/**
 * Retrieved documents (RAG): each request carries {@code perRequest} distinct documents of a corpus,
 * drawn by popularity, after the system prompt and before the question. Each document's length is
 * drawn once, when the run starts, from {@code tokens}.
 *
 * @param order how the retrieved documents are placed in the prompt, which decides how much of it
 *              two requests share
 */
public record DocumentSpec(int corpus, LengthSpec tokens, int perRequest, Popularity popularity, Order order) {
    /** A corpus of ten million documents keeps their lengths in 40 MB. */
    public static final int MAX_CORPUS = 10_000_000;
    public static final Order DEFAULT_ORDER = Order.RETRIEVED;

    public enum Order {
        /**
         * In the order drawn, as a retriever ranks them: two prompts share their documents only up to
         * the first one that differs, even when they hold the same set.
         */
        RETRIEVED("retrieved"),
        /**
         * Sorted by popularity, the most popular first (a prompt builder that orders its context for
         * the cache): the popular documents two prompts both hold come first, so more of them is shared.
         */
        POPULARITY("popularity");

        private final String label;

        Order(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
