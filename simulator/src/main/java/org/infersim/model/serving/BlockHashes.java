package org.infersim.model.serving;

/**
 * The identities of a sequence's full KV blocks, as vLLM's prefix cache computes them: each
 * block's hash covers its own tokens and its parent's hash, so two blocks are equal only when
 * everything before them is too. Tokens are known only by the segment they belong to and their
 * place in it ({@link PromptContent}), which is all equality needs. The chain stops at the first
 * private token: nothing from there on can be shared.
 */
final class BlockHashes {
    private BlockHashes() {}

    /**
     * Fills {@code request.blockHashes} for the full blocks of its prompt and answer that can be
     * shared, and {@code request.hashableBlocks} with their count.
     */
    static void compute(Request request, int blockSize) {
        PromptContent content = request.content;
        if (content == null) {
            request.blockHashes = new long[0];
            request.hashableBlocks = 0;
            return;
        }
        long answer = content.answerId();
        int segments = content.segments();
        long shareableTokens = 0;
        for (int s = 0; s < segments && content.id(s) != PromptContent.PRIVATE; s++) {
            shareableTokens += content.length(s);
        }
        if (shareableTokens == content.tokens() && answer != PromptContent.PRIVATE) {
            shareableTokens += request.outputTokens;
        }
        int blocks = (int) (shareableTokens / blockSize);
        long[] hashes = new long[blocks];
        long parent = 0x2545F4914F6CDD1DL;
        int segment = 0;
        int offset = 0;
        for (int b = 0; b < blocks; b++) {
            long h = parent;
            int need = blockSize;
            while (need > 0) {
                long id;
                int left;
                if (segment < segments) {
                    id = content.id(segment);
                    left = content.length(segment) - offset;
                } else {
                    id = answer;
                    left = Integer.MAX_VALUE;
                }
                int take = Math.min(left, need);
                h = PromptContent.mix(h ^ id);
                h = PromptContent.mix(h ^ (((long) offset << 32) | take));
                need -= take;
                offset += take;
                if (segment < segments && offset == content.length(segment)) {
                    segment++;
                    offset = 0;
                }
            }
            // 0 marks an empty slot in the index and an anonymous run in the cache.
            hashes[b] = h == 0 ? 1 : h;
            parent = hashes[b];
        }
        request.blockHashes = hashes;
        request.hashableBlocks = blocks;
    }
}
