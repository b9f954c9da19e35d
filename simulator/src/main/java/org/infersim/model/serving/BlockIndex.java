package org.infersim.model.serving;

import java.util.Arrays;

/**
 * Cached runs by the hash of their first block: an open-addressing map from a non-zero 64-bit
 * block hash to a run, with linear probing and backward-shift deletion, so that the prefix cache's hot
 * path boxes nothing and leaves no tombstones behind however many blocks come and go.
 */
final class BlockIndex {
    private static final int NONE = -1;
    private long[] keys;
    private int[] values;
    private int mask;
    private int size;

    BlockIndex() {
        keys = new long[64];
        values = new int[64];
        mask = 63;
    }

    /** The entry of {@code hash}, or -1. */
    int get(long hash) {
        for (int i = slot(hash); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == hash) {
                return values[i];
            }
            if (k == 0) {
                return NONE;
            }
        }
    }

    /** Maps {@code hash} (absent, non-zero) to {@code entry}. */
    void put(long hash, int entry) {
        // At most half full: a miss (the common case when a new block is cached) probes about two slots.
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int i = slot(hash);
        while (keys[i] != 0) {
            i = (i + 1) & mask;
        }
        keys[i] = hash;
        values[i] = entry;
        size++;
    }

    /** Maps {@code hash}, which is present, to {@code entry} instead. */
    void replace(long hash, int entry) {
        for (int i = slot(hash); ; i = (i + 1) & mask) {
            if (keys[i] == hash) {
                values[i] = entry;
                return;
            }
            if (keys[i] == 0) {
                throw new IllegalStateException("no block " + Long.toHexString(hash) + " to replace");
            }
        }
    }

    void remove(long hash) {
        int i = slot(hash);
        while (keys[i] != hash) {
            if (keys[i] == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        // Backward-shift: move later members of the probe run into the hole, so lookups never stop early.
        int hole = i;
        for (int j = (hole + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int home = slot(keys[j]);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = 0;
        size--;
    }

    int size() {
        return size;
    }

    private int slot(long hash) {
        // Block hashes are already well mixed; fold the high bits in for small tables anyway.
        return (int) (hash ^ (hash >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                put(oldKeys[i], oldValues[i]);
            }
        }
        Arrays.fill(oldKeys, 0);
    }
}
