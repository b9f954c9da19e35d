package org.infersim.model.serving;

/**
 * A paged KV cache counted in blocks. Blocks are interchangeable (no prefix sharing), so the
 * cache only needs to know how many are free; it refuses to hand out more than it has.
 */
public final class KvCache {
    private final long totalBlocks;
    private final int blockSize;
    private long usedBlocks;
    private long peakUsedBlocks;

    public KvCache(long totalBlocks, int blockSize) {
        if (totalBlocks < 0) {
            throw new IllegalArgumentException("negative KV capacity: " + totalBlocks);
        }
        this.totalBlocks = totalBlocks;
        this.blockSize = blockSize;
    }

    /** Blocks a sequence needs to hold {@code tokens} tokens. */
    public long blocksFor(long tokens) {
        return (tokens + blockSize - 1) / blockSize;
    }

    public boolean canAllocate(long blocks) {
        return usedBlocks + blocks <= totalBlocks;
    }

    public void allocate(long blocks) {
        if (!canAllocate(blocks)) {
            throw new IllegalStateException("KV over-allocation: " + usedBlocks + " + " + blocks + " > " + totalBlocks);
        }
        usedBlocks += blocks;
        if (usedBlocks > peakUsedBlocks) {
            peakUsedBlocks = usedBlocks;
        }
    }

    public void free(long blocks) {
        if (blocks > usedBlocks) {
            throw new IllegalStateException("KV double free: " + blocks + " > " + usedBlocks);
        }
        usedBlocks -= blocks;
    }

    public long freeBlocks() {
        return totalBlocks - usedBlocks;
    }

    public long usedBlocks() {
        return usedBlocks;
    }

    public long totalBlocks() {
        return totalBlocks;
    }

    public long peakUsedBlocks() {
        return peakUsedBlocks;
    }

    public int blockSize() {
        return blockSize;
    }

    /**
     * Prompt tokens of {@code request} this cache could serve now: the longest run of cached full
     * blocks from the start of its prompt. A router's look: changes nothing, not even recency.
     */
    public int cachedPrefixTokens(Request request) {
        return 0; // blocks are not yet identified, so nothing is ever cached
    }

    public double occupancy() {
        return totalBlocks == 0 ? 0 : (double) usedBlocks / totalBlocks;
    }
}
