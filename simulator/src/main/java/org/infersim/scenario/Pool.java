package org.infersim.scenario;

import java.util.OptionalDouble;

/**
 * A pool of identical nodes, each with the same number of GPUs of one type, bought at one price.
 *
 * @param gpu             catalog id of the GPU type
 * @param count           number of GPUs in the pool (nodes × gpusPerNode)
 * @param gpusPerNode     GPUs per node; tensor-parallel groups never span nodes
 * @param pricePerGpuHour dollars per GPU-hour; empty means the catalog's default price
 * @param sharing         how its GPUs behave when replicas share them
 */
public record Pool(String name, String gpu, int count, int gpusPerNode, OptionalDouble pricePerGpuHour,
                   GpuSharing sharing) {

    public int nodes() {
        return count / gpusPerNode;
    }
}
