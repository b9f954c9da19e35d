package org.infersim.model.performance;

import org.infersim.catalog.ModelSpec;
import org.infersim.scenario.Precision;

/**
 * Sizes of one model at one precision, derived from its architecture: parameters, weight bytes,
 * KV-cache bytes per token, and the FLOPs per token of its matrix products.
 */
public final class ModelFootprint {
    private final ModelSpec model;
    private final Precision precision;
    private final double embeddingParams;
    private final double attentionParamsPerLayer;
    private final double expertParamsPerLayer;
    private final double totalParams;
    private final double activeParams;
    private final double kvBytesPerToken;

    public ModelFootprint(ModelSpec model, Precision precision) {
        this.model = model;
        this.precision = precision;
        double h = model.hiddenSize();
        double qDim = (double) model.attentionHeads() * model.headDim();
        double kvDim = (double) model.kvHeads() * model.headDim();
        double vocab = model.vocabSize();
        embeddingParams = vocab * h * (model.tiedEmbeddings() ? 1 : 2);
        attentionParamsPerLayer = h * qDim + 2 * h * kvDim + qDim * h;
        // A gated MLP has three matrices (gate, up, down) of hidden × intermediate.
        expertParamsPerLayer = 3 * h * model.intermediateSize();
        double routerParams = model.isMixtureOfExperts() ? h * model.experts() : 0;
        int layers = model.layers();
        totalParams = embeddingParams
                + layers * (attentionParamsPerLayer + routerParams + expertParamsPerLayer * model.experts());
        activeParams = embeddingParams
                + layers * (attentionParamsPerLayer + routerParams + expertParamsPerLayer * model.activeExperts());
        kvBytesPerToken = 2.0 * layers * kvDim * precision.kvCache().bytesPerValue();
    }

    public ModelSpec model() {
        return model;
    }

    public Precision precision() {
        return precision;
    }

    /** All parameters, every expert included. */
    public double totalParams() {
        return totalParams;
    }

    /** Parameters one token passes through (for a mixture of experts: only the routed experts). */
    public double activeParams() {
        return activeParams;
    }

    /**
     * Parameters whose matrix products scale with tokens. The input embedding is a lookup, not a
     * product, so it is left out; the output head is a product.
     */
    public double matmulParamsPerToken() {
        double lookup = (double) model.vocabSize() * model.hiddenSize();
        return activeParams - lookup + (model.tiedEmbeddings() ? lookup : 0);
    }

    /** Bytes of all weights at the deployment's precision (embeddings stay at 16 bits, as quantizers leave them). */
    public double weightBytes() {
        return weightBytes(model.experts());
    }

    /**
     * Bytes of weights read by one forward pass that touches {@code expertsTouched} distinct experts
     * per layer: attention, embeddings and the touched experts.
     */
    public double weightBytes(double expertsTouched) {
        double wb = precision.weights().bytesPerValue();
        double layerBytes = model.layers() * (attentionParamsPerLayer + expertParamsPerLayer * expertsTouched) * wb;
        return layerBytes + embeddingParams * 2.0;
    }

    /**
     * Expected number of distinct experts a batch of {@code tokens} tokens routes to in one layer,
     * assuming uniform routing: E · (1 − (1 − k/E)^T). For a dense model, 1.
     */
    public double expertsTouched(int tokens) {
        if (!model.isMixtureOfExperts()) {
            return 1;
        }
        double e = model.experts();
        double k = model.activeExperts();
        return e * (1 - Math.pow(1 - k / e, Math.max(tokens, 1)));
    }

    /** KV-cache bytes one token occupies across all layers: 2 · L · n_kv · d · b_kv. */
    public double kvBytesPerToken() {
        return kvBytesPerToken;
    }

    /** FLOPs per unit of attention "context-token pairs": 4 · L · n_h · d (QKᵀ and AV, multiply-add = 2). */
    public double attentionFlopsPerPair() {
        return 4.0 * model.layers() * model.attentionHeads() * model.headDim();
    }

    /** Bytes of activation that one token carries between layers (16-bit). */
    public double activationBytesPerToken() {
        return model.hiddenSize() * 2.0;
    }
}
