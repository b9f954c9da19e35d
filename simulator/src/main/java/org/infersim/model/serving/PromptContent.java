package org.infersim.model.serving;

import java.util.Arrays;

/**
 * What a request's tokens are, as far as a prefix cache can tell: a sequence of segments, each
 * with an identity and a length, and no token ids or text. Two prompts that start with the same
 * segments start with the same tokens (a system prompt, a retrieved document, a conversation so
 * far). Identity {@link #PRIVATE} marks tokens no other request has (a user's own question);
 * nothing after them can be shared either, since a KV block's identity chains over everything
 * before it. The answer's tokens have an identity of their own, so that the next turn of a
 * conversation, whose prompt repeats them, finds them cached; {@code PRIVATE} when nothing will.
 */
public final class PromptContent {
    /** Tokens no other request has. */
    public static final long PRIVATE = 0;

    private final long[] ids;
    private final int[] lengths;
    private final int tokens;
    private final long answerId;
    /**
     * The prompt this one starts with (a conversation's previous turn), whose block hashes the
     * prefix cache takes over rather than hashing the whole conversation again; dropped once used.
     */
    PromptContent continues;
    /** Its block hashes once a prefix cache computed them (see {@code BlockHashes}); null before. */
    long[] hashes;
    /** The tokens of its answer that {@link #hashes} cover after the prompt, and the block size they were cut in. */
    int hashedAnswerTokens = -1;
    int hashedBlockSize;

    private PromptContent(long[] ids, int[] lengths, int tokens, long answerId, PromptContent continues) {
        this.ids = ids;
        this.lengths = lengths;
        this.tokens = tokens;
        this.answerId = answerId;
        this.continues = continues;
    }

    /**
     * A 64-bit identity for a segment from the parts that name it (a workload, a kind, an index);
     * never {@link #PRIVATE}. Distinct parts give distinct identities but for a 2⁻⁶⁴ chance.
     */
    public static long identity(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            h = mix(h ^ mix(p + 0x632BE59BD9B4E019L));
        }
        return h == PRIVATE ? 1 : h;
    }

    /** A strong 64-bit finaliser (the one of SplitMix64 / MurmurHash3). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Prompt tokens in all. */
    public int tokens() {
        return tokens;
    }

    public int segments() {
        return ids.length;
    }

    public long id(int segment) {
        return ids[segment];
    }

    public int length(int segment) {
        return lengths[segment];
    }

    /** The identity of the answer's tokens, {@link #PRIVATE} when no later prompt repeats them. */
    public long answerId() {
        return answerId;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < ids.length; i++) {
            s.append(i == 0 ? "" : ", ").append(ids[i] == PRIVATE ? "private" : Long.toHexString(ids[i]))
                    .append(':').append(lengths[i]);
        }
        return s.append("] answer ").append(answerId == PRIVATE ? "private" : Long.toHexString(answerId)).toString();
    }

    /** Builds a prompt segment by segment; zero-length segments are left out. */
    public static final class Builder {
        private long[] ids = new long[4];
        private int[] lengths = new int[4];
        private int n;
        private long tokens;
        private long answerId = PRIVATE;
        private PromptContent continues;

        public Builder add(long id, int length) {
            if (length < 0) {
                throw new IllegalArgumentException("negative segment length " + length);
            }
            if (length == 0) {
                return this;
            }
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
                lengths = Arrays.copyOf(lengths, n * 2);
            }
            ids[n] = id;
            lengths[n] = length;
            n++;
            tokens += length;
            return this;
        }

        /** Every segment of {@code prefix}, in order (a conversation's earlier turns). */
        public Builder addAll(PromptContent prefix) {
            if (n == 0) {
                continues = prefix;
            }
            for (int i = 0; i < prefix.ids.length; i++) {
                add(prefix.ids[i], prefix.lengths[i]);
            }
            return this;
        }

        public Builder answer(long id) {
            this.answerId = id;
            return this;
        }

        public int tokens() {
            return (int) Math.min(tokens, Integer.MAX_VALUE);
        }

        public PromptContent build() {
            if (tokens < 1 || tokens > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("a prompt has 1 to 2^31-1 tokens, not " + tokens);
            }
            return new PromptContent(Arrays.copyOf(ids, n), Arrays.copyOf(lengths, n), (int) tokens, answerId, continues);
        }
    }
}
