package org.infersim.model.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.infersim.catalog.Catalog;
import org.infersim.catalog.GpuSpec;
import org.infersim.catalog.MigProfile;
import org.infersim.kernel.Simulation;
import org.infersim.model.cluster.placement.BestFit;
import org.infersim.model.cluster.placement.FirstFit;
import org.infersim.scenario.GpuSharing;
import org.infersim.scenario.Pool;
import org.junit.jupiter.api.Test;

/**
 * Whatever the order of placements and releases, a GPU is never handed out beyond what it has:
 * the fractions on one GPU never add up to more than 1, its memory is never over-committed, MIG
 * instances never overlap, and a GPU is shared in one way at a time.
 */
class SharingInvariantsTest {

    private static GpuSpec h100() throws Exception {
        return Catalog.builtIn().gpu("h100-sxm").orElseThrow();
    }

    private static GpuPool pool(int nodes, int perNode) throws Exception {
        return new GpuPool(new Pool("p", "h100-sxm", nodes * perNode, perNode, OptionalDouble.of(4.0),
                GpuSharing.DEFAULTS), h100(), new Simulation(), 0, 0);
    }

    private static MigProfile profile(String name) throws Exception {
        return h100().migProfiles().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static Allocation place(GpuPool pool, Demand d) {
        return pool.place(new GpuPoolTest.Ask(d.toString(), d), new FirstFit(), 0);
    }

    private static Demand mig(String name) throws Exception {
        return new Demand.MigSlice(profile(name));
    }

    @Test
    void fractionsOnOneGpuNeverExceedOneAndMemoryIsNeverOverCommitted() throws Exception {
        GpuSpec gpu = h100();
        List<MigProfile> profiles = gpu.migProfiles();
        double[] fractions = {0.1, 0.125, 0.25, 0.3, 1.0 / 3, 0.5, 0.6, 0.75, 1.0};
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            GpuPool pool = pool(2, 2);
            List<Allocation> held = new ArrayList<>();
            for (int step = 0; step < 400; step++) {
                if (!held.isEmpty() && random.nextInt(3) == 0) {
                    held.remove(random.nextInt(held.size())).release(step);
                } else {
                    Demand d = switch (random.nextInt(4)) {
                        case 0 -> new Demand.WholeGpus(1 << random.nextInt(3));
                        case 1 -> new Demand.Fraction(SharingMode.TIME_SLICING,
                                fractions[random.nextInt(fractions.length)], 1);
                        case 2 -> new Demand.Fraction(SharingMode.MPS, fractions[random.nextInt(fractions.length)],
                                fractions[random.nextInt(fractions.length)]);
                        default -> new Demand.MigSlice(profiles.get(random.nextInt(profiles.size())));
                    };
                    PlacementPolicy policy = random.nextBoolean() ? new FirstFit() : new BestFit();
                    Allocation a = pool.place(new GpuPoolTest.Ask("w" + step, d), policy, step);
                    if (a != null) {
                        held.add(a);
                    }
                }
                for (Gpu g : pool.gpus()) {
                    assertHeldWithinTheGpu(g, gpu, "seed " + seed + " step " + step);
                }
            }
        }
    }

    private static void assertHeldWithinTheGpu(Gpu g, GpuSpec spec, String when) {
        List<Allocation> holders = g.holders();
        double fractions = 0;
        double memory = 0;
        int migMemory = 0;
        int migCompute = 0;
        for (Allocation a : holders) {
            assertEquals(g.mode(), a.demand().sharing(), when + ": " + g.id() + " shared one way at a time");
            fractions += a.fraction();
            memory += a.memoryBytesPerGpu();
            if (a.migProfile() != null) {
                int slices = ((1 << a.migProfile().memorySlices()) - 1) << a.migStart();
                assertEquals(0, migMemory & slices, when + ": MIG instances on " + g.id() + " overlap");
                assertTrue(slices >>> Gpu.MIG_MEMORY_SLICES == 0, when + ": a MIG instance beyond the last slice");
                migMemory |= slices;
                migCompute += a.migProfile().computeSlices();
            }
        }
        if (g.mode() == SharingMode.WHOLE) {
            assertEquals(1, holders.size(), when + ": a whole GPU has one holder");
        }
        assertTrue(fractions <= 1 + 1e-9, when + ": fractions on " + g.id() + " add up to " + fractions);
        assertTrue(memory <= spec.memoryBytes() * (1 + 1e-9), when + ": " + memory + " bytes promised on " + g.id());
        assertTrue(migCompute <= Gpu.MIG_COMPUTE_SLICES, when + ": " + migCompute + " compute slices");
        assertEquals(fractions, g.heldFraction(), 1e-9);
        assertEquals(holders.isEmpty(), g.mode() == null);
    }

    @Test
    void onlyValidMigCombinationsShareAGpu() throws Exception {
        GpuPool pool = pool(1, 2);
        Gpu first = pool.gpus().get(0);
        assertEquals(first, place(pool, mig("4g.40gb")).gpus().get(0));
        assertEquals(first, place(pool, mig("3g.40gb")).gpus().get(0), "4g.40gb + 3g.40gb is a valid layout");
        assertEquals(pool.gpus().get(1), place(pool, mig("4g.40gb")).gpus().get(0), "4g.40gb only starts at slice 0");
        assertNull(place(pool, mig("4g.40gb")), "no third 4g.40gb on two GPUs");

        GpuPool other = pool(1, 1);
        for (int i = 0; i < 3; i++) {
            assertNotNull(place(other, mig("2g.20gb")));
        }
        assertNull(place(other, mig("2g.20gb")), "at most three 2g.20gb");
        assertNotNull(place(other, mig("1g.10gb")), "the seventh compute slice and the last memory slices take a 1g.10gb");
        assertNull(place(other, mig("1g.10gb")), "seven compute slices in all");

        GpuPool quarters = pool(1, 1);
        for (int i = 0; i < 4; i++) {
            assertNotNull(place(quarters, mig("1g.20gb")));
        }
        assertNull(place(quarters, mig("1g.10gb")), "four 1g.20gb take all eight memory slices");
        assertEquals(1.0, quarters.gpus().get(0).heldFraction(), 1e-12, "and are billed a quarter each");
    }

    @Test
    void aGpuIsSharedOneWayAtATime() throws Exception {
        GpuPool pool = pool(1, 1);
        Allocation quarter = place(pool, new Demand.Fraction(SharingMode.TIME_SLICING, 0.25, 1));
        assertNull(place(pool, new Demand.Fraction(SharingMode.MPS, 0.25, 0.25)));
        assertNull(place(pool, mig("1g.10gb")));
        assertNull(place(pool, new Demand.WholeGpus(1)));
        assertNotNull(place(pool, new Demand.Fraction(SharingMode.TIME_SLICING, 0.75, 1)));
        assertNull(place(pool, new Demand.Fraction(SharingMode.TIME_SLICING, 0.01, 1)), "full");
        quarter.release(1);
        assertNotNull(place(pool, new Demand.Fraction(SharingMode.TIME_SLICING, 0.25, 1)), "a freed quarter is reused");
    }

    @Test
    void bestFitPacksSharesOntoTheFullestGpuAndFirstFitTakesTheFirstWithRoom() throws Exception {
        for (PlacementPolicy policy : List.of(new FirstFit(), new BestFit())) {
            GpuPool pool = pool(1, 2);
            Allocation a = place(pool, new Demand.Fraction(SharingMode.TIME_SLICING, 0.5, 1));   // g0: 0.5
            place(pool, new Demand.Fraction(SharingMode.TIME_SLICING, 0.6, 1));                  // g1: 0.6
            a.release(1);
            place(pool, new Demand.Fraction(SharingMode.TIME_SLICING, 0.25, 1));                 // g0: 0.25
            Allocation quarter = pool.place(new GpuPoolTest.Ask("q",
                    new Demand.Fraction(SharingMode.TIME_SLICING, 0.25, 1)), policy, 2);
            int expected = policy instanceof FirstFit ? 0 : 1;
            assertEquals(expected, quarter.gpus().get(0).index(), policy.getClass().getSimpleName());
        }
    }
}
