package org.infersim.scenario;

/** Numeric formats of the weights and of the KV cache. */
public record Precision(NumericFormat weights, NumericFormat kvCache) {
    public static final Precision BF16 = new Precision(NumericFormat.BF16, NumericFormat.BF16);
}
