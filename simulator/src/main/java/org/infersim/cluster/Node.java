package org.infersim.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A machine of a pool: a fixed number of GPUs joined by NVLink, so a tensor-parallel group lives on one. */
public final class Node {
    private final int index;
    private final List<Gpu> gpus = new ArrayList<>();
    /** Container images already pulled to this node: a replica started here again skips the pull. */
    private final Set<String> images = new HashSet<>();

    Node(int index) {
        this.index = index;
    }

    public int index() {
        return index;
    }

    public List<Gpu> gpus() {
        return gpus;
    }

    public boolean hasImage(String image) {
        return images.contains(image);
    }

    public void addImage(String image) {
        images.add(image);
    }

    int freeGpus() {
        return freeGpusFor(null);
    }

    /** Free GPUs the workload may take: not reserved for another one. */
    int freeGpusFor(GpuWorkload w) {
        int n = 0;
        for (Gpu g : gpus) {
            if (g.isFree() && g.isAvailableTo(w)) {
                n++;
            }
        }
        return n;
    }

    boolean isFreeFor(GpuWorkload w) {
        return freeGpusFor(w) == gpus.size();
    }
}
