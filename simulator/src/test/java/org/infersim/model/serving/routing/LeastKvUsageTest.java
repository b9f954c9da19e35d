package org.infersim.model.serving.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.infersim.kernel.Simulation;
import org.infersim.model.serving.KvCache;
import org.infersim.model.serving.Replica;
import org.infersim.model.serving.Request;
import org.infersim.model.serving.ResolvedEngine;
import org.infersim.model.serving.batching.FcfsScheduling;
import org.infersim.model.serving.batching.RecomputePreemption;
import org.infersim.testing.FixedStepTime;
import org.infersim.testing.RecordingObserver;
import org.junit.jupiter.api.Test;

/**
 * The least-KV router as a KV-aware gateway does it: a replica's load is the blocks its running
 * sequences hold plus the prompts routed to it and not yet admitted, which take their blocks at
 * its next iteration.
 */
class LeastKvUsageTest {
    private static final int BLOCK = 16;

    private final Simulation sim = new Simulation();
    private long nextId = 1;

    private List<Replica> replicas(int n) {
        List<Replica> replicas = new ArrayList<>();
        RecordingObserver observer = new RecordingObserver();
        for (int i = 0; i < n; i++) {
            ResolvedEngine engine = new ResolvedEngine(BLOCK, 64, 8192, true, new FcfsScheduling(),
                    new RecomputePreemption(), 0, 100_000, false, 0);
            replicas.add(new Replica(i, "r" + i, sim, new FixedStepTime(10_000_000L), null,
                    new KvCache(1000, BLOCK), engine, observer, 1));
        }
        return replicas;
    }

    private Request request(int promptTokens, int outputTokens) {
        return new Request(nextId++, 0, 0, sim.now(), promptTokens, outputTokens);
    }

    @Test
    void aBurstWithinOneIterationSpreadsOverTheReplicas() {
        List<Replica> rs = replicas(4);
        // Each replica is running one long request, the first the shortest: its cache is the emptiest.
        for (int i = 0; i < rs.size(); i++) {
            rs.get(i).submit(request(160 + 16 * i, 10_000));
        }
        sim.runFor(50_000_000L);
        LeastKvUsage router = new LeastKvUsage();
        int[] sent = new int[rs.size()];
        for (int i = 0; i < 12; i++) {
            Replica to = router.choose(request(800, 10), rs);
            to.submit(request(800, 10));
            sent[to.index()]++;
        }
        for (int i = 0; i < sent.length; i++) {
            assertTrue(sent[i] >= 2, "12 requests of 50 blocks each over 4 replicas, sent " + java.util.Arrays.toString(sent));
        }
    }

    @Test
    void aRequestAdmittedIsCountedOnceNotAlsoAsOnItsWay() {
        Replica r = replicas(1).get(0);
        r.submit(request(800, 10_000));
        assertEquals(50, r.kvBlocksOnTheWay(), "800 tokens in blocks of 16, waiting");
        sim.runFor(50_000_000L);
        assertEquals(0, r.kvBlocksOnTheWay(), "admitted: its blocks are in the cache now");
        assertEquals(50.0 / 1000, r.kvCache().occupancy(), 0.002);
    }
}
