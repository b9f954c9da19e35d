package org.infersim.model.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KvCacheTest {

    @Test
    void blocksAreCountedInWholeBlocksOfTokens() {
        KvCache kv = new KvCache(100, 16);
        assertEquals(1, kv.blocksFor(1));
        assertEquals(1, kv.blocksFor(16));
        assertEquals(2, kv.blocksFor(17));
        assertEquals(0, kv.blocksFor(0));
    }

    @Test
    void neverHandsOutMoreBlocksThanItHas() {
        KvCache kv = new KvCache(10, 16);
        kv.allocate(7);
        assertFalse(kv.canAllocate(4));
        assertThrows(IllegalStateException.class, () -> kv.allocate(4));
        assertEquals(7, kv.usedBlocks(), "a refused allocation changes nothing");
        kv.allocate(3);
        assertEquals(0, kv.freeBlocks());
        assertEquals(1.0, kv.occupancy());
    }

    @Test
    void freeingMoreThanIsUsedIsAnError() {
        KvCache kv = new KvCache(10, 16);
        kv.allocate(2);
        assertThrows(IllegalStateException.class, () -> kv.free(3));
        kv.free(2);
        assertTrue(kv.canAllocate(10));
        assertEquals(2, kv.peakUsedBlocks());
    }
}
