package org.infersim.catalog;

/**
 * The parameters a decoder-only transformer's shapes imply, for a model that publishes none with its
 * config.json: the embedding matrix, per layer the attention projections (with their biases where the
 * family has them), the RMS norms, the router and every expert's gated MLP, then the final norm and
 * the output head unless it is tied to the embeddings.
 */
record ParameterCount(int layers, int hidden, int heads, int kvHeads, int headDim, int intermediate, int vocab,
        int experts, boolean tied, HuggingFaceConfig.AttentionBias bias) {

    long embeddings() {
        return (long) vocab * hidden * (tied ? 1 : 2);
    }

    long attentionPerLayer() {
        long q = (long) heads * headDim;
        long kv = (long) kvHeads * headDim;
        long weights = hidden * q + 2 * hidden * kv + q * hidden;
        long biases = switch (bias) {
            case NONE -> 0;
            case QKV -> q + 2 * kv;
            case ALL -> q + 2 * kv + hidden;
        };
        return weights + biases;
    }

    /** A gated MLP has three matrices (gate, up, down) of hidden × intermediate, one per expert. */
    long mlpPerLayer() {
        long router = experts > 1 ? (long) hidden * experts : 0;
        return router + (long) experts * 3 * hidden * intermediate;
    }

    long total() {
        long norms = 2L * hidden; // before attention and before the MLP
        return embeddings() + layers * (attentionPerLayer() + mlpPerLayer() + norms) + hidden;
    }

    String explanation() {
        return "embeddings " + embeddings() + (tied ? " (tied)" : " (with lm_head)") + " + " + layers
                + " layers x (attention " + attentionPerLayer() + " + MLP" + (experts > 1 ? " and experts " : " ")
                + mlpPerLayer() + " + norms " + 2L * hidden + ") + final norm " + hidden + " = " + total();
    }
}
