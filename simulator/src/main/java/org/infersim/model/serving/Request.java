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
    long firstTokenNs = -1;
    long lastTokenNs = -1;
    int preemptions;
    int replica = -1;

    public Request(long id, int stream, int priority, long arrivalNs, int promptTokens, int outputTokens) {
        this.id = id;
        this.stream = stream;
        this.priority = priority;
        this.arrivalNs = arrivalNs;
        this.promptTokens = promptTokens;
        this.outputTokens = outputTokens;
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
}
