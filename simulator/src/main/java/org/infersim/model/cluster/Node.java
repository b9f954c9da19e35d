package org.infersim.model.cluster;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A machine of a pool: a fixed number of GPUs joined by NVLink, so a tensor-parallel group lives
 * on one. A node of a static pool exists from the start to the end; in a dynamic or serverless
 * pool it is requested (provisioning), becomes ready (usable) after its provisioning delay, and
 * may be removed once empty. It is paid for from its request to its removal.
 */
public final class Node {
    private final int index;
    private final List<Gpu> gpus = new ArrayList<>();
    private final long provisionedAtNs;
    private long readyAtNs = -1;
    private long removedAtNs = -1;
    /** When the provider said it will take the node back; -1 unless it did. */
    private long noticeAtNs = -1;
    /** When it last became empty; what a scale-down check compares against to know it stayed empty. */
    private long emptySinceNs = -1;
    /** Whether the node autoscaler's latest estimate counts on it for a pending workload. */
    private boolean awaited;
    /** Scale-down checks scheduled and not yet run. */
    private int scaleDownChecks;
    /** Empty, and kept only because its pool is at its minimum size. */
    private boolean keptAtMinimum;
    /** Serving images already on its disk, in the order they were pulled. */
    private final Set<String> images = new LinkedHashSet<>(2);

    Node(int index, long provisionedAtNs) {
        this.index = index;
        this.provisionedAtNs = provisionedAtNs;
    }

    public int index() {
        return index;
    }

    public List<Gpu> gpus() {
        return gpus;
    }

    /** When it was requested (the start of a static pool's run); its bill starts here. */
    public long provisionedAtNs() {
        return provisionedAtNs;
    }

    /** When it became usable; -1 while it is still being provisioned. */
    public long readyAtNs() {
        return readyAtNs;
    }

    /** When it was given back; -1 while the pool still has it. */
    public long removedAtNs() {
        return removedAtNs;
    }

    public boolean isReady() {
        return readyAtNs >= 0 && removedAtNs < 0;
    }

    /** Whether the provider has said it will take the node back (a spot interruption notice). */
    public boolean isReclaimed() {
        return noticeAtNs >= 0;
    }

    void noticed(long nowNs) {
        noticeAtNs = nowNs;
    }

    public boolean isProvisioning() {
        return readyAtNs < 0 && removedAtNs < 0;
    }

    /** Nanoseconds it was allocated (provisioning or ready) between two instants: what it is billed for. */
    public long allocatedNs(long fromNs, long toNs) {
        long end = removedAtNs >= 0 ? Math.min(removedAtNs, toNs) : toNs;
        return Math.max(0, end - Math.max(provisionedAtNs, fromNs));
    }

    /** Nanoseconds it spent being provisioned between two instants (allocated, not yet usable). */
    public long provisioningNs(long fromNs, long toNs) {
        long ready = readyAtNs >= 0 ? readyAtNs : removedAtNs >= 0 ? removedAtNs : toNs;
        return Math.max(0, Math.min(ready, toNs) - Math.max(provisionedAtNs, fromNs));
    }

    /** Whether the node already holds this serving image, so that a replica starting here need not pull it. */
    public boolean hasImage(String image) {
        return images.contains(image);
    }

    /** Records that the image is now on the node's disk (a replica pulled it). */
    public void addImage(String image) {
        images.add(image);
    }

    void ready(long nowNs) {
        readyAtNs = nowNs;
    }

    void removed(long nowNs) {
        removedAtNs = nowNs;
    }

    long emptySinceNs() {
        return emptySinceNs;
    }

    void emptySince(long nowNs) {
        emptySinceNs = nowNs;
    }

    boolean isAwaited() {
        return awaited;
    }

    void awaited(boolean awaited) {
        this.awaited = awaited;
    }

    boolean hasScaleDownCheck() {
        return scaleDownChecks > 0;
    }

    void scaleDownCheckScheduled() {
        scaleDownChecks++;
    }

    void scaleDownCheckDone() {
        scaleDownChecks--;
    }

    boolean isKeptAtMinimum() {
        return keptAtMinimum;
    }

    void keptAtMinimum(boolean kept) {
        keptAtMinimum = kept;
    }

    /** No workload holds any of its GPUs and no waiting workload has reserved one. */
    boolean isEmpty() {
        for (Gpu g : gpus) {
            if (!g.isFree() || !g.isAvailableTo(null)) {
                return false;
            }
        }
        return true;
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
