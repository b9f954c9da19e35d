package org.infersim.model.serving;

/**
 * Consecutive KV blocks of one chain that the same sequences hold (a node of the radix tree that
 * SGLang's RadixAttention keeps explicitly, and vLLM's block hashes imply): blocks
 * {@code depth .. depth + length - 1} of every sequence on it. Every sequence that holds one of
 * its blocks holds all of them and its parent's, so a reference count per run says what a count
 * per block would. A run with no hashes is an anonymous run of freed blocks nobody can reuse.
 */
final class CachedRun {
    static final int NONE = -1;

    /** The run before it in its chain; NONE for a chain's first. */
    int parent = NONE;
    /** Index in the chain of its first block. */
    int depth;
    /** Blocks in it (0 once all are evicted). */
    int length;
    /** Sequences holding it; 0 while it waits in the free queue. */
    int holders;
    /** Runs whose parent it is. */
    int children;
    /** Which of its records in the free queue is current (see {@code KvCache}'s queue). */
    int stamp;
    /**
     * The hashes of its chain from the first block, at least to its end (block {@code i} of the
     * run is {@code hashes[depth + i]}): an array of a sequence on it, shared, never written.
     * Null for an anonymous run.
     */
    long[] hashes;

    boolean anonymous() {
        return hashes == null;
    }

    long hash(int block) {
        return hashes[depth + block];
    }

    /** The chain index just after its last block. */
    int end() {
        return depth + length;
    }
}
