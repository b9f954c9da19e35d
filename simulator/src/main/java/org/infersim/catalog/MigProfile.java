package org.infersim.catalog;

/**
 * A Multi-Instance GPU profile such as {@code 3g.40gb}.
 *
 * @param computeSlices of 7 on current NVIDIA parts
 * @param memorySlices  of 8 on current NVIDIA parts
 * @param maxInstances  how many of this profile one GPU can hold
 */
public record MigProfile(String name, int computeSlices, int memorySlices, long memoryBytes, int maxInstances) {
    /** Compute slices of a MIG GPU (sevenths of its SMs); no GPU holds more instances than these. */
    public static final int COMPUTE_SLICES = 7;
    /** Memory slices of a MIG GPU (eighths of its memory). */
    public static final int MEMORY_SLICES = 8;
}
