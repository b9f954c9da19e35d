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
        int segments = content.segments();
        long shareable = 0;
        for (int s = 0; s < segments && content.id(s) != PromptContent.PRIVATE; s++) {
            shareable += content.length(s);
        }
        int answerTokens = shareable == content.tokens() && content.answerId() != PromptContent.PRIVATE
                ? request.outputTokens : 0;
        if (content.hashes == null || content.hashedAnswerTokens != answerTokens || content.hashedBlockSize != blockSize) {
            content.hashes = chain(content, answerTokens, (int) ((shareable + answerTokens) / blockSize), blockSize);
            content.hashedAnswerTokens = answerTokens;
            content.hashedBlockSize = blockSize;
            content.continues = null;
        }
        request.blockHashes = content.hashes;
        request.hashableBlocks = content.hashes.length;
    }

    /**
     * The hashes of the first {@code blocks} blocks of {@code content} followed by
     * {@code answerTokens} of its answer. Those a prompt it continues already has (the blocks
     * both start with: a conversation's previous turn and its answer) are taken from it.
     */
    private static long[] chain(PromptContent content, int answerTokens, int blocks, int blockSize) {
        long[] hashes = new long[blocks];
        int from = 0;
        PromptContent previous = content.continues;
        if (previous != null && previous.hashes != null && previous.hashedBlockSize == blockSize) {
            from = (int) Math.min(Math.min(blocks, previous.hashes.length),
                    commonTokens(previous, previous.hashedAnswerTokens, content) / blockSize);
            System.arraycopy(previous.hashes, 0, hashes, 0, from);
        }
        long parent = from == 0 ? 0x2545F4914F6CDD1DL : hashes[from - 1];
        // Find the segment and offset of the first token to hash.
        int segments = content.segments();
        int segment = 0;
        long skip = (long) from * blockSize;
        while (segment < segments && skip >= content.length(segment)) {
            skip -= content.length(segment);
            segment++;
        }
        int offset = (int) skip;
        long answer = content.answerId();
        for (int b = from; b < blocks; b++) {
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
            // 0 marks an empty slot in the index.
            hashes[b] = h == 0 ? 1 : h;
            parent = hashes[b];
        }
        return hashes;
    }

    /**
     * Tokens {@code next} starts with that are the same as {@code previous} followed by
     * {@code previousAnswer} tokens of its answer: equal segments, then the shorter of two that
     * begin alike.
     */
    static long commonTokens(PromptContent previous, int previousAnswer, PromptContent next) {
        long common = 0;
        for (int i = 0; i < next.segments(); i++) {
            long id;
            int length;
            if (i < previous.segments()) {
                id = previous.id(i);
                length = previous.length(i);
            } else if (i == previous.segments() && previousAnswer > 0) {
                id = previous.answerId();
                length = previousAnswer;
            } else {
                break;
            }
            if (id == PromptContent.PRIVATE || id != next.id(i)) {
                break;
            }
            common += Math.min(length, next.length(i));
            if (length != next.length(i)) {
                break;
            }
        }
        return common;
    }
}
