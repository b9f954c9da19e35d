package org.infersim.model.serving.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.infersim.kernel.Simulation;
import org.infersim.model.serving.KvCache;
import org.infersim.model.serving.PromptContent;
import org.infersim.model.serving.Replica;
import org.infersim.model.serving.Request;
import org.infersim.model.serving.Router;
import org.infersim.model.serving.ResolvedEngine;
import org.infersim.model.serving.batching.FcfsScheduling;
import org.infersim.model.serving.batching.RecomputePreemption;
import org.infersim.plugin.Settings;
import org.infersim.testing.FixedStepTime;
import org.infersim.testing.RecordingObserver;
import org.junit.jupiter.api.Test;

/**
 * The prefix-affinity router on real replicas with vLLM's prefix caching: what each one has
 * cached is what it computed for the requests submitted to it and run; requests submitted and
 * not run are in flight and cached nowhere.
 */
class PrefixAffinityTest {
    private static final int BLOCK = 16;
    private static final long SYSTEM = PromptContent.identity(1);
    private static final long DOCUMENT = PromptContent.identity(2);

    private final Simulation sim = new Simulation();
    private final RecordingObserver observer = new RecordingObserver();
    private long nextId = 1;

    private List<Replica> replicas(int n) {
        List<Replica> replicas = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ResolvedEngine engine = new ResolvedEngine(BLOCK, 64, 8192, true, new FcfsScheduling(),
                    new RecomputePreemption(), 0, 100_000, true, 0);
            replicas.add(new Replica(i, "r" + i, sim, new FixedStepTime(10_000_000L), null,
                    new KvCache(1000, BLOCK, true), engine, observer, 1));
        }
        return replicas;
    }

    /** A request whose prompt is the system prompt (64 tokens), the document if asked (64), then its own 20. */
    private Request question(boolean withDocument) {
        PromptContent.Builder prompt = PromptContent.builder().add(SYSTEM, 64);
        if (withDocument) {
            prompt.add(DOCUMENT, 64);
        }
        return new Request(nextId++, 0, 0, 0, prompt.add(PromptContent.PRIVATE, 20).build(), 2);
    }

    private Request sharingNothing() {
        return new Request(nextId++, 0, 0, 0, 100, 2);
    }

    /** Puts {@code n} requests that share nothing in flight on {@code r}: submitted, not run. */
    private void load(Replica r, int n) {
        for (int i = 0; i < n; i++) {
            r.submit(sharingNothing());
        }
    }

    private static PrefixAffinity router(double loadBound) {
        return new PrefixAffinity(loadBound, 1024);
    }

    @Test
    void aRequestGoesWhereTheLongestPrefixOfItsPromptIsCached() {
        List<Replica> rs = replicas(3);
        rs.get(1).submit(question(true));
        rs.get(2).submit(question(false));
        sim.run();
        Request q = question(true);
        assertEquals(List.of(0, 128, 64), rs.stream().map(r -> r.kvCache().cachedPrefixTokens(q)).toList());
        assertSame(rs.get(1), router(0.25).choose(q, rs));
    }

    @Test
    void equallyLongCachedPrefixesGoToTheFewestInFlightThenTheLowestIndex() {
        List<Replica> rs = replicas(3);
        rs.get(1).submit(question(false));
        rs.get(2).submit(question(false));
        sim.run();
        PrefixAffinity router = router(0.25);
        assertSame(rs.get(1), router.choose(question(true), rs), "64 cached at 1 and 2, none in flight");
        load(rs.get(1), 1);
        assertSame(rs.get(2), router(0.25).choose(question(true), rs), "64 cached at 1 and 2, 1 has one in flight");
    }

    @Test
    void anOverloadedReplicaLosesItsAffinityToTheLeastLoaded() {
        List<Replica> rs = replicas(2);
        rs.get(1).submit(question(true));
        sim.run();
        load(rs.get(1), 2);
        // Mean 1 in flight: 1 may have up to 1.25 x 1 + 1 = 2.25, and has 2.
        assertSame(rs.get(1), router(0.25).choose(question(true), rs));
        load(rs.get(1), 1);
        // Mean 1.5: the bound is 2.875, and 1 has 3; 0 has none of the prompt, but is within it.
        assertSame(rs.get(0), router(0.25).choose(question(true), rs));
        // A looser bound, 2 x 1.5 + 1 = 4, keeps the affinity.
        assertSame(rs.get(1), router(1.0).choose(question(true), rs));
    }

    @Test
    void aRequestThatSharesNothingGoesToTheFewestInFlight() {
        List<Replica> rs = replicas(3);
        rs.get(1).submit(question(true));
        sim.run();
        load(rs.get(0), 2);
        load(rs.get(1), 1);
        load(rs.get(2), 1);
        assertSame(rs.get(1), router(0.25).choose(sharingNothing(), rs));
    }

    @Test
    void aBurstOfOnePrefixStaysOnOneReplicaUntilTheBoundThoughNoneOfItIsCachedYet() {
        List<Replica> rs = replicas(4);
        for (Replica r : rs) {
            load(r, 4);
        }
        PrefixAffinity router = router(0.25);
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Request q = question(true);
            Replica r = router.choose(q, rs);
            r.submit(q);
            chosen.add(r.index());
        }
        // The first goes to the lowest index (nothing is cached anywhere, all have 4 in flight); the router
        // remembers it, and sends the next there while it has at most 1.25 x the mean + 1: 5 ≤ 6.31, 6 ≤ 6.63,
        // then 7 > 6.94. The fourth goes to 1, which the memory then names (7 ≤ 7.25 and on).
        assertEquals(List.of(0, 0, 0, 1, 1, 1), chosen);
        assertEquals(List.of(0, 0, 0, 0), rs.stream().map(r -> r.kvCache().cachedPrefixTokens(question(true))).toList(),
                "the burst is in flight, in no cache");
    }

    @Test
    void withoutAMemoryTheSameBurstIsSpreadAsIfNothingWereShared() {
        List<Replica> rs = replicas(4);
        for (Replica r : rs) {
            load(r, 4);
        }
        LeastOutstanding leastOutstanding = new LeastOutstanding();
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Request q = question(true);
            Replica r = leastOutstanding.choose(q, rs);
            r.submit(q);
            chosen.add(r.index());
        }
        assertEquals(List.of(0, 1, 2, 3, 0, 1), chosen);
    }

    @Test
    void itsSettingsDefaultToAQuarterAboveTheMeanAndSixteenThousandPrefixes() {
        PrefixAffinity.Provider provider = new PrefixAffinity.Provider();
        assertEquals("prefix-affinity", provider.name());
        assertEquals(List.of("loadBound", "memory"), provider.settings().stream().map(s -> s.key()).toList());
        assertEquals(0.25, PrefixAffinity.LOAD_BOUND.defaultValue());
        assertEquals(16_384.0, PrefixAffinity.MEMORY.defaultValue());
        assertEquals("a replica takes requests for its prefixes while its requests in flight are at most"
                + " (1 + this) x the mean + 1 (25%)", PrefixAffinity.LOAD_BOUND.description());

        List<Replica> rs = replicas(2);
        load(rs.get(0), 2);
        Router loose = provider.create(new Settings(Map.of("loadBound", 3.0)));
        Request first = question(true);
        assertSame(rs.get(1), loose.choose(first, rs), "nothing cached or remembered: the fewest in flight");
        rs.get(1).submit(first);
        load(rs.get(1), 6);
        // 7 in flight against a mean of 4.5: over the default bound, 1.25 x 4.5 + 1 = 6.6, within 4 x 4.5 + 1 = 19.
        assertSame(rs.get(1), loose.choose(question(true), rs));
    }
}
