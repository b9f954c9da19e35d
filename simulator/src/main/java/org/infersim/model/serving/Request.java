package org.infersim.model.serving;

/**
 * One inference request and, once a replica runs it, its sequence state. Mutable and owned by
 * one replica at a time; dropped as soon as it completes, so memory follows what is in flight.
 */
public final class Request {
    final long id;
    final int stream;
    final int priority;
    final long arrivalNs;
    final int promptTokens;
    int outputTokens;
    /** What the prompt's tokens are, for the prefix cache; null when no other request shares any. */
    final PromptContent content;
    /** Who waits for the answer; null for open-loop arrivals, which nobody waits for. */
    private Client client;

    /** Tokens generated so far (sampled and returned to the user). */
    int generated;
    /** Tokens whose keys and values are in the KV cache. */
    int computed;
    /** KV blocks held on the GPU. */
    int blocks;
    /** KV blocks held in host memory while swapped out. */
    int swappedBlocks;
    /** Tokens scheduled in the iteration being run (0 when not scheduled). */
    int chunk;
    /** Blocks its prompt will take when admitted, counted on its replica while it waits there. */
    int queuedBlocks;
    long firstTokenNs = -1;
    long lastTokenNs = -1;
    int preemptions;
    int replica = -1;

    // What the prefix cache keeps of this sequence (see KvCache); untouched when caching is off.
    /** Identities of the sequence's full blocks that can be shared, chained from the first; null until admitted. */
    long[] blockHashes;
    /** Leading entries of {@link #blockHashes} that are valid: the blocks before the first private token. */
    int hashableBlocks;
    /** The cached run holding its last shared block (the runs before it hold the others); -1 for none. */
    int tailRun = -1;
    /** Its first blocks, held in cached runs and shared; the rest of {@link #blocks} are its own. */
    int sharedBlocks;
    /** The run holding the last cached block the latest lookup found for it; -1 for none. */
    int hitRun = -1;
    /** Prompt tokens found in the cache when the request was first admitted (-1 before). */
    int cachedPromptTokens = -1;

    public Request(long id, int stream, int priority, long arrivalNs, int promptTokens, int outputTokens) {
        this(id, stream, priority, arrivalNs, promptTokens, outputTokens, null);
    }

    /** A request whose prompt is {@code content}, which says what it shares with others. */
    public Request(long id, int stream, int priority, long arrivalNs, PromptContent content, int outputTokens) {
        this(id, stream, priority, arrivalNs, content.tokens(), outputTokens, content);
    }

    private Request(long id, int stream, int priority, long arrivalNs, int promptTokens, int outputTokens,
                    PromptContent content) {
        this.id = id;
        this.stream = stream;
        this.priority = priority;
        this.arrivalNs = arrivalNs;
        this.promptTokens = promptTokens;
        this.outputTokens = outputTokens;
        this.content = content;
    }

    /** Tells {@code client} when this request completes or is rejected. */
    public void replyTo(Client client) {
        this.client = client;
    }

    void finished(long now, boolean completed) {
        if (client != null) {
            client.onFinished(this, now, completed);
        }
    }

    /** Tokens the cache must hold before the next token can be sampled. */
    int tokensToCompute() {
        return promptTokens + generated - computed;
    }

    boolean isPrefilling() {
        return tokensToCompute() > 1 || generated == 0;
    }

    public long id() {
        return id;
    }

    public int stream() {
        return stream;
    }

    public int priority() {
        return priority;
    }

    public long arrivalNs() {
        return arrivalNs;
    }

    public int promptTokens() {
        return promptTokens;
    }

    public int outputTokens() {
        return outputTokens;
    }

    public int generated() {
        return generated;
    }

    public long firstTokenNs() {
        return firstTokenNs;
    }

    public int preemptions() {
        return preemptions;
    }

    public int replica() {
        return replica;
    }

    /** What the prompt is made of; null when it shares nothing. */
    public PromptContent content() {
        return content;
    }

    /** Prompt tokens served from the prefix cache at first admission; 0 before, or with caching off. */
    public int cachedPromptTokens() {
        return Math.max(cachedPromptTokens, 0);
    }
}
