package org.infersim.scenario;

import java.util.Locale;

/** A number format for weights or KV cache, with its size in bytes per value. */
public enum NumericFormat {
    BF16(2.0),
    FP16(2.0),
    FP8(1.0),
    INT8(1.0),
    INT4(0.5);

    private final double bytes;

    NumericFormat(double bytes) {
        this.bytes = bytes;
    }

    public double bytesPerValue() {
        return bytes;
    }

    /** Whether the tensor cores run matrix products in this format at the FP8 rate. */
    public boolean usesFp8Compute() {
        return this == FP8;
    }

    /** The name written in scenario files (lower case). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
