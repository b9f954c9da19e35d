package org.infersim.scenario;

import java.util.OptionalDouble;

/**
 * A pool of identical nodes, each with the same number of GPUs of one type, bought at one price.
 *
 * @param gpu             catalog id of the GPU type
 * @param count           number of GPUs in the pool at the start (nodes × gpusPerNode); a dynamic
 *                        pool grows and shrinks from there, a serverless pool starts empty
 * @param gpusPerNode     GPUs per node; tensor-parallel groups never span nodes
 * @param pricePerGpuHour dollars per GPU-hour; empty means the catalog's default price
 * @param sharing         how its GPUs behave when replicas share them
 * @param provisioning    static, dynamic or serverless, with its limits and delays
 * @param imageCache      whether a node pulls the serving image itself or finds it cached in the pool
 * @param pue             the power usage effectiveness of the facility it runs in: facility power over IT power
 * @param pricing         how it is paid for: on demand (the default), reserved, spot or owned on-prem
 */
public record Pool(String name, String gpu, int count, int gpusPerNode, OptionalDouble pricePerGpuHour,
                   GpuSharing sharing, Provisioning provisioning, ImageCache imageCache, double pue,
                   Pricing pricing) {

    /** A pool paid for on demand. */
    public Pool(String name, String gpu, int count, int gpusPerNode, OptionalDouble pricePerGpuHour,
                GpuSharing sharing, Provisioning provisioning, ImageCache imageCache, double pue) {
        this(name, gpu, count, gpusPerNode, pricePerGpuHour, sharing, provisioning, imageCache, pue, Pricing.ON_DEMAND);
    }

    /**
     * PUE when a pool does not say: the 2024 global average of data centres the Uptime Institute
     * surveyed, 1.56 (Uptime Institute Global Data Center Survey 2024, published 2024-07).
     */
    public static final double DEFAULT_PUE = 1.56;

    /** A pool in a facility of the default PUE. */
    public Pool(String name, String gpu, int count, int gpusPerNode, OptionalDouble pricePerGpuHour,
                GpuSharing sharing, Provisioning provisioning, ImageCache imageCache) {
        this(name, gpu, count, gpusPerNode, pricePerGpuHour, sharing, provisioning, imageCache, DEFAULT_PUE);
    }

    /** GPUs per node when a pool does not say: an 8-GPU server (DGX/HGX), or the pool itself when smaller. */
    public static final int DEFAULT_GPUS_PER_NODE = 8;

    /** A static pool. */
    public Pool(String name, String gpu, int count, int gpusPerNode, OptionalDouble pricePerGpuHour,
                GpuSharing sharing) {
        this(name, gpu, count, gpusPerNode, pricePerGpuHour, sharing, Provisioning.STATIC);
    }

    /** A pool with its mode's image cache. */
    public Pool(String name, String gpu, int count, int gpusPerNode, OptionalDouble pricePerGpuHour,
                GpuSharing sharing, Provisioning provisioning) {
        this(name, gpu, count, gpusPerNode, pricePerGpuHour, sharing, provisioning,
                ImageCache.defaultFor(provisioning.mode()));
    }

    /** Nodes at the start. */
    public int nodes() {
        return count / gpusPerNode;
    }

    /** The most GPUs it can ever have; {@code Long.MAX_VALUE} for a serverless pool without a cap. */
    public long maxGpus() {
        if (provisioning.isStatic()) {
            return count;
        }
        return provisioning.maxNodes() == Provisioning.UNLIMITED ? Long.MAX_VALUE
                : (long) provisioning.maxNodes() * gpusPerNode;
    }
}
