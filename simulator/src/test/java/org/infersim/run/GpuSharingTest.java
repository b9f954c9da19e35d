package org.infersim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.infersim.input.InvalidInputException;
import org.infersim.results.GpuSummary;
import org.infersim.results.GpuTenantSummary;
import org.infersim.results.LatencySummary;
import org.infersim.results.ReplicaSummary;
import org.infersim.results.RunSummary;
import org.infersim.results.SummaryJson;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas sharing one GPU. The same requests arrive at the same instants in every scenario here
 * (a trace: one request every 5 s, each done long before the next), so that what differs between
 * two runs is only how the GPU is shared.
 */
class GpuSharingTest {
    @TempDir
    static Path dir;
    static Path trace;

    /** Pinned so that a share of the GPU gets the same batch limits as the whole GPU (vLLM sizes them by memory). */
    private static final String ENGINE = "engine: {maxNumSeqs: 256, maxNumBatchedTokens: 2048, maxModelLen: 16384}";

    @BeforeAll
    static void writeTrace() throws Exception {
        StringBuilder csv = new StringBuilder("TIMESTAMP,ContextTokens,GeneratedTokens\n");
        for (int i = 0; i < 12; i++) {
            csv.append(i * 5).append(",512,64\n");
        }
        trace = dir.resolve("every-5s.csv");
        Files.writeString(trace, csv);
    }

    /** Deployments x (and y) of Llama-3.2-3B on one H100, given how each holds the GPU; the trace goes to those listed. */
    private static String scenario(String xShare, String yShare, String... sentTo) {
        StringBuilder yaml = new StringBuilder("""
                name: sharing
                seed: 1
                duration: 60s
                cluster:
                  pools: [{name: p, gpu: h100-sxm, count: 1}]
                deployments:
                """);
        yaml.append("  - {name: x, model: llama-3.2-3b, ").append(ENGINE)
                .append(xShare.isEmpty() ? "" : ", gpuShare: " + xShare).append("}\n");
        if (yShare != null) {
            yaml.append("  - {name: y, model: llama-3.2-3b, ").append(ENGINE).append(", gpuShare: ").append(yShare)
                    .append("}\n");
        }
        yaml.append("workloads:\n");
        for (String d : sentTo) {
            yaml.append("  - {name: to-").append(d).append(", deployment: ").append(d)
                    .append(", arrival: {type: trace, file: '").append(trace).append("'}}\n");
        }
        return yaml.toString();
    }

    private static final String HALF = "{mode: time-slicing, fraction: 0.5}";

    /** The host's part of a step of {@code sequences} sequences on an H100, in ms, from the catalog. */
    private static double hostMs(int sequences) throws Exception {
        var e = org.infersim.catalog.Catalog.builtIn().gpu("h100-sxm").orElseThrow().efficiency();
        return (e.iterationOverheadNs() + sequences * e.sequenceOverheadNs()) / 1e6;
    }

    private static LatencySummary tpot(RunSummary s, int stream) {
        return s.streams().get(stream).tpotMs();
    }

    @Test
    void aTimeSlicedReplicaWithAnIdleNeighbourRunsAsFastAsOnTheWholeGpu() throws Exception {
        RunSummary whole = Scenarios.summary(scenario("", null, "x"));
        RunSummary idleNeighbour = Scenarios.summary(scenario(HALF, HALF, "x"));
        assertEquals(12, idleNeighbour.streams().get(0).completed());
        // The neighbour never runs, so the GPU never changes hands: not even a context switch.
        assertEquals(tpot(whole, 0), tpot(idleNeighbour, 0));
        assertEquals(whole.streams().get(0).ttftMs(), idleNeighbour.streams().get(0).ttftMs());
        assertEquals(0, idleNeighbour.replicas().get(1).iterations());
    }

    @Test
    void twoTimeSlicedReplicasBusyTogetherEachRunAtAboutHalfSpeed() throws Exception {
        RunSummary whole = Scenarios.summary(scenario("", null, "x"));
        RunSummary both = Scenarios.summary(scenario(HALF, HALF, "x", "y"));
        double alone = tpot(whole, 0).mean();
        // Both start together. Their host parts (scheduling, sampling: a step's overhead and one
        // sequence's) run side by side without contending; their GPU parts at half speed, each
        // paying the 0.1 ms context switch (the pool's default): host + 2 × (GPU part + switch).
        double host = hostMs(1);
        double expected = host + 2 * (alone - host + 0.1);
        for (int stream = 0; stream < 2; stream++) {
            double shared = tpot(both, stream).mean();
            assertEquals(expected, shared, 0.01 * expected, "stream " + stream + " vs " + alone + " ms alone");
            assertTrue(shared / alone > 1.4, "well below full speed: " + shared / alone);
        }
        // The replicas are busy for their whole steps; the GPU only for their GPU parts, which they
        // run together: it idles while both are on the host.
        GpuSummary gpu = both.gpus().get(0);
        assertEquals(2, gpu.tenants().size());
        double x = both.replicas().get(0).busyFraction();
        double y = both.replicas().get(1).busyFraction();
        assertEquals(x, y, 1e-3 * x);
        assertEquals(x * (1 - host / expected), gpu.busyFraction(), 0.02 * gpu.busyFraction(),
                "the GPU is busy while either runs its GPU part: " + gpu.busyFraction() + " vs " + x);
    }

    @Test
    void migInstancesDoNotSlowEachOtherButEachHasOnlyItsSlices() throws Exception {
        String slice = "{mode: mig, profile: 1g.20gb}";
        RunSummary whole = Scenarios.summary(scenario("", null, "x"));
        RunSummary alone = Scenarios.summary(scenario(slice, slice, "x"));
        RunSummary both = Scenarios.summary(scenario(slice, slice, "x", "y"));
        assertEquals(tpot(alone, 0), tpot(both, 0), "no interference between MIG instances");
        assertEquals(tpot(both, 0), tpot(both, 1));
        // Decode streams weights from memory: two eighths of the bandwidth make the memory-bound
        // part of a step four times as long; the host's part (scheduling, sampling) and the small
        // kernels' fixed time per layer stay as they are.
        var e = org.infersim.catalog.Catalog.builtIn().gpu("h100-sxm").orElseThrow().efficiency();
        double fixed = hostMs(1) + 28 * e.layerOverheadNs() / 1e6; // Llama-3.2-3B has 28 layers
        double expected = fixed + 4 * (tpot(whole, 0).mean() - fixed);
        assertEquals(expected, tpot(alone, 0).mean(), 0.05 * expected, "MIG 1g.20gb TPOT vs the whole GPU's "
                + tpot(whole, 0).mean() + " ms");
        ReplicaSummary r = both.replicas().get(0);
        assertEquals("mig", r.sharing());
        assertEquals("1g.20gb", r.migProfile());
        assertEquals(0.25, r.gpuFraction());
        assertEquals(List.of("p/n0/g0"), both.replicas().get(1).gpuIds(), "both instances on one GPU");
    }

    @Test
    void mpsNeighboursSlowEachOtherOnlyWhileBothAreBusy() throws Exception {
        String share = "{mode: mps, fraction: 0.5, compute: 0.6}";
        RunSummary alone = Scenarios.summary(scenario(share, share, "x"));
        RunSummary both = Scenarios.summary(scenario(share, share, "x", "y"));
        // Interference 0.325 per unit of neighbour share on the GPU part of a step: 1 + 0.325 × 0.6
        // = 1.195; the host part is not slowed.
        double host = hostMs(1);
        double ratio = (tpot(both, 0).mean() - host) / (tpot(alone, 0).mean() - host);
        assertEquals(1.195, ratio, 0.01);
    }

    @Test
    void fourQuarterGpuReplicasFillOneGpuAndEachIsBilledAQuarter() throws Exception {
        RunSummary s = Scenarios.summary("""
                name: quarters
                seed: 2
                duration: 1h
                cluster:
                  pools: [{name: p, gpu: h100-sxm, count: 2, price: $4/h}]
                deployments:
                  - name: small
                    model: llama-3.2-1b
                    replicas: 5
                    gpuShare: {mode: time-slicing, fraction: 0.25}
                workloads:
                  - name: chat
                    arrival: {type: poisson, rate: 4/s}
                    promptTokens: 500
                    outputTokens: 100
                """);
        List<String> gpus = s.replicas().stream().map(r -> r.gpuIds().get(0)).toList();
        assertEquals(List.of("p/n0/g0", "p/n0/g0", "p/n0/g0", "p/n0/g0", "p/n0/g1"), gpus);
        for (ReplicaSummary r : s.replicas()) {
            assertEquals("time-slicing", r.sharing());
            assertEquals(0.25, r.gpuFraction());
        }
        GpuSummary first = s.gpus().get(0);
        assertEquals(List.of("small/0", "small/1", "small/2", "small/3"),
                first.tenants().stream().map(GpuTenantSummary::workload).toList());
        for (GpuTenantSummary t : first.tenants()) {
            assertEquals(0.25, t.gpuHours(), 1e-9);
            assertEquals(1.0, t.cost(), 1e-9);
        }
        assertEquals(1.0, first.allocatedFraction(), 1e-9);
        assertEquals(0.25, s.gpus().get(1).allocatedFraction(), 1e-9);
        assertEquals(1.25, s.deployments().get(0).gpuHours(), 1e-9);
        assertEquals(5.0, s.deployments().get(0).cost(), 1e-9);
        // The pool costs both GPUs; the three idle quarters of the second are nobody's.
        assertEquals(8.0, s.cost().total(), 1e-9);
        assertEquals(5.0, s.cost().billed(), 1e-9);
        assertEquals(3.0, s.cost().unbilled(), 1e-9);
    }

    @Test
    void sharedGpusGiveIdenticalSummariesForTheSameSeed() throws Exception {
        String yaml = scenario(HALF, HALF, "x", "y").replace("seed: 1", "seed: 9");
        assertEquals(SummaryJson.write(Scenarios.summary(yaml)), SummaryJson.write(Scenarios.summary(yaml)));
    }

    @Test
    void aModelThatDoesNotFitItsShareIsRefusedWithTheLineOfTheFraction() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Scenarios.load("""
                name: too-small
                duration: 1m
                cluster:
                  pools: [{name: p, gpu: h100-sxm, count: 1}]
                deployments:
                  - name: d
                    model: llama-3.1-8b
                    gpuShare: {mode: time-slicing, fraction: 0.1}
                workloads:
                  - {name: w, arrival: {type: poisson, rate: 1/s}, promptTokens: 100, outputTokens: 10}
                """));
        assertEquals(1, e.problems().size());
        String p = e.problems().get(0).toString();
        assertTrue(p.startsWith("<test>:8: deployments[0].gpuShare.fraction: llama-3.1-8b at bf16 does not fit in 0.1"
                + " of h100-sxm (8.6 GB): weights need 16.1 GB per GPU"), p);
        assertTrue(p.endsWith("use a larger fraction or a smaller precision"), p);

        InvalidInputException mig = assertThrows(InvalidInputException.class, () -> Scenarios.load("""
                name: too-small
                duration: 1m
                cluster:
                  pools: [{name: p, gpu: h100-sxm, count: 1}]
                deployments:
                  - name: d
                    model: llama-3.1-8b
                    gpuShare: {mode: mig, profile: 1g.10gb}
                workloads:
                  - {name: w, arrival: {type: poisson, rate: 1/s}, promptTokens: 100, outputTokens: 10}
                """));
        assertTrue(mig.problems().get(0).toString().startsWith("<test>:8: deployments[0].gpuShare.profile: llama-3.1-8b"
                + " at bf16 does not fit in MIG 1g.10gb of h100-sxm (10.0 GB)"), mig.problems().get(0).toString());
    }
}
