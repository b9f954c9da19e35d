package org.infersim.model.serving.routing;

import org.infersim.model.serving.PromptContent;

/**
 * Where a router sent prompts' prefixes lately: for each prefix of a routed prompt that ends at a
 * segment boundary (its first segment, its first two, ...), the replica it went to last. What a
 * replica was sent but has not yet computed is not in its cache; this memory covers that gap,
 * as SGLang's approximate radix tree and llm-d's approximate prefix index do.
 *
 * <p>A prefix is known by a 64-bit key chained over the identities and lengths of its segments,
 * so equal keys are equal prefixes (but for a 2⁻⁶⁴ chance). It holds at most {@code capacity}
 * prefixes and forgets the least recently routed first. An open-addressing table with an
 * intrusive recency list, made once: looking up and recording allocate nothing.
 */
final class RoutedPrefixes {
    private static final int NONE = -1;

    private final int capacity;
    private final long[] keys;
    private final int[] replicas;
    /** Recency list over entries: {@link #oldest} is forgotten first. */
    private final int[] older;
    private final int[] newer;
    /** Open addressing, linear probing: entry + 1, 0 for an empty slot. */
    private final int[] slots;
    private final int mask;
    private int size;
    private int oldest = NONE;
    private int newest = NONE;
    private int foundReplica = NONE;
    private int foundTokens;

    RoutedPrefixes(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a memory of " + capacity + " prefixes");
        }
        this.capacity = capacity;
        keys = new long[capacity];
        replicas = new int[capacity];
        older = new int[capacity];
        newer = new int[capacity];
        int tableSize = Integer.highestOneBit(capacity) << 2; // at most half full
        slots = new int[tableSize];
        mask = tableSize - 1;
    }

    /**
     * Finds the longest prefix of {@code content} that was routed: then {@link #foundReplica()}
     * is where it went and {@link #foundTokens()} its length; {@code NONE} and 0 when none was.
     */
    void lookUp(PromptContent content) {
        foundReplica = NONE;
        foundTokens = 0;
        long key = 0;
        int tokens = 0;
        for (int s = 0, n = content.segments(); s < n && content.id(s) != PromptContent.PRIVATE; s++) {
            key = chain(key, content.id(s), content.length(s));
            tokens += content.length(s);
            int e = entry(key);
            // On past a miss: a record's shorter prefixes are older than its longer ones, so are forgotten first.
            if (e != NONE) {
                foundReplica = replicas[e];
                foundTokens = tokens;
            }
        }
    }

    /** The replica index the last {@link #lookUp} found, or -1. */
    int foundReplica() {
        return foundReplica;
    }

    /** The prompt tokens of the prefix the last {@link #lookUp} found, 0 when none. */
    int foundTokens() {
        return foundTokens;
    }

    /** {@code content} went to replica {@code replica}: each of its shareable prefixes is remembered there. */
    void record(PromptContent content, int replica) {
        long key = 0;
        for (int s = 0, n = content.segments(); s < n && content.id(s) != PromptContent.PRIVATE; s++) {
            key = chain(key, content.id(s), content.length(s));
            put(key, replica);
        }
    }

    /** Prefixes remembered now. */
    int size() {
        return size;
    }

    private void put(long key, int replica) {
        int e = entry(key);
        if (e == NONE) {
            if (size == capacity) {
                e = oldest;
                removeKey(keys[e]);
                unlink(e);
            } else {
                e = size++;
            }
            keys[e] = key;
            insertKey(key, e);
        } else {
            unlink(e);
        }
        replicas[e] = replica;
        // The newest end of the recency list.
        older[e] = newest;
        newer[e] = NONE;
        if (newest != NONE) {
            newer[newest] = e;
        }
        newest = e;
        if (oldest == NONE) {
            oldest = e;
        }
    }

    private void unlink(int e) {
        if (older[e] != NONE) {
            newer[older[e]] = newer[e];
        } else {
            oldest = newer[e];
        }
        if (newer[e] != NONE) {
            older[newer[e]] = older[e];
        } else {
            newest = older[e];
        }
    }

    private int entry(long key) {
        for (int i = home(key); slots[i] != 0; i = (i + 1) & mask) {
            if (keys[slots[i] - 1] == key) {
                return slots[i] - 1;
            }
        }
        return NONE;
    }

    private void insertKey(long key, int e) {
        int i = home(key);
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = e + 1;
    }

    /** Empties the key's slot and shifts back the entries after it that probed past it (no tombstones). */
    private void removeKey(long key) {
        int i = home(key);
        while (keys[slots[i] - 1] != key) {
            i = (i + 1) & mask;
        }
        int hole = i;
        for (int j = (hole + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
            int h = home(keys[slots[j] - 1]);
            // The entry at j may fill the hole unless its home lies cyclically in (hole, j].
            boolean homeAfterHole = hole <= j ? hole < h && h <= j : hole < h || h <= j;
            if (!homeAfterHole) {
                slots[hole] = slots[j];
                hole = j;
            }
        }
        slots[hole] = 0;
    }

    private int home(long key) {
        return (int) (key ^ (key >>> 32)) & mask;
    }

    /** The key of a prefix one segment longer than the one {@code key} names. */
    private static long chain(long key, long id, int length) {
        return mix(mix(key ^ id) + length);
    }

    /** SplitMix64's finaliser: every bit of the input moves every bit of the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
