package org.infersim.catalog;

/**
 * A Multi-Instance GPU profile such as {@code 3g.40gb}.
 *
 * @param computeSlices of 7 on current NVIDIA parts
 * @param memorySlices  of 8 on current NVIDIA parts
 * @param maxInstances  how many of this profile one GPU can hold
 */
public record MigProfile(String name, int computeSlices, int memorySlices, long memoryBytes, int maxInstances) {}
