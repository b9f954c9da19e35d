package org.infersim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.infersim.catalog.GpuPower;
import org.infersim.metrics.PoolSeries;
import org.infersim.results.EnergySummary;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;

/**
 * What the power model promises a planner: energy is the integral of the power series; a GPU with
 * nothing to do draws its idle power; a saturating prefill load comes near the board limit while a
 * memory-bound decode draws well under it; one GPU shared by several replicas is powered once.
 */
class EnergyRunTest {
    private static GpuPower h100() throws Exception {
        return Scenarios.validation().catalog().gpu("h100-sxm").orElseThrow().power();
    }

    private static String scenario(String pool, String deployment, String workload) {
        return """
                name: energy
                seed: 5
                duration: 4m
                warmup: 1m
                metricsInterval: 10s
                cluster:
                  pools: [%s]
                deployments:
                  - %s
                workloads:
                  - %s
                """.formatted(pool, deployment, workload);
    }

    private static final String ONE_H100 = "{name: p, gpu: h100-sxm, count: 1, pue: 1.2}";
    private static final String LLAMA = "{name: d, model: llama-3.1-8b}";

    @Test
    void energyIsTheIntegralOfThePowerSeriesOverTheWindow() throws Exception {
        RunResult r = Scenarios.run(scenario(ONE_H100, LLAMA,
                "{name: w, arrival: {type: poisson, rate: 4/s}, promptTokens: 800, outputTokens: 200}"));
        double joules = 0;
        for (PoolSeries.Row row : r.timeSeries().pools().rows()) {
            if (row.timeS() > 60) {
                joules += row.powerKw() * 1e3 * 10; // each row is the mean over its 10 s interval
            }
        }
        EnergySummary e = r.summary().energy();
        assertEquals(joules / 3.6e6, e.kwh(), 1e-4 * e.kwh());
        assertEquals(e.kwh() * 1.2, e.facilityKwh(), 1e-4 * e.facilityKwh());
        assertTrue(e.peakPowerKw() >= e.averagePowerKw(), "the peak interval is at least the mean");
        assertTrue(e.joulesPerOutputToken() > 0 && e.joulesPerRequest() > 150 * e.joulesPerOutputToken());
    }

    @Test
    void aGpuWithNothingToDoDrawsItsIdlePowerAndItsNodeShare() throws Exception {
        EnergySummary e = Scenarios.summary(scenario(ONE_H100, LLAMA,
                "{name: w, arrival: {type: poisson, rate: 1/h}, promptTokens: 100, outputTokens: 10}")).energy();
        double seconds = 180;
        assertEquals(h100().idleWatts() * seconds / 3.6e6, e.gpuKwh(), 0.01 * e.gpuKwh());
        assertEquals(h100().nodeWattsPerGpu() * seconds / 3.6e6, e.nodeKwh(), 1e-6);
    }

    @Test
    void saturatingPrefillNearsTheBoardLimitWhileDecodeDrawsWellUnderIt() throws Exception {
        double prefill = gpuWatts(scenario(ONE_H100, LLAMA,
                "{name: w, arrival: {type: poisson, rate: 40/s}, promptTokens: 4000, outputTokens: 1}"));
        double decode = gpuWatts(scenario(ONE_H100, "{name: d, model: llama-3.1-8b, engine: {maxNumSeqs: 64}}",
                "{name: w, arrival: {type: closed, users: 64, thinkTime: 0s}, promptTokens: 20, outputTokens: 4000}"));
        assertTrue(prefill > 0.9 * h100().fullWatts(), "prefill draws " + prefill + " W");
        assertTrue(prefill <= h100().fullWatts() + 1e-6);
        assertTrue(decode < 0.75 * h100().fullWatts() && decode > h100().idleWatts(), "decode draws " + decode + " W");
        assertTrue(decode < prefill);
    }

    @Test
    void oneGpuSharedByFourReplicasIsPoweredOnce() throws Exception {
        String shared = "{name: d, model: llama-3.2-1b, replicas: 4, gpuShare: {mode: time-slicing, fraction: 0.25}}";
        EnergySummary idle = Scenarios.summary(scenario(ONE_H100, shared,
                "{name: w, arrival: {type: poisson, rate: 1/h}, promptTokens: 100, outputTokens: 10}")).energy();
        assertEquals(h100().idleWatts() * 180 / 3.6e6, idle.gpuKwh(), 0.01 * idle.gpuKwh());
        double busy = gpuWatts(scenario(ONE_H100, shared,
                "{name: w, arrival: {type: poisson, rate: 80/s}, promptTokens: 2000, outputTokens: 1}"));
        assertTrue(busy <= h100().fullWatts() * 1.02, "four tenants of one GPU draw " + busy + " W");
    }

    /** The GPUs' mean power over the window, node overhead left out. */
    private static double gpuWatts(String yaml) throws Exception {
        EnergySummary e = Scenarios.summary(yaml).energy();
        return e.gpuKwh() * 3.6e6 / 180;
    }
}
