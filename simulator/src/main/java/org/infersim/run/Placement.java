package org.infersim.run;

import java.util.ArrayList;
import java.util.List;
import org.infersim.scenario.Pool;

/**
 * Places tensor-parallel groups on a pool's GPUs, first fit, never across a node boundary.
 * Tracks which GPUs are taken so that no GPU is handed out twice.
 */
public final class Placement {
    private final Pool pool;
    private final boolean[] taken;

    public Placement(Pool pool) {
        this.pool = pool;
        this.taken = new boolean[pool.count()];
    }

    /** GPU indices of a group of {@code size} free GPUs on one node, or null when none is free. */
    public int[] allocate(int size) {
        int perNode = pool.gpusPerNode();
        for (int node = 0; node * perNode < taken.length; node++) {
            int start = node * perNode;
            int end = Math.min(start + perNode, taken.length);
            for (int first = start; first + size <= end; first++) {
                if (free(first, size)) {
                    int[] gpus = new int[size];
                    for (int i = 0; i < size; i++) {
                        taken[first + i] = true;
                        gpus[i] = first + i;
                    }
                    return gpus;
                }
            }
        }
        return null;
    }

    private boolean free(int first, int size) {
        for (int i = first; i < first + size; i++) {
            if (taken[i]) {
                return false;
            }
        }
        return true;
    }

    public int allocatedGpus() {
        int n = 0;
        for (boolean t : taken) {
            if (t) {
                n++;
            }
        }
        return n;
    }

    public Pool pool() {
        return pool;
    }

    /** Which GPUs are taken, for invariant checks. */
    public List<Integer> takenGpus() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < taken.length; i++) {
            if (taken[i]) {
                out.add(i);
            }
        }
        return out;
    }
}
