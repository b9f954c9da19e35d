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
        double layerBytes = model.layers() * layerWeightBytes(model.experts());
        return layerBytes + embeddingParams * 2.0;
    }

    /**
     * Bytes of weights read by one forward pass of {@code tokens} tokens that touches
     * {@code expertsTouched} distinct experts per layer: attention, the touched experts, the output
     * head, and of an untied input embedding only the rows looked up (one per token).
     */
    public double weightBytesRead(double expertsTouched, long tokens) {
        double wb = precision.weights().bytesPerValue();
        double layerBytes = model.layers() * (attentionParamsPerLayer + expertParamsPerLayer * expertsTouched) * wb;
        double table = (double) model.vocabSize() * model.hiddenSize();
        double lookups = model.tiedEmbeddings() ? 0 : Math.min(tokens, model.vocabSize()) * (double) model.hiddenSize();
        return layerBytes + (table + lookups) * 2.0;
    }

    /** Parameters of one decoder layer's matrix products that a token passes through (its routed experts). */
    public double layerMatmulParams(double expertsTouched) {
        return attentionParamsPerLayer + expertParamsPerLayer * expertsTouched;
    }

    /** Weight bytes of one decoder layer with {@code expertsTouched} experts at the deployment's precision. */
    public double layerWeightBytes(double expertsTouched) {
        return layerMatmulParams(expertsTouched) * precision.weights().bytesPerValue();
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

    /**
     * Bytes the small kernels of one layer read and write per token, all tensor-parallel GPUs
     * together, in 16 bits: the two norms, the residual adds and the rotary embedding touch about
     * 12 · hidden values on every GPU of the group; the gated activation reads two and writes one
     * MLP-wide vector per routed expert, split over the group.
     */
    public double elementwiseBytesPerTokenPerLayer(int tensorParallel) {
        return 2.0 * (12.0 * model.hiddenSize() * tensorParallel
                + 3.0 * model.intermediateSize() * (double) model.activeExperts());
    }
}
