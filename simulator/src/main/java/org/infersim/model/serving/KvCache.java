package org.infersim.model.serving;

import java.util.Arrays;
import java.util.function.LongPredicate;

/**
 * A paged KV cache counted in blocks, with vLLM V1's automatic prefix caching when it is on.
 *
 * <p>Without prefix caching blocks are interchangeable: the cache counts how many each sequence
 * holds and refuses to hand out more than it has.
 *
 * <p>With it, a full block whose tokens another request may repeat is identified by a hash
 * chained over its content ({@link BlockHashes}) and kept in an index. A new sequence starts
 * from the longest run of cached blocks at the start of its prompt, holding them by reference,
 * and computes only the rest. A freed block stays cached, in a queue ordered by when it was
 * freed, until its memory is needed: allocation takes never-used blocks first, then the least
 * recently freed (vLLM's free-block queue, appended to in reverse so that a sequence's last
 * blocks go before its first). Blocks nobody can reuse (a private question, an answer no turn
 * repeats, a partial block) take their turn in that queue too, as anonymous runs (or count as
 * never used while no cached block waits there, when their place makes no difference).
 *
 * <p>Blocks are kept in {@link CachedRun}s, runs of one chain held by the same sequences, so that
 * holding and freeing a conversation of a hundred cached blocks costs a few runs, not a hundred
 * blocks. The index holds the hash of each run's first block: the longest cached start of a
 * prompt is found by walking from the run that starts with its first block, comparing hashes
 * along it, to the run that starts where it ends, and so on. A run starts only where another
 * ends or was cut, so nothing cached is missed. A parent is freed no earlier than its children
 * and evicted after them (whatever holds a block holds its parent), so a cached run's chain is
 * cached all the way back. A sequence's blocks are its shared blocks first, then its own: the
 * shared ones are a prefix of its chain.
 *
 * <p>The free queue is a {@link RunQueue} of runs; eviction takes a run's blocks from its end.
 */
public final class KvCache {
    private static final int NONE = CachedRun.NONE;

    private final long totalBlocks;
    private final int blockSize;
    private final boolean prefixCaching;
    /** Blocks held by sequences, each shared block once. */
    private long heldBlocks;
    private long peakHeldBlocks;

    // Prefix caching: the blocks never used since the start, and runs for the others.
    private long neverUsed;
    private final BlockIndex index;
    private CachedRun[] runs = new CachedRun[0];
    private int runCount;
    private int[] spareRuns = new int[16];
    private int spares;
    private final RunQueue queue = new RunQueue();
    private final LongPredicate current = this::current;
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
     * one's logits are needed). Changes nothing; {@link #canAdmit} and {@link #admit} take it from
     * there, and are only right while nothing else happens to the cache in between.
     */
    int findCachedPrefix(Request r) {
        return cachedStart(r, r.promptTokens + r.generated);
    }

    /** Cached blocks at the start of {@code r}, leaving at least the last of its first {@code tokens} tokens to compute. */
    private int cachedStart(Request r, int tokens) {
        if (!prefixCaching || r.content == null) {
            return 0;
        }
        if (r.blockHashes == null) {
            BlockHashes.compute(r, blockSize);
        }
        return cachedBlocks(r, Math.min(r.hashableBlocks, (tokens - 1) / blockSize));
    }

    /**
     * How many of the first {@code limit} blocks of {@code r} are cached, run by run from the
     * first; leaves the run of the last one found in {@code r.hitRun}.
     */
    private int cachedBlocks(Request r, int limit) {
        long[] hashes = r.blockHashes;
        int hits = 0;
        r.hitRun = NONE;
        int id = limit == 0 ? NONE : index.get(hashes[0]);
        while (id != NONE) {
            CachedRun run = runs[id];
            int n = Math.min(run.length, limit - hits);
            int k = 0;
            while (k < n && run.hashes[run.depth + k] == hashes[hits + k]) {
                k++;
            }
            if (k == 0) {
                break;
            }
            hits += k;
            r.hitRun = id;
            if (k < run.length || hits == limit) {
                break;
            }
            id = index.get(hashes[hits]);
        }
        return hits;
    }

    /**
     * Whether {@code r} can start from its first {@code hits} cached blocks with {@code newBlocks}
     * fresh ones: the fresh ones and the cached ones no sequence holds must fit in the free blocks.
     */
    boolean canAdmit(Request r, int hits, long newBlocks) {
        long free = freeBlocks();
        if (newBlocks + hits <= free || newBlocks > free) {
            return newBlocks + hits <= free;
        }
        long fromQueue = 0;
        int id = r.hitRun;
        long upTo = hits - runs[id].depth;
        for (; id != NONE; id = runs[id].parent) {
            CachedRun run = runs[id];
            if (run.holders == 0) {
                fromQueue += Math.min(run.length, upTo);
            }
            upTo = Long.MAX_VALUE;
        }
        return newBlocks + fromQueue <= free;
    }

    /**
     * Starts {@code r} from its first {@code hits} cached blocks (as {@link #findCachedPrefix} just
     * found) and gives it {@code newBlocks} fresh ones; the caller checked {@link #canAdmit}.
     */
    void admit(Request r, int hits, long newBlocks) {
        r.tailRun = NONE;
        if (hits > 0) {
            int id = r.hitRun;
            if (runs[id].end() > hits) {
                id = splitBefore(id, hits);
            }
            r.tailRun = id;
            holdChain(id);
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

    /** One more holder for the run {@code id} and every run before it. */
    private void holdChain(int id) {
        for (; id != NONE; id = runs[id].parent) {
            CachedRun run = runs[id];
            if (run.holders++ == 0) {
                // Its record in the queue stays there, no longer current.
                queue.staled();
                cachedFree -= run.length;
                heldBlocks += run.length;
            }
        }
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
     * the cache, extending its last run when nobody else is on it; when an equal block is already
     * cached (another sequence computed the same tokens meanwhile), that one is held instead and
     * this one freed.
     */
    void computed(Request r) {
        // Called for every sequence every iteration: most of the time no block has filled up.
        if (r.sharedBlocks >= r.hashableBlocks || r.computed < (r.sharedBlocks + 1) * blockSize) {
            return;
        }
        int full = Math.min(r.hashableBlocks, r.computed / blockSize);
        while (r.sharedBlocks < full) {
            int b = r.sharedBlocks;
            long h = r.blockHashes[b];
            // Extending a run only this sequence is on: nobody else can have cached what follows it.
            int found = extendable(r, b) ? NONE : index.get(h);
            if (found == NONE) {
                register(r, b, h);
            } else if (!adopt(r, found, full)) {
                // Not where its chain says: a hash collision. Share nothing more of this sequence.
                r.hashableBlocks = b;
                return;
            }
        }
    }

    /**
     * Whether block {@code b} of {@code r} would extend its last run: one only {@code r} holds,
     * with nothing after it. Another sequence with this block would hold that run too.
     */
    private boolean extendable(Request r, int b) {
        if (r.tailRun == NONE) {
            return false;
        }
        CachedRun tail = runs[r.tailRun];
        return tail.holders == 1 && tail.children == 0 && tail.end() == b;
    }

    /** Makes block {@code b} of {@code r}, one of its own until now, a cached block at the end of its chain. */
    private void register(Request r, int b, long h) {
        if (extendable(r, b)) {
            CachedRun tail = runs[r.tailRun];
            tail.length++;
            // This sequence's hashes reach the new block; the run's old array may not.
            tail.hashes = r.blockHashes;
        } else {
            int id = newRun(r.blockHashes, b, 1, r.tailRun);
            runs[id].holders = 1;
            index.put(h, id);
            r.tailRun = id;
        }
        r.sharedBlocks++;
    }

    /**
     * Holds the cached run {@code found} that starts with block {@code sharedBlocks} of {@code r}
     * (as far as {@code r} has computed), freeing {@code r}'s own copies of those blocks.
     */
    private boolean adopt(Request r, int found, int full) {
        CachedRun run = runs[found];
        if (run.depth != r.sharedBlocks || run.parent != r.tailRun || run.anonymous()) {
            return false;
        }
        int k = Math.min(run.length, full - r.sharedBlocks);
        int id = run.length > k ? splitBefore(found, run.depth + k) : found;
        CachedRun head = runs[id];
        if (head.holders++ == 0) {
            queue.staled();
            cachedFree -= head.length;
        } else {
            heldBlocks -= head.length;
        }
        neverUsed += head.length;
        r.tailRun = id;
        r.sharedBlocks += head.length;
        return true;
    }

    /**
     * Cuts run {@code id} before chain index {@code at}: a new run takes its blocks before it (and
     * its place after its parent), the old one keeps the rest, its children and its record in the
     * queue. Returns the new run. Its holders are the old one's, as they held all of it.
     */
    private int splitBefore(int id, int at) {
        CachedRun old = runs[id];
        int headLength = at - old.depth;
        int headId = newRun(old.hashes, old.depth, headLength, old.parent);
        CachedRun head = runs[headId];
        head.holders = old.holders;
        head.children = 1;
        if (head.parent != NONE) {
            runs[head.parent].children--; // the old run was its child; the new one is now
        }
        index.replace(head.hash(0), headId);
        old.parent = headId;
        old.depth = at;
        old.length -= headLength;
        index.put(old.hash(0), id);
        if (old.holders == 0) {
            // Both halves wait in the queue; the head, being the parent, goes no earlier than the rest.
            push(headId);
        }
        return headId;
    }

    /** Frees every block of {@code r}: its shared ones stay cached until their memory is needed. */
    void release(Request r) {
        int privateBlocks = r.blocks - r.sharedBlocks;
        heldBlocks -= privateBlocks;
        if (prefixCaching) {
            freePrivate(privateBlocks);
            for (int id = r.tailRun; id != NONE; id = runs[id].parent) {
                CachedRun run = runs[id];
                if (--run.holders == 0) {
                    push(id);
                    cachedFree += run.length;
                    heldBlocks -= run.length;
                }
            }
        }
        r.blocks = 0;
        r.sharedBlocks = 0;
        r.tailRun = NONE;
    }

    /**
     * Prompt tokens of {@code request} this cache could serve now: the longest run of cached full
     * blocks from the start of its prompt. A router's look: changes nothing, not even recency.
     */
    public int cachedPrefixTokens(Request request) {
        return cachedStart(request, request.promptTokens) * blockSize;
    }

    // ------------------------------------------------------------------ the free queue

    /**
     * Freed blocks nobody can reuse. Their place in the queue matters only before cached blocks:
     * while no cached block waits there, they are as good as never used (all of them go before
     * any block cached later), so most workloads without shared prompts never touch the queue.
     * Otherwise they join the anonymous run at the tail, or start one.
     */
    private void freePrivate(int blocks) {
        if (blocks == 0) {
            return;
        }
        if (cachedFree == 0) {
            neverUsed += blocks;
            return;
        }
        if (!queue.isEmpty()) {
            long last = queue.last();
            CachedRun run = runs[RunQueue.run(last)];
            if (run.anonymous() && current(last)) {
                run.length += blocks;
                return;
            }
        }
        push(newRun(null, 0, blocks, NONE));
    }

    /** Takes {@code blocks} from the never-used ones, then from the head of the free queue. */
    private void take(long blocks) {
        long fromNew = Math.min(blocks, neverUsed);
        neverUsed -= fromNew;
        long left = blocks - fromNew;
        while (left > 0) {
            long record = queue.first();
            if (!current(record)) {
                queue.skipFirst();
                continue;
            }
            int id = RunQueue.run(record);
            CachedRun run = runs[id];
            if (run.anonymous()) {
                int n = (int) Math.min(left, run.length);
                run.length -= n;
                left -= n;
            } else {
                // A run's last blocks go first: they were freed first, and nothing after them is cached.
                int n = (int) Math.min(left, run.length);
                run.length -= n;
                cachedFree -= n;
                evictedBlocks += n;
                left -= n;
                if (run.length == 0) {
                    index.remove(run.hash(0));
                }
            }
            if (run.length == 0) {
                queue.removeFirst();
                if (run.parent != NONE) {
                    runs[run.parent].children--;
                }
                recycle(id);
            }
        }
    }

    /** Whether a record of the queue is its run's current one: a run still free and not empty. */
    private boolean current(long record) {
        CachedRun run = runs[RunQueue.run(record)];
        return run.stamp == RunQueue.stamp(record) && run.holders == 0 && run.length > 0;
    }

    private int newRun(long[] hashes, int depth, int length, int parent) {
        int id;
        if (spares > 0) {
            id = spareRuns[--spares];
        } else {
            if (runCount == runs.length) {
                runs = Arrays.copyOf(runs, Math.max(64, runCount * 2));
            }
            id = runCount++;
            runs[id] = new CachedRun();
        }
        // The stamp goes on from the run's last life, so that none of its old records is current again.
        CachedRun run = runs[id];
        run.hashes = hashes;
        run.depth = depth;
        run.length = length;
        run.parent = parent;
        run.holders = 0;
        run.children = 0;
        if (parent != NONE) {
            runs[parent].children++;
        }
        return id;
    }

    private void recycle(int id) {
        runs[id].hashes = null;
        if (spares == spareRuns.length) {
            spareRuns = Arrays.copyOf(spareRuns, spares * 2);
        }
        spareRuns[spares++] = id;
    }

    /** Appends a current record of run {@code id} to the queue. */
    private void push(int id) {
        queue.add(RunQueue.record(id, ++runs[id].stamp), current);
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

    /**
     * Checks the books (held + queued + never used = total), that every cached block is indexed
     * to its run, and that the cached blocks are closed under parents: a queued run's parent is
     * held, or queued after it. For tests; walks the whole queue and every run.
     */
    boolean consistent() {
        if (!prefixCaching) {
            return heldBlocks >= 0 && heldBlocks <= totalBlocks;
        }
        long queued = 0;
        long hashed = 0;
        long live = 0;
        int[] position = new int[runCount];
        Arrays.fill(position, -1);
        for (int i = 0; i < queue.size(); i++) {
            long record = queue.get(i);
            if (current(record)) {
                position[RunQueue.run(record)] = i;
            }
        }
        for (int i = 0; i < queue.size(); i++) {
            long record = queue.get(i);
            if (!current(record)) {
                continue;
            }
            live++;
            int id = RunQueue.run(record);
            CachedRun run = runs[id];
            queued += run.length;
            if (!run.anonymous()) {
                hashed += run.length;
                boolean parentLater = run.parent == NONE || runs[run.parent].holders > 0
                        || position[run.parent] > position[id];
                if (!parentLater) {
                    return false;
                }
            }
        }
        long indexed = 0;
        for (int id = 0; id < runCount; id++) {
            CachedRun run = runs[id];
            if (run.hashes == null) {
                continue;
            }
            boolean chained = run.parent == NONE ? run.depth == 0 : runs[run.parent].end() == run.depth;
            if (index.get(run.hash(0)) != id || !chained) {
                return false;
            }
            indexed++;
        }
        return heldBlocks >= 0 && heldBlocks + neverUsed + queued == totalBlocks && hashed == cachedFree
                && live == queue.live() && indexed == index.size();
    }
}
