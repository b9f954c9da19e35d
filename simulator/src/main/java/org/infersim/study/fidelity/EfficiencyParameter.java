package org.infersim.study.fidelity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Optional;
import org.infersim.catalog.Efficiency;

/**
 * A constant of the step-time model that a calibration may fit, with the bounds it is held to.
 * The bounds are physical: no efficiency above 1 (so no step under its floor), no negative
 * overhead, and overheads no longer than any measured engine shows.
 */
public enum EfficiencyParameter {
    MFU("mfu", 0.2, 1.0, Unit.SHARE),
    MFU_FP8("mfuFp8", 0.1, 1.0, Unit.SHARE),
    MFU_HALF_TOKENS("mfuHalfTokens", 0, 1024, Unit.TOKENS),
    MBU("mbu", 0.3, 1.0, Unit.SHARE),
    OVERLAP("overlap", 0, 1, Unit.SHARE),
    LAYER_OVERHEAD("layerOverhead", 0, 200e3, Unit.NANOS),
    ITERATION_OVERHEAD("iterationOverhead", 0, 20e6, Unit.NANOS),
    SEQUENCE_OVERHEAD("sequenceOverhead", 0, 500e3, Unit.NANOS),
    REQUEST_OVERHEAD("requestOverhead", 0, 200e6, Unit.NANOS),
    ALL_REDUCE_LATENCY("allReduceLatency", 0, 200e3, Unit.NANOS),
    LINK_EFFICIENCY("linkEfficiency", 0.3, 1.0, Unit.SHARE);

    enum Unit { SHARE, TOKENS, NANOS }

    private final String key;
    private final double lower;
    private final double upper;
    private final Unit unit;

    EfficiencyParameter(String key, double lower, double upper, Unit unit) {
        this.key = key;
        this.lower = lower;
        this.upper = upper;
        this.unit = unit;
    }

    /** Its key in a catalog's {@code efficiency:} mapping. */
    public String key() {
        return key;
    }

    public double lower() {
        return lower;
    }

    public double upper() {
        return upper;
    }

    /** The parameter with this catalog key (case-insensitive). */
    public static Optional<EfficiencyParameter> ofKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equalsIgnoreCase(key.strip())).findFirst();
    }

    /**
     * Where {@code value} lies between the bounds, as the optimizer's coordinate in [0, 1]:
     * linear for shares; for durations and token counts, whose useful values sit near the lower
     * bound and span decades, the square root of the linear position.
     */
    public double toUnit(double value) {
        double linear = Math.max(0, Math.min(1, (value - lower) / (upper - lower)));
        return unit == Unit.SHARE ? linear : Math.sqrt(linear);
    }

    /** The value at the optimizer's coordinate {@code x} (the inverse of {@link #toUnit}). */
    public double fromUnit(double x) {
        double linear = unit == Unit.SHARE ? x : x * x;
        return lower + linear * (upper - lower);
    }

    public double get(Efficiency e) {
        return values(e)[ordinal()];
    }

    /** {@code e} with this parameter set to {@code value} as the catalog would hold it (bounded, rounded as written). */
    public Efficiency with(Efficiency e, double value) {
        double[] v = values(e);
        v[ordinal()] = Double.parseDouble(plain(Math.max(lower, Math.min(upper, value))));
        return new Efficiency(v[0], v[1], v[2], v[3], v[4], Math.round(v[5]), Math.round(v[6]), Math.round(v[7]),
                Math.round(v[8]), Math.round(v[9]), v[10], e.reservedBytes());
    }

    /** Every parameter's value, in the order of the constants. */
    private static double[] values(Efficiency e) {
        return new double[] {e.mfu(), e.mfuFp8(), e.mfuHalfTokens(), e.mbu(), e.overlap(), e.layerOverheadNs(),
            e.iterationOverheadNs(), e.sequenceOverheadNs(), e.requestOverheadNs(), e.allReduceLatencyNs(),
            e.linkEfficiency()};
    }

    /** The value as a catalog writes it: {@code 0.812}, {@code 24}, {@code 2.35ms}, {@code 18.2us}. */
    public String format(double value) {
        return switch (unit) {
            case SHARE -> plain(value);
            case TOKENS -> Long.toString(Math.round(value));
            case NANOS -> duration(Math.round(Double.parseDouble(plain(value))));
        };
    }

    /** Three significant figures: what a fit to a few dozen measurements can claim. */
    private String plain(double value) {
        return switch (unit) {
            case SHARE -> new BigDecimal(value).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
            case TOKENS -> Long.toString(Math.round(value));
            case NANOS -> value == 0 ? "0" : new BigDecimal(value).round(new java.math.MathContext(3)).toPlainString();
        };
    }

    private static String duration(long ns) {
        if (ns == 0) {
            return "0ms";
        }
        if (ns >= 1_000_000) {
            return new BigDecimal(ns).movePointLeft(6).stripTrailingZeros().toPlainString() + "ms";
        }
        return new BigDecimal(ns).movePointLeft(3).stripTrailingZeros().toPlainString() + "us";
    }
}
