package org.infersim.model.serving;

import java.util.Arrays;

/**
 * A paged KV cache counted in blocks, with vLLM V1's automatic prefix caching when it is on.
 *
 * <p>Without prefix caching blocks are interchangeable: the cache counts how many each sequence
 * holds and refuses to hand out more than it has.
 *
 * <p>With it, a full block whose tokens another request may repeat is identified by a hash
 * chained over its content ({@link BlockHashes}) and kept in an index. A new sequence starts
 * from the longest run of cached blocks at the start of its prompt, holding them with a reference
 * count, and computes only the rest. A freed block stays cached, in a queue ordered by when it
 * was freed, until its memory is needed: allocation takes never-used blocks first, then the
 * least recently freed (vLLM's free-block queue, which is appended to in reverse so that a
 * sequence's last blocks go before its first). Blocks nobody can reuse (a private question, an
 * answer no turn repeats, a partial block) wait in that queue as anonymous runs, one entry per
 * sequence: they take their turn in the order of eviction without costing an entry each.
 *
 * <p>A sequence's blocks are its shared blocks first (held by reference) and then its private
 * ones (counted): the shared ones are a prefix, since hashes chain from the start.
 */
public final class KvCache {
    private static final int NONE = -1;

    private final long totalBlocks;
    private final int blockSize;
    private final boolean prefixCaching;
    /** Blocks held by sequences, each shared block once. */
    private long heldBlocks;
    private long peakHeldBlocks;

    // Prefix caching: the blocks never used since the start, and entries for the others.
    private long neverUsed;
    private final BlockIndex index;
    /** Per entry: the block's hash, or 0 for an anonymous run of freed blocks. */
    private long[] hash = new long[0];
    /** Per entry: sequences holding the block (a hashed entry), or blocks in the run (an anonymous one). */
    private int[] count = new int[0];
    /** Per entry in the free queue: its neighbours; NONE at the ends, and for entries not queued. */
    private int[] prev = new int[0];
    private int[] next = new int[0];
    private int entries;
    private int[] spareEntries = new int[16];
    private int spares;
    private int head = NONE;
    private int tail = NONE;
    /** Hashed blocks in the free queue: cached, held by no sequence. */
    private long cachedFree;

    private long promptTokensLookedUp;
    private long promptTokensHit;
    private long tokensReused;
    private long evictedBlocks;

    /** A cache without prefix caching. */
    public KvCache(long totalBlocks, int blockSize) {
        this(totalBlocks, blockSize, false);
    }

    public KvCache(long totalBlocks, int blockSize, boolean prefixCaching) {
        if (totalBlocks < 0) {
            throw new IllegalArgumentException("negative KV capacity: " + totalBlocks);
        }
        this.totalBlocks = totalBlocks;
        this.blockSize = blockSize;
        this.prefixCaching = prefixCaching;
        this.neverUsed = totalBlocks;
        this.index = prefixCaching ? new BlockIndex() : null;
    }

    /** Blocks a sequence needs to hold {@code tokens} tokens. */
    public long blocksFor(long tokens) {
        return (tokens + blockSize - 1) / blockSize;
    }

    public boolean canAllocate(long blocks) {
        return heldBlocks + blocks <= totalBlocks;
    }

    // ------------------------------------------------------------------ a sequence's blocks

    /**
     * Looks up the cached start of a sequence about to be admitted (holding no blocks): the number
     * of its leading blocks found in the cache, leaving at least one token to compute (the last
     * one's logits are needed). Remembers them on the request for {@link #admit}; changes nothing.
     */
    int findCachedPrefix(Request r) {
        if (!prefixCaching || r.content == null) {
            return 0;
        }
        if (r.blockHashes == null) {
            BlockHashes.compute(r, blockSize);
        }
        int limit = Math.min(r.hashableBlocks, (r.promptTokens + r.generated - 1) / blockSize);
        if (r.sharedEntries == null || r.sharedEntries.length < r.hashableBlocks) {
            r.sharedEntries = new int[r.hashableBlocks];
        }
        int hits = 0;
        while (hits < limit) {
            int e = index.get(r.blockHashes[hits]);
            if (e == NONE) {
                break;
            }
            r.sharedEntries[hits++] = e;
        }
        return hits;
    }

    /** Free blocks admitting {@code r} with {@code hits} cached blocks and {@code newBlocks} more would take. */
    long blocksToAdmit(Request r, int hits, long newBlocks) {
        long reclaimed = 0;
        for (int i = 0; i < hits; i++) {
            if (count[r.sharedEntries[i]] == 0) {
                reclaimed++;
            }
        }
        return newBlocks + reclaimed;
    }

    /**
     * Starts {@code r} from its first {@code hits} cached blocks (found by {@link #findCachedPrefix})
     * and gives it {@code newBlocks} fresh ones; the caller checked {@link #blocksToAdmit}.
     */
    void admit(Request r, int hits, long newBlocks) {
        for (int i = 0; i < hits; i++) {
            int e = r.sharedEntries[i];
            if (count[e]++ == 0) {
                unlink(e);
                cachedFree--;
                heldBlocks++;
            }
        }
        r.sharedBlocks = hits;
        r.blocks = hits;
        int tokens = hits * blockSize;
        r.computed = tokens;
        if (r.cachedPromptTokens < 0) {
            r.cachedPromptTokens = Math.min(tokens, r.promptTokens);
            promptTokensLookedUp += r.promptTokens;
            promptTokensHit += r.cachedPromptTokens;
        }
        tokensReused += tokens;
        allocate(r, newBlocks);
    }

    /** Gives {@code r} {@code blocks} more private blocks, evicting cached ones if it must. */
    void allocate(Request r, long blocks) {
        if (!canAllocate(blocks)) {
            throw new IllegalStateException("KV over-allocation: " + heldBlocks + " + " + blocks + " > " + totalBlocks);
        }
        heldBlocks += blocks;
        peakHeldBlocks = Math.max(peakHeldBlocks, heldBlocks);
        r.blocks += (int) blocks;
        if (prefixCaching) {
            take(blocks);
        }
    }

    /**
     * After {@code r}'s computed tokens grew: its blocks that became full and can be shared join
     * the index (or, when an equal block is already cached, that one is used and this one freed).
     */
    void computed(Request r) {
        if (r.hashableBlocks == 0) {
            return;
        }
        int full = Math.min(r.hashableBlocks, r.computed / blockSize);
        while (r.sharedBlocks < full) {
            int b = r.sharedBlocks;
            long h = r.blockHashes[b];
            int e = index.get(h);
            if (e == NONE) {
                e = newEntry(h, 1);
                index.put(h, e);
            } else {
                // The same tokens were cached meanwhile (another sequence, or this one's swapped copy).
                if (count[e]++ == 0) {
                    unlink(e);
                    cachedFree--;
                } else {
                    heldBlocks--;
                }
                neverUsed++;
            }
            r.sharedEntries[b] = e;
            r.sharedBlocks++;
        }
    }

    /** Frees every block of {@code r}: its shared ones stay cached until their memory is needed. */
    void release(Request r) {
        int privateBlocks = r.blocks - r.sharedBlocks;
        heldBlocks -= privateBlocks;
        if (prefixCaching) {
            if (privateBlocks > 0) {
                append(newEntry(0, privateBlocks));
            }
            for (int i = r.sharedBlocks - 1; i >= 0; i--) {
                int e = r.sharedEntries[i];
                if (--count[e] == 0) {
                    append(e);
                    cachedFree++;
                    heldBlocks--;
                }
            }
        }
        r.blocks = 0;
        r.sharedBlocks = 0;
    }

    /**
     * Prompt tokens of {@code request} this cache could serve now: the longest run of cached full
     * blocks from the start of its prompt. A router's look: changes nothing, not even recency.
     */
    public int cachedPrefixTokens(Request request) {
        if (!prefixCaching || request.content == null) {
            return 0;
        }
        if (request.blockHashes == null) {
            BlockHashes.compute(request, blockSize);
        }
        int limit = Math.min(request.hashableBlocks, (request.promptTokens - 1) / blockSize);
        int hits = 0;
        while (hits < limit && index.get(request.blockHashes[hits]) != NONE) {
            hits++;
        }
        return hits * blockSize;
    }

    // ------------------------------------------------------------------ the free queue

    /** Takes {@code blocks} from the never-used ones, then from the head of the free queue. */
    private void take(long blocks) {
        long fromNew = Math.min(blocks, neverUsed);
        neverUsed -= fromNew;
        long left = blocks - fromNew;
        while (left > 0) {
            int e = head;
            if (hash[e] == 0) {
                long n = Math.min(left, count[e]);
                count[e] -= (int) n;
                left -= n;
                if (count[e] == 0) {
                    unlink(e);
                    recycle(e);
                }
            } else {
                unlink(e);
                index.remove(hash[e]);
                recycle(e);
                cachedFree--;
                evictedBlocks++;
                left--;
            }
        }
    }

    private int newEntry(long h, int n) {
        int e;
        if (spares > 0) {
            e = spareEntries[--spares];
        } else {
            if (entries == hash.length) {
                int size = Math.max(64, entries * 2);
                hash = Arrays.copyOf(hash, size);
                count = Arrays.copyOf(count, size);
                prev = Arrays.copyOf(prev, size);
                next = Arrays.copyOf(next, size);
            }
            e = entries++;
        }
        hash[e] = h;
        count[e] = n;
        prev[e] = NONE;
        next[e] = NONE;
        return e;
    }

    private void recycle(int e) {
        if (spares == spareEntries.length) {
            spareEntries = Arrays.copyOf(spareEntries, spares * 2);
        }
        spareEntries[spares++] = e;
    }

    private void append(int e) {
        prev[e] = tail;
        next[e] = NONE;
        if (tail == NONE) {
            head = e;
        } else {
            next[tail] = e;
        }
        tail = e;
    }

    private void unlink(int e) {
        int p = prev[e];
        int n = next[e];
        if (p == NONE) {
            head = n;
        } else {
            next[p] = n;
        }
        if (n == NONE) {
            tail = p;
        } else {
            prev[n] = p;
        }
        prev[e] = NONE;
        next[e] = NONE;
    }

    // ------------------------------------------------------------------ what it holds

    /** Blocks a sequence can be given now: never used, or freed (cached or not). */
    public long freeBlocks() {
        return totalBlocks - heldBlocks;
    }

    /** Blocks held by running sequences, each shared block once. */
    public long usedBlocks() {
        return heldBlocks;
    }

    /** Blocks that hold a reusable prefix but no sequence: free, and found by the next request that starts with them. */
    public long cachedFreeBlocks() {
        return cachedFree;
    }

    public long totalBlocks() {
        return totalBlocks;
    }

    public long peakUsedBlocks() {
        return peakHeldBlocks;
    }

    public int blockSize() {
        return blockSize;
    }

    public boolean prefixCaching() {
        return prefixCaching;
    }

    public double occupancy() {
        return totalBlocks == 0 ? 0 : (double) heldBlocks / totalBlocks;
    }

    /** Prompt tokens of the requests admitted so far (first admissions only: recomputations are not new prompts). */
    public long promptTokensLookedUp() {
        return promptTokensLookedUp;
    }

    /** Of {@link #promptTokensLookedUp}, those found in the cache. */
    public long promptTokensHit() {
        return promptTokensHit;
    }

    /** Tokens not prefilled because they were cached: first admissions and recomputations after preemption alike. */
    public long tokensReused() {
        return tokensReused;
    }

    /** Cached blocks whose memory was taken for others (anonymous freed blocks are not counted). */
    public long evictedBlocks() {
        return evictedBlocks;
    }

    /** Checks the books: held + queued + never used = total. For tests; walks the whole queue. */
    boolean consistent() {
        long queued = 0;
        long hashed = 0;
        for (int e = head; e != NONE; e = next[e]) {
            if (hash[e] == 0) {
                queued += count[e];
            } else {
                queued++;
                hashed++;
            }
        }
        long free = prefixCaching ? neverUsed + queued : totalBlocks - heldBlocks;
        return heldBlocks >= 0 && heldBlocks + free == totalBlocks && hashed == cachedFree;
    }
}
