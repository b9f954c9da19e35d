package org.infersim.scenario;

import java.util.OptionalDouble;

/**
 * A pool of identical GPUs bought at one price.
 *
 * @param gpu             catalog id of the GPU type
 * @param count           number of GPUs in the pool
 * @param gpusPerNode     GPUs per node; tensor-parallel groups never span nodes
 * @param pricePerGpuHour dollars per GPU-hour; empty means the catalog's default price
 */
public record Pool(String name, String gpu, int count, int gpusPerNode, OptionalDouble pricePerGpuHour) {}
