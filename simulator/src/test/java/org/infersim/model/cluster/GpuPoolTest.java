package org.infersim.model.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.OptionalDouble;
import org.infersim.catalog.Catalog;
import org.infersim.kernel.Simulation;
import org.infersim.model.cluster.placement.BestFit;
import org.infersim.model.cluster.placement.FirstFit;
import org.infersim.scenario.GpuSharing;
import org.infersim.scenario.Pool;
import org.junit.jupiter.api.Test;

class GpuPoolTest {

    /** A workload that only asks for GPUs, for exercising placement alone. */
    record Ask(String name, Demand demand) implements GpuWorkload {
        static Ask gpus(int n) {
            return new Ask(n + " GPUs", new Demand.WholeGpus(n));
        }

        @Override
        public String kind() {
            return "test";
        }

        @Override
        public Demand demand(GpuPool pool) {
            return demand;
        }

        @Override
        public int priority() {
            return 0;
        }

        @Override
        public List<GpuPool> pools() {
            return List.of();
        }

        @Override
        public void placed(Allocation allocation) {}
    }

    static GpuPool pool(int nodes, int perNode) throws Exception {
        return new GpuPool(new Pool("p", "h100-sxm", nodes * perNode, perNode, OptionalDouble.of(4.0),
                GpuSharing.DEFAULTS), Catalog.builtIn().gpu("h100-sxm").orElseThrow(), new Simulation(), 0, 0);
    }

    /** Leaves node 0 with three free GPUs and node 1 with one. */
    static GpuPool fragmented() throws Exception {
        GpuPool pool = pool(2, 4);
        Allocation[] singles = new Allocation[8];
        for (int i = 0; i < 8; i++) {
            singles[i] = pool.place(Ask.gpus(1), new FirstFit(), 0);
        }
        for (int i : new int[] {1, 2, 3, 4}) {
            singles[i].release(1);
        }
        assertEquals(3, pool.nodes().get(0).freeGpus());
        assertEquals(1, pool.nodes().get(1).freeGpus());
        return pool;
    }

    @Test
    void firstFitTakesTheFirstNodeWithRoomAndBestFitTheFullestOne() throws Exception {
        GpuPool first = fragmented();
        Allocation a = first.place(Ask.gpus(1), new FirstFit(), 2);
        assertEquals(0, a.gpus().get(0).node().index());
        // First fit split node 0, so a group of three no longer fits anywhere.
        assertNull(first.place(Ask.gpus(3), new FirstFit(), 2));

        GpuPool best = fragmented();
        Allocation b = best.place(Ask.gpus(1), new BestFit(), 2);
        assertEquals(1, b.gpus().get(0).node().index());
        Allocation group = best.place(Ask.gpus(3), new BestFit(), 2);
        assertNotNull(group);
        assertEquals(List.of("p/n0/g1", "p/n0/g2", "p/n0/g3"), group.gpus().stream().map(Gpu::id).toList());
    }

    @Test
    void aGroupNeverSpansNodes() throws Exception {
        GpuPool pool = fragmented(); // four free GPUs in all, but three and one
        assertNull(pool.place(Ask.gpus(4), new BestFit(), 2));
        assertNull(pool.place(Ask.gpus(4), new FirstFit(), 2));
    }

    @Test
    void moreThanANodesWorthTakesWholeFreeNodes() throws Exception {
        GpuPool pool = pool(3, 4);
        pool.place(Ask.gpus(1), new FirstFit(), 0);
        Allocation job = pool.place(Ask.gpus(8), new FirstFit(), 0);
        assertEquals(List.of(1, 1, 1, 1, 2, 2, 2, 2), job.gpus().stream().map(g -> g.node().index()).toList());
        assertNull(pool.place(Ask.gpus(8), new FirstFit(), 0));
        assertEquals(false, pool.canEverHold(new Demand.WholeGpus(6)), "6 GPUs are neither one node nor whole nodes");
        assertEquals(false, pool.canEverHold(new Demand.WholeGpus(16)), "more nodes than the pool has");
    }

    @Test
    void aReleasedAllocationCountsItsTimeAndFreesItsGpus() throws Exception {
        GpuPool pool = pool(1, 8);
        Allocation a = pool.place(Ask.gpus(2), new FirstFit(), 1_000);
        assertEquals(2, pool.allocatedGpus());
        a.release(3_600_000_001_000L);
        assertEquals(0, pool.allocatedGpus());
        assertEquals(2.0, a.gpuHours(Long.MAX_VALUE), 1e-9);
        assertEquals(List.of(a), pool.gpus().get(0).history());
    }
}
