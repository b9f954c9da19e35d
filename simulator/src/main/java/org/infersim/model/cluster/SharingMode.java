package org.infersim.model.cluster;

/** How a GPU is being used: by one holder, or shared in one of three ways (never two at once). */
public enum SharingMode {
    WHOLE,
    TIME_SLICING,
    MPS,
    MIG;

    /** As written in scenarios and results: {@code whole}, {@code time-slicing}, {@code mps}, {@code mig}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
