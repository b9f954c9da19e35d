package org.infersim.cluster;

import java.util.ArrayList;
import java.util.List;

/** One GPU of a pool: who holds it now, and everyone who ever did (for the results). */
public final class Gpu {
    private final GpuPool pool;
    private final Node node;
    private final int index;
    private final List<Allocation> holders = new ArrayList<>(2);
    private final List<Allocation> history = new ArrayList<>(2);

    Gpu(GpuPool pool, Node node, int index) {
        this.pool = pool;
        this.node = node;
        this.index = index;
    }

    public GpuPool pool() {
        return pool;
    }

    public Node node() {
        return node;
    }

    /** Index in the pool, node-major. */
    public int index() {
        return index;
    }

    /** {@code pool/node/gpu}, such as {@code h100/n1/g3}: GPU 3 of the pool's second node. */
    public String id() {
        return pool.name() + "/n" + node.index() + "/g" + (index - node.index() * pool.gpusPerNode());
    }

    public boolean isFree() {
        return holders.isEmpty();
    }

    /** Allocations holding this GPU now. */
    public List<Allocation> holders() {
        return List.copyOf(holders);
    }

    /** Every allocation that ever held this GPU, in the order they were placed. */
    public List<Allocation> history() {
        return List.copyOf(history);
    }

    void hold(Allocation a) {
        holders.add(a);
        history.add(a);
    }

    void release(Allocation a) {
        holders.remove(a);
    }
}
