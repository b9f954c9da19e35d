package org.infersim.scenario;

import java.util.Locale;

/**
 * Where a pool keeps the serving images its replicas pull. {@code NODE}: each node keeps what it
 * pulled, and a new node starts empty (Kubernetes nodes, the default for static and dynamic
 * pools). {@code POOL}: once any node of the pool has pulled an image, every node starts with it,
 * as on serverless platforms that cache images on their hosts (the default for serverless pools).
 */
public enum ImageCache {
    NODE, POOL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImageCache defaultFor(ProvisioningMode mode) {
        return mode == ProvisioningMode.SERVERLESS ? POOL : NODE;
    }
}
