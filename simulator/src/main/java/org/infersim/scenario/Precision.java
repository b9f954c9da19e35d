package org.infersim.scenario;

/** Numeric formats of the weights and of the KV cache. */
public record Precision(NumericFormat weights, NumericFormat kvCache) {
    public static final Precision BF16 = new Precision(NumericFormat.BF16, NumericFormat.BF16);

    /** The KV cache's format when only the weights' is given: FP8 with FP8 weights, else BF16. */
    public static NumericFormat defaultKvCache(NumericFormat weights) {
        return weights == NumericFormat.FP8 ? NumericFormat.FP8 : NumericFormat.BF16;
    }
}
