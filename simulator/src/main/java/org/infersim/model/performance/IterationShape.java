package org.infersim.model.performance;

/**
 * What one engine iteration computes, as sums a replica accumulates while it builds the batch
 * (no per-sequence objects, so a step costs nothing to describe). Reused between iterations.
 */
public final class IterationShape {
    /** Prompt (or recomputed) tokens processed this iteration, over all chunks. */
    public long prefillTokens;
    /** Σ over prefill chunks of chunk · (tokens already in the KV cache + chunk / 2): attention pairs. */
    public double prefillAttentionPairs;
    /** Σ over prefill chunks of tokens already in the KV cache (read back by chunked prefill). */
    public long prefillPastTokens;
    /** Sequences prefilling (a prompt, its next chunk, or a recomputation) this iteration. */
    public long prefillSequences;
    /** Sequences generating one token each. */
    public long decodeTokens;
    /** Σ over decoding sequences of their context length (tokens in the KV cache). */
    public long decodeContextTokens;
    /** KV blocks copied over PCIe this iteration (swap out plus swap in). */
    public long swappedBlocks;
    /** Tokens of the sequences admitted this iteration found in the prefix cache: not prefilled. */
    public long cachedTokens;
    /** Cached blocks whose memory was taken this iteration for other sequences. */
    public long evictedBlocks;

    /** Filled in by {@link StepTimeModel}: floating-point operations of the whole iteration. */
    public double flops;
    /** Filled in by {@link StepTimeModel}: bytes moved to and from GPU memory. */
    public double bytes;
    /**
     * Filled in by {@link StepTimeModel}: the part of the iteration spent on the host (scheduling,
     * sampling, output), when the GPU runs nothing of this replica; part of the duration returned.
     */
    public long hostNs;

    public void clear() {
        prefillTokens = 0;
        prefillAttentionPairs = 0;
        prefillSequences = 0;
        prefillPastTokens = 0;
        decodeTokens = 0;
        decodeContextTokens = 0;
        swappedBlocks = 0;
        cachedTokens = 0;
        evictedBlocks = 0;
        flops = 0;
        bytes = 0;
        hostNs = 0;
    }

    public long tokens() {
        return prefillTokens + decodeTokens;
    }

    public boolean isEmpty() {
        return prefillTokens == 0 && decodeTokens == 0 && swappedBlocks == 0;
    }
}
