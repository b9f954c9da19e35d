package org.infersim.model.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.infersim.kernel.Simulation;
import org.junit.jupiter.api.Test;

/** Processor sharing on one GPU: rates change when a tenant starts or stops, and only then. */
class SharedGpuTest {
    private static final long W = 10_000_000; // a 10 ms iteration
    private static final long SWITCH = 100_000;

    private final Simulation sim = new Simulation();
    private final List<String> finished = new ArrayList<>();

    private SharedGpu timeSliced() {
        return new SharedGpu(sim, SharingMode.TIME_SLICING, SWITCH, 0.325, 0);
    }

    private Runnable done(String name) {
        return () -> finished.add(name + "@" + sim.now());
    }

    @Test
    void aTenantAloneRunsAtTheSpeedOfTheWholeGpu() {
        SharedGpu gpu = timeSliced();
        SharedGpu.Tenant a = gpu.join("a", 1);
        gpu.join("idle", 1);
        a.begin(W, done("a"));
        sim.run();
        a.begin(W, done("a"));
        sim.run();
        // No neighbour ever ran, so no context switch either.
        assertEquals(List.of("a@" + W, "a@" + 2 * W), finished);
    }

    @Test
    void twoBusyTenantsEachRunAtHalfSpeed() {
        SharedGpu gpu = timeSliced();
        SharedGpu.Tenant a = gpu.join("a", 1);
        SharedGpu.Tenant b = gpu.join("b", 1);
        a.begin(W, done("a"));
        b.begin(W, done("b"));
        assertEquals(0.5, a.rate());
        assertEquals(0.5, b.rate());
        sim.run();
        // b started while a was busy and pays the switch; once a is done, b has the GPU to itself.
        assertEquals(List.of("a@" + 2 * W, "b@" + (2 * W + SWITCH)), finished);
    }

    @Test
    void aLateNeighbourSlowsTheFirstOnlyWhileBothAreBusy() {
        SharedGpu gpu = timeSliced();
        SharedGpu.Tenant a = gpu.join("a", 1);
        SharedGpu.Tenant b = gpu.join("b", 1);
        a.begin(W, done("a"));
        sim.schedule(W / 2, () -> b.begin(W, done("b")));
        sim.run();
        // a: W/2 alone, then its other W/2 at half speed. b: W at half speed, then the rest alone.
        long aEnd = W / 2 + W;
        long bEnd = aEnd + (W + SWITCH - W / 2);
        assertEquals(List.of("a@" + aEnd, "b@" + bEnd), finished);
    }

    @Test
    void theGpuChargesAContextSwitchOnlyWhenItChangesHands() {
        SharedGpu gpu = timeSliced();
        SharedGpu.Tenant a = gpu.join("a", 1);
        SharedGpu.Tenant b = gpu.join("b", 1);
        a.begin(W, done("a"));
        sim.run();
        b.begin(W, done("b"));
        sim.run();
        b.begin(W, done("b"));
        sim.run();
        assertEquals(List.of("a@" + W, "b@" + (2 * W + SWITCH), "b@" + (3 * W + SWITCH)), finished);
    }

    @Test
    void mpsTenantsRunConcurrentlySlowedByTheirNeighboursShares() {
        SharedGpu gpu = new SharedGpu(sim, SharingMode.MPS, SWITCH, 0.325, 0);
        SharedGpu.Tenant a = gpu.join("a", 0.6);
        SharedGpu.Tenant b = gpu.join("b", 0.6);
        a.begin(W, done("a"));
        b.begin(W, done("b"));
        // Two replicas at 60% of the SMs: +19.5% each, the measurement the coefficient was fitted on.
        assertEquals(1 / 1.195, a.rate(), 1e-12);
        sim.run();
        long both = (long) Math.ceil(W * 1.195);
        assertEquals(List.of("a@" + both, "b@" + both), finished);
        assertEquals(both, gpu.busyNs());
        assertEquals(both, a.runningNs());
    }

    @Test
    void busyTimeCountsWhenAnyTenantIsBusyAfterTheWarmUp() {
        SharedGpu gpu = new SharedGpu(sim, SharingMode.TIME_SLICING, 0, 0, W / 2);
        SharedGpu.Tenant a = gpu.join("a", 1);
        SharedGpu.Tenant b = gpu.join("b", 1);
        a.begin(W, done("a"));
        sim.schedule(3 * W, () -> b.begin(W, done("b")));
        sim.run();
        assertEquals(W / 2 + W, gpu.busyNs());
    }
}
