package org.infersim.model.serving;

import java.util.function.LongPredicate;

/**
 * The prefix cache's free queue, oldest first: a ring of records, each a run and a stamp. A run
 * held again keeps its old record, which is no longer current (its stamp or its state changed);
 * freed again, it gets a new record at the tail. Records that are not current are skipped at the
 * head and dropped when the ring fills, so holding and freeing cost a counter and an append,
 * never an unlink among random neighbours.
 */
final class RunQueue {
    private long[] ring = new long[64];
    private int head;
    private int size;
    /** Current records; the rest are stale. */
    private long live;

    static long record(int run, int stamp) {
        return ((long) run << 32) | (stamp & 0xFFFFFFFFL);
    }

    static int run(long record) {
        return (int) (record >>> 32);
    }

    static int stamp(long record) {
        return (int) record;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long first() {
        return ring[head];
    }

    long last() {
        return ring[(head + size - 1) & (ring.length - 1)];
    }

    /** The {@code i}-th record from the head, current or not. */
    long get(int i) {
        return ring[(head + i) & (ring.length - 1)];
    }

    int size() {
        return size;
    }

    long live() {
        return live;
    }

    /** Appends a current record; {@code current} tells the others apart if the ring must be compacted. */
    void add(long record, LongPredicate current) {
        if (size == ring.length) {
            if (live * 2 < size) {
                compact(current);
            } else {
                resize(ring.length * 2);
            }
        }
        ring[(head + size) & (ring.length - 1)] = record;
        size++;
        live++;
    }

    /** Drops the head record, which the caller found stale. */
    void skipFirst() {
        head = (head + 1) & (ring.length - 1);
        size--;
    }

    /** Drops the head record, which was current. */
    void removeFirst() {
        skipFirst();
        live--;
    }

    /** A current record went stale where it is (its run is held again). */
    void staled() {
        live--;
    }

    private void compact(LongPredicate current) {
        long[] fresh = new long[ring.length];
        int kept = 0;
        for (int i = 0; i < size; i++) {
            long record = get(i);
            if (current.test(record)) {
                fresh[kept++] = record;
            }
        }
        ring = fresh;
        head = 0;
        size = kept;
    }

    private void resize(int capacity) {
        long[] bigger = new long[capacity];
        for (int i = 0; i < size; i++) {
            bigger[i] = get(i);
        }
        ring = bigger;
        head = 0;
    }
}
