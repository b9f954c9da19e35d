package org.infersim.catalog;

import java.util.List;
import java.util.Map;

/**
 * A decoder-only transformer architecture from the LLM catalog.
 *
 * @param intermediateSize MLP size of one expert (gated MLP: three matrices of hidden × intermediate)
 * @param experts          1 for a dense model
 * @param activeExperts    experts each token is routed to (1 for a dense model)
 * @param publishedParams  parameter count as published (checked against the architecture)
 * @param tiedEmbeddings   whether the output head shares the embedding matrix
 * @param sources          where each number came from, keyed by field name
 * @param huggingFace      Hugging Face repository ids that name this model too (meta-llama/Llama-3.1-8B)
 */
public record ModelSpec(
        String id,
        String name,
        int layers,
        int hiddenSize,
        int attentionHeads,
        int kvHeads,
        int headDim,
        int intermediateSize,
        int vocabSize,
        int experts,
        int activeExperts,
        long publishedParams,
        int maxContext,
        boolean tiedEmbeddings,
        Map<String, String> sources,
        List<String> huggingFace) {

    public ModelSpec {
        sources = Map.copyOf(sources);
        huggingFace = List.copyOf(huggingFace);
    }

    public boolean isMixtureOfExperts() {
        return experts > 1;
    }
}
