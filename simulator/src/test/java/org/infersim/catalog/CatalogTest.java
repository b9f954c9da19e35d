package org.infersim.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {

    static final List<String> SHIPPED_GPUS = List.of("a10g", "l4", "l40s", "a100-40gb", "a100-80gb", "h100-pcie",
            "h100-sxm", "h200", "b200", "mi300x");
    static final List<String> SHIPPED_MODELS = List.of("llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b",
            "llama-3.2-1b", "llama-3.2-3b", "llama-2-7b", "llama-2-70b", "mistral-7b", "mixtral-8x7b", "qwen2.5-72b",
            "yi-34b", "llama-3.3-70b", "qwen3-32b", "codellama-34b", "qwen3-14b", "qwen2.5-7b", "mistral-nemo-12b",
            "mixtral-8x22b");

    static final List<String> GPU_NUMBERS = List.of("memory", "memoryBandwidth", "bf16", "fp8", "tdp",
            "interconnectBandwidth", "pcieBandwidth", "mfu", "mbu", "iterationOverhead", "allReduceLatency", "reserved",
            "price");
    static final List<String> MODEL_NUMBERS = List.of("layers", "hiddenSize", "attentionHeads", "kvHeads", "headDim",
            "intermediateSize", "vocabSize", "experts", "activeExperts", "publishedParams", "maxContext",
            "tiedEmbeddings");

    static Catalog builtIn() throws InvalidInputException {
        return Catalog.builtIn();
    }

    // ------------------------------------------------------------------ shipped catalogs

    @Test
    void everyShippedGpuAndModelLoadsInFileOrder() throws Exception {
        Catalog c = builtIn();
        assertEquals(SHIPPED_GPUS, c.gpus().stream().map(GpuSpec::id).toList());
        assertEquals(SHIPPED_MODELS, c.models().stream().map(ModelSpec::id).toList());
        for (String id : SHIPPED_GPUS) {
            assertTrue(c.gpu(id).isPresent(), id);
        }
        for (String id : SHIPPED_MODELS) {
            assertTrue(c.model(id).isPresent(), id);
        }
    }

    @Test
    void everyNumberHasASource() throws Exception {
        for (GpuSpec g : builtIn().gpus()) {
            List<String> keys = new ArrayList<>(GPU_NUMBERS);
            if (!g.migProfiles().isEmpty()) {
                keys.add("mig");
            }
            for (String k : keys) {
                String s = g.sources().get(k);
                assertTrue(s != null && s.length() > 10, g.id() + " has no source for " + k);
            }
            assertFalse(g.priceDate().isBlank(), g.id());
        }
        for (ModelSpec m : builtIn().models()) {
            for (String k : MODEL_NUMBERS) {
                String s = m.sources().get(k);
                assertTrue(s != null && s.length() > 5, m.id() + " has no source for " + k);
            }
        }
    }

    @Test
    void unverifiedAndEstimatedFiguresSaySo() throws Exception {
        Catalog c = builtIn();
        for (String id : List.of("a10g", "l4", "h100-pcie", "mi300x")) {
            assertTrue(c.gpu(id).orElseThrow().sources().get("price").contains("ESTIMATE, UNVERIFIED"), id);
        }
        assertTrue(c.gpu("a10g").orElseThrow().sources().get("bf16").contains("UNVERIFIED"));
        assertTrue(c.gpu("h200").orElseThrow().sources().get("mig").contains("UNVERIFIED"));
    }

    @Test
    void datasheetFiguresAreDenseAndInSiUnits() throws Exception {
        Catalog c = builtIn();
        GpuSpec a100 = c.gpu("a100-80gb").orElseThrow();
        assertEquals(2.039e12, a100.memoryBandwidth(), 1e3);
        assertEquals(312e12, a100.bf16Flops(), 1e3);
        assertEquals(81920L << 20, a100.memoryBytes(), "nvidia-smi's 81920MiB: 80 GiB, not the datasheet's 80·10⁹ bytes");
        assertEquals(0, a100.fp8Flops());
        assertEquals(312e12, a100.peakFlops(true), 1e3, "no FP8 tensor cores: FP8 runs at the BF16 rate");

        GpuSpec h100 = c.gpu("h100-sxm").orElseThrow();
        assertEquals(989e12, h100.bf16Flops(), 1e12, "dense, not the 1,979 TF sparse figure");
        assertEquals(1979e12, h100.fp8Flops(), 1e12);
        assertEquals(3.35e12, h100.memoryBandwidth(), 1e3);
        assertEquals(700, h100.tdpWatts());
        assertEquals(450e9, h100.interconnectBandwidth(), 1, "NVLink 900 GB/s bidirectional = 450 per direction");
        assertEquals(64e9, h100.pcieBandwidth(), 1);

        assertEquals(143771L << 20, c.gpu("h200").orElseThrow().memoryBytes());
        assertEquals(2.25e15, c.gpu("b200").orElseThrow().bf16Flops(), 1e3);
        assertEquals(1000, c.gpu("b200").orElseThrow().tdpWatts());
        assertEquals(196592L << 20, c.gpu("mi300x").orElseThrow().memoryBytes());
        assertEquals(2_550_000L, h100.efficiency().iterationOverheadNs(), "2.55ms, exactly");
        assertEquals(21_500L, h100.efficiency().sequenceOverheadNs(), "21.5us, exactly");
        assertEquals(2L << 30, h100.efficiency().reservedBytes());

        for (GpuSpec g : c.gpus()) {
            // Sparse figures are exactly 2x the dense ones; no shipped part's dense BF16 reaches 2.5 PF.
            // FP8 is twice BF16 on every FP8 part (the L40S datasheet prints 362.05 and 733).
            assertTrue(g.bf16Flops() > 50e12 && g.bf16Flops() < 2.5e15, g.id());
            assertTrue(g.fp8Flops() == 0 || Math.abs(g.fp8Flops() / g.bf16Flops() - 2) < 0.03, g.id());
            assertTrue(g.interconnectBandwidth() <= 1e12 && g.pcieBandwidth() <= g.interconnectBandwidth(), g.id());
            assertTrue(g.pricePerHour() > 0.1 && g.pricePerHour() < 20, g.id());
        }
    }

    @Test
    void memoryIsWhatTheDeviceReportsWhichIsMoreThanTheDatasheetsDecimalFigure() throws Exception {
        // Datasheet capacities in decimal GB; every part exposes more than that to software
        // (nvidia-smi prints binary MiB), so a catalog figure at or under them is a datasheet copy.
        Map<String, Double> datasheet = Map.of("a10g", 24e9, "l4", 24e9, "l40s", 48e9, "a100-40gb", 40e9,
                "a100-80gb", 80e9, "h100-pcie", 80e9, "h100-sxm", 80e9, "h200", 141e9, "b200", 180e9,
                "mi300x", 192e9);
        Catalog c = builtIn();
        datasheet.forEach((id, decimal) -> {
            GpuSpec g = c.gpu(id).orElseThrow();
            assertTrue(g.memoryBytes() > decimal && g.memoryBytes() < decimal * 1.08, id + ": " + g.memoryBytes());
            assertTrue(g.sources().get("memory").contains("MiB"), id + " quotes the reported figure");
        });
    }

    @Test
    void efficiencyFactorsStayPhysical() throws Exception {
        for (GpuSpec g : builtIn().gpus()) {
            Efficiency e = g.efficiency();
            // No efficiency above what a copy or a large GEMM reaches on real parts (0.90 and 0.81,
            // measured on Hopper), none below the bottom of the ranges other serving simulators
            // start from (practitioner reports: bandwidth 0.72, prefill MFU 0.35).
            assertTrue(e.mbu() >= 0.72 && e.mbu() <= 0.9, g.id() + " mbu " + e.mbu());
            assertTrue(e.mfu() >= 0.35 && e.mfu() <= 0.81, g.id() + " mfu " + e.mfu());
            assertTrue(e.mfuFp8() > 0 && e.mfuFp8() <= e.mfu(), g.id() + " FP8 products reach at most BF16's share");
            assertTrue(e.overlap() >= 0 && e.overlap() <= 1, g.id());
            assertTrue(e.mfuHalfTokens() >= 0 && e.mfuHalfTokens() < 1024, g.id());
            // Host costs of a serving engine: a few hundred us to a few ms a step; per sequence and
            // per layer far less; a front end of milliseconds.
            assertTrue(e.iterationOverheadNs() >= 100_000 && e.iterationOverheadNs() <= 5_000_000, g.id());
            assertTrue(e.sequenceOverheadNs() >= 0 && e.sequenceOverheadNs() < 100_000, g.id());
            assertTrue(e.layerOverheadNs() >= 0 && e.layerOverheadNs() < 50_000, g.id());
            assertTrue(e.requestOverheadNs() >= 0 && e.requestOverheadNs() < 50_000_000, g.id());
            assertTrue(e.allReduceLatencyNs() > 0 && e.allReduceLatencyNs() < 100_000, g.id());
            assertTrue(e.reservedBytes() >= (1L << 30) && e.reservedBytes() <= (8L << 30), g.id());
        }
    }

    @Test
    void hopperFactorsStayWithinWhatWasMeasuredOnTheRealParts() throws Exception {
        Catalog c = builtIn();
        GpuSpec h100 = c.gpu("h100-sxm").orElseThrow();
        GpuSpec h200 = c.gpu("h200").orElseThrow();
        // Measured by the infersim authors: copy about 3.0 of 3.35 TB/s and 4.3 of 4.8; GEMM 790-800 and 770-800 of 989 TF/s.
        assertTrue(h100.efficiency().mbu() * h100.memoryBandwidth() < 3.0e12);
        assertTrue(h200.efficiency().mbu() * h200.memoryBandwidth() < 4.3e12);
        assertTrue(h100.efficiency().mfu() * h100.bf16Flops() <= 800e12);
        assertTrue(h200.efficiency().mfu() * h200.bf16Flops() <= 800e12);
    }

    @Test
    void migProfilesFollowTheMigUserGuide() throws Exception {
        Catalog c = builtIn();
        for (String id : List.of("a100-80gb", "h100-sxm", "h100-pcie")) {
            List<MigProfile> p = c.gpu(id).orElseThrow().migProfiles();
            assertEquals(List.of("1g.10gb", "1g.20gb", "2g.20gb", "3g.40gb", "4g.40gb", "7g.80gb"),
                    p.stream().map(MigProfile::name).toList(), id);
            assertEquals(new MigProfile("1g.10gb", 1, 1, 10_000_000_000L, 7), p.get(0));
            assertEquals(new MigProfile("3g.40gb", 3, 4, 40_000_000_000L, 2), p.get(3));
        }
        List<MigProfile> a40 = c.gpu("a100-40gb").orElseThrow().migProfiles();
        assertEquals(new MigProfile("1g.5gb", 1, 1, 5_000_000_000L, 7), a40.get(0));
        assertEquals(List.of("1g.23gb", "1g.45gb", "2g.45gb", "3g.90gb", "4g.90gb", "7g.180gb"),
                c.gpu("b200").orElseThrow().migProfiles().stream().map(MigProfile::name).toList());
        assertEquals(6, c.gpu("h200").orElseThrow().migProfiles().size());
        for (String id : List.of("a10g", "l4", "l40s", "mi300x")) {
            assertTrue(c.gpu(id).orElseThrow().migProfiles().isEmpty(), id);
        }
        for (GpuSpec g : c.gpus()) {
            for (MigProfile p : g.migProfiles()) {
                assertTrue(p.computeSlices() * p.maxInstances() <= 7, g.id() + " " + p.name());
                assertTrue(p.memorySlices() * p.maxInstances() <= 8, g.id() + " " + p.name());
                assertTrue(p.name().startsWith(p.computeSlices() + "g."), g.id() + " " + p.name());
                assertTrue(p.memoryBytes() <= g.memoryBytes(), g.id() + " " + p.name());
            }
        }
    }

    // ------------------------------------------------------------------ models

    /**
     * Parameters the architecture implies: embedding V·h, an untied head V·h, and per layer the
     * attention projections h·(n_h·d) + 2·h·(n_kv·d) + (n_h·d)·h and the gated MLP 3·h·f per expert.
     */
    static double architectureParams(ModelSpec m) {
        double h = m.hiddenSize();
        double q = (double) m.attentionHeads() * m.headDim();
        double kv = (double) m.kvHeads() * m.headDim();
        double embeddings = (double) m.vocabSize() * h * (m.tiedEmbeddings() ? 1 : 2);
        double attention = h * q + 2 * h * kv + q * h;
        double mlp = 3 * h * m.intermediateSize() * m.experts();
        return embeddings + m.layers() * (attention + mlp);
    }

    @Test
    void theArchitectureOfEveryModelAddsUpToItsPublishedParameterCount() throws Exception {
        for (ModelSpec m : builtIn().models()) {
            double computed = architectureParams(m);
            double error = Math.abs(computed / m.publishedParams() - 1);
            assertTrue(error < 0.03, m.id() + ": architecture gives " + computed / 1e9 + "B, published "
                    + m.publishedParams() / 1e9 + "B");
        }
    }

    @Test
    void knownArchitecturesAreExact() throws Exception {
        Catalog c = builtIn();
        ModelSpec llama8 = c.model("llama-3.1-8b").orElseThrow();
        assertEquals(List.of(32, 4096, 32, 8, 128, 14336, 128256, 131072),
                List.of(llama8.layers(), llama8.hiddenSize(), llama8.attentionHeads(), llama8.kvHeads(),
                        llama8.headDim(), llama8.intermediateSize(), llama8.vocabSize(), llama8.maxContext()));
        assertFalse(llama8.tiedEmbeddings());
        assertEquals(8_030_000_000L, llama8.publishedParams());

        ModelSpec llama2 = c.model("llama-2-7b").orElseThrow();
        assertEquals(List.of(32, 4096, 32, 32, 128, 11008, 32000, 4096),
                List.of(llama2.layers(), llama2.hiddenSize(), llama2.attentionHeads(), llama2.kvHeads(),
                        llama2.headDim(), llama2.intermediateSize(), llama2.vocabSize(), llama2.maxContext()));

        for (ModelSpec m : c.models()) {
            assertEquals(0, m.attentionHeads() % m.kvHeads(), m.id());
            // headDim is hidden_size / num_attention_heads unless config.json sets head_dim (Qwen3, Mistral NeMo).
            if (!m.sources().get("headDim").contains("head_dim=")) {
                assertEquals(m.hiddenSize(), m.attentionHeads() * m.headDim(), m.id() + ": h = n_h·d");
            }
            assertEquals(m.isMixtureOfExperts(), m.experts() > 1, m.id());
        }
        assertTrue(c.model("llama-3.2-1b").orElseThrow().tiedEmbeddings());

        // Qwen3-32B sets head_dim=128 with 64 heads: its attention is 8192 wide on a 5120 hidden size.
        ModelSpec qwen3 = c.model("qwen3-32b").orElseThrow();
        assertEquals(List.of(64, 5120, 64, 8, 128, 25600, 151936, 40960),
                List.of(qwen3.layers(), qwen3.hiddenSize(), qwen3.attentionHeads(), qwen3.kvHeads(),
                        qwen3.headDim(), qwen3.intermediateSize(), qwen3.vocabSize(), qwen3.maxContext()));
    }

    @Test
    void modelsImportedFromConfigJsonMatchTheParameterCountsTheirMakersPublish() throws Exception {
        // The imported entries' publishedParams are computed from config.json; the makers' own figures
        // (rounded as printed, so the tolerance is one unit of the last digit printed) check the shapes.
        Catalog c = builtIn();
        Map<String, double[]> published = Map.of(
                "qwen3-14b", new double[] {14.8e9, 0.1e9},        // Qwen/Qwen3-14B model card: 14.8B
                "qwen2.5-7b", new double[] {7.61e9, 0.01e9},      // Qwen/Qwen2.5-7B-Instruct model card: 7.61B
                "mistral-nemo-12b", new double[] {12e9, 1e9},     // Mistral AI, Mistral NeMo announcement: 12B
                "codellama-34b", new double[] {34e9, 1e9},        // Code Llama paper: 34B
                "mixtral-8x22b", new double[] {141e9, 1e9});      // Mistral AI, Mixtral 8x22B announcement: 141B
        published.forEach((id, figure) -> {
            ModelSpec m = c.model(id).orElseThrow();
            assertEquals(figure[0], m.publishedParams(), figure[1], id);
            assertEquals(figure[0], architectureParams(m), figure[1], id);
        });

        // Mistral NeMo sets head_dim=128 with 32 heads: its attention is 4096 wide on a 5120 hidden size.
        ModelSpec nemo = c.model("mistral-nemo-12b").orElseThrow();
        assertEquals(List.of(40, 5120, 32, 8, 128, 14336, 131072, 131072),
                List.of(nemo.layers(), nemo.hiddenSize(), nemo.attentionHeads(), nemo.kvHeads(), nemo.headDim(),
                        nemo.intermediateSize(), nemo.vocabSize(), nemo.maxContext()));

        // Mixtral 8x22B: 8 experts of which 2 per token, 39B parameters active (the announcement).
        ModelSpec mixtral = c.model("mixtral-8x22b").orElseThrow();
        assertEquals(List.of(8, 2), List.of(mixtral.experts(), mixtral.activeExperts()));
        double perExpert = 3.0 * mixtral.hiddenSize() * mixtral.intermediateSize() * mixtral.layers();
        assertEquals(39e9, architectureParams(mixtral) - (mixtral.experts() - mixtral.activeExperts()) * perExpert,
                1e9);
    }

    @Test
    void mixtralIsAMixtureOf8ExpertsWith2ActiveAnd46Point7BParameters() throws Exception {
        ModelSpec mixtral = builtIn().model("mixtral-8x7b").orElseThrow();
        assertTrue(mixtral.isMixtureOfExperts());
        assertEquals(8, mixtral.experts());
        assertEquals(2, mixtral.activeExperts());
        assertEquals(46.7e9, mixtral.publishedParams(), 1);
        assertEquals(46.7e9, architectureParams(mixtral), 0.1e9);
    }

    // ------------------------------------------------------------------ lookups and user catalogs

    @Test
    void unknownIdsAreEmptyAndIdsAreCaseInsensitive() throws Exception {
        Catalog c = builtIn();
        assertTrue(c.gpu("h100-sxm9").isEmpty());
        assertTrue(c.model("gpt-5").isEmpty());
        assertTrue(c.gpu(null).isEmpty());
        assertEquals("h100-sxm", c.gpu("H100-SXM").orElseThrow().id());
        assertEquals("llama-3.1-8b", c.model("Llama-3.1-8B").orElseThrow().id());
        assertTrue(Catalog.load(List.of()) == c, "no extra directories: the built-in catalog itself");
    }

    static final String USER_GPU = """
            gpus:
              - id: H100-SXM
                name: H100 SXM, our measured node
                vendor: nvidia
                memory: 80GiB
                memoryBandwidth: 3.35TB/s
                bf16: 989TFLOPS
                tdp: 700W
                interconnect: NVLink 4
                interconnectBandwidth: 450GB/s
                pcieBandwidth: 64GB/s
                efficiency: {mfu: 0.55, mbu: 78%, iterationOverhead: 800us, allReduceLatency: 250ns, reserved: 3GiB}
                price: $2.10/h
                priceDate: 2026-10
                sources:
                  memory: nvidia-smi reports 81559 MiB
                  memoryBandwidth: datasheet
                  bf16: datasheet
                  tdp: datasheet
                  interconnectBandwidth: datasheet
                  pcieBandwidth: datasheet
                  mfu: our calibration
                  mbu: our calibration
                  iterationOverhead: our calibration
                  allReduceLatency: our calibration
                  reserved: our calibration
                  price: our contract
            """;

    static final String USER_MODEL = """
            models:
              - id: tiny-moe
                name: Tiny MoE
                layers: 4
                hiddenSize: 512
                attentionHeads: 8
                kvHeads: 2
                headDim: 64
                intermediateSize: 1024
                vocabSize: 32000
                experts: 4
                activeExperts: 1
                publishedParams: 60_000_000
                maxContext: 8192
                tiedEmbeddings: true
                sources:
                  layers: our config.json
                  hiddenSize: our config.json
                  attentionHeads: our config.json
                  kvHeads: our config.json
                  headDim: our config.json
                  intermediateSize: our config.json
                  vocabSize: our config.json
                  experts: our config.json
                  activeExperts: our config.json
                  publishedParams: our count
                  maxContext: our config.json
                  tiedEmbeddings: our config.json
            """;

    @Test
    void aUserDirectoryOverridesABuiltInGpuAndAddsAModel(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("gpus.yaml"), USER_GPU);
        Files.writeString(dir.resolve("models.yaml"), USER_MODEL);
        Catalog c = Catalog.load(List.of(dir));

        GpuSpec h100 = c.gpu("h100-sxm").orElseThrow();
        assertEquals("H100 SXM, our measured node", h100.name());
        assertEquals(80L << 30, h100.memoryBytes());
        assertEquals(0, h100.fp8Flops(), "fp8 omitted: none");
        assertEquals(0.78, h100.efficiency().mbu(), 1e-12);
        assertEquals(800_000, h100.efficiency().iterationOverheadNs());
        assertEquals(250, h100.efficiency().allReduceLatencyNs());
        assertEquals(2.10, h100.pricePerHour(), 1e-12);
        assertTrue(h100.migProfiles().isEmpty());
        assertEquals(SHIPPED_GPUS, c.gpus().stream().map(g -> g.id().toLowerCase()).toList(),
                "the override keeps the built-in's place");

        ModelSpec tiny = c.model("tiny-moe").orElseThrow();
        assertEquals(60_000_000L, tiny.publishedParams());
        assertTrue(tiny.isMixtureOfExperts());
        assertEquals("tiny-moe", c.models().get(c.models().size() - 1).id());
        assertEquals(SHIPPED_MODELS.size() + 1, c.models().size());

        // The built-in catalog is untouched.
        assertEquals(81559L << 20, builtIn().gpu("h100-sxm").orElseThrow().memoryBytes());
        assertTrue(builtIn().model("tiny-moe").isEmpty());
    }

    @Test
    void aGpuWithOnlyThePlainRooflineFactorsAddsNoneOfTheFittedTerms(@TempDir Path dir) throws Exception {
        // USER_GPU gives mfu, mbu, iterationOverhead, allReduceLatency and reserved only, as
        // catalogs written before the fitted terms did: their step times must not change.
        Files.writeString(dir.resolve("gpus.yaml"), USER_GPU);
        Efficiency e = Catalog.load(List.of(dir)).gpu("h100-sxm").orElseThrow().efficiency();
        assertEquals(e.mfu(), e.mfuFp8(), "FP8 products at BF16's share of their peak");
        assertEquals(0, e.mfuHalfTokens());
        assertEquals(0, e.overlap());
        assertEquals(0, e.layerOverheadNs() + e.sequenceOverheadNs() + e.requestOverheadNs());
    }

    @Test
    void aGpuWrittenBackAsAnEntryReadsAsTheSameGpu(@TempDir Path dir) throws Exception {
        for (GpuSpec g : builtIn().gpus()) {
            Files.writeString(dir.resolve("gpus.yaml"), GpuEntryYaml.file(List.of(g)));
            assertEquals(g, Catalog.load(List.of(dir)).gpu(g.id()).orElseThrow(), g.id());
        }
    }

    @Test
    void anOverlapOutsideZeroToOneIsAProblem(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("gpus.yaml"), USER_GPU.replace("mbu: 78%,", "mbu: 78%, overlap: 1.5,")
                .replace("      mbu: our calibration", "      mbu: our calibration\n      overlap: our calibration"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Catalog.load(List.of(dir)));
        assertTrue(e.getMessage().contains("gpus[0].efficiency.overlap: expected a share in [0, 1], got 1.5"),
                e.getMessage());
    }

    @Test
    void aMigProfileLargerThanItsGpuIsAProblem(@TempDir Path dir) throws Exception {
        // A MIG GPU has 7 compute slices and 8 memory slices (NVIDIA's MIG user guide).
        String a100 = GpuEntryYaml.file(List.of(builtIn().gpu("a100-80gb").orElseThrow()));
        String first = a100.substring(a100.indexOf("      - {name: "), a100.indexOf('\n', a100.indexOf("      - {name: ")));
        String bad = first.replaceFirst("compute: \\d+", "compute: 8").replaceFirst("memorySlices: \\d+", "memorySlices: 99")
                .replaceFirst("maxInstances: \\d+", "maxInstances: 9");
        List<String> p = gpuProblems(dir, a100.replace(first, bad)).stream().map(Problem::toString).toList();
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.get(0).matches(".*gpus\\.yaml:\\d+: gpus\\[0\\].mig\\[0\\]\\.compute: a MIG profile has at most 7"
                + " compute slices, got 8"), p.get(0));
        assertTrue(p.get(1).endsWith("memorySlices: a MIG profile has at most 8 memory slices, got 99"), p.get(1));
        assertTrue(p.get(2).endsWith("maxInstances: a GPU holds at most 7 MIG instances, got 9"), p.get(2));
    }

    @Test
    void laterDirectoriesWin(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        Files.writeString(a.resolve("models.yaml"), USER_MODEL);
        Files.writeString(b.resolve("models.yaml"), USER_MODEL.replace("name: Tiny MoE", "name: Tiny MoE v2"));
        assertEquals("Tiny MoE v2", Catalog.load(List.of(a, b)).model("tiny-moe").orElseThrow().name());
        assertEquals("Tiny MoE", Catalog.load(List.of(b, a)).model("tiny-moe").orElseThrow().name());
    }

    static List<Problem> problems(Path dir) {
        return assertThrows(InvalidInputException.class, () -> Catalog.load(List.of(dir))).problems();
    }

    static List<Problem> gpuProblems(Path dir, String yaml) throws IOException {
        Files.writeString(dir.resolve("gpus.yaml"), yaml);
        return problems(dir);
    }

    @Test
    void aBadUnitNamesTheFileTheLineAndThePath(@TempDir Path dir) throws Exception {
        List<Problem> p = gpuProblems(dir, USER_GPU.replace("memoryBandwidth: 3.35TB/s", "memoryBandwidth: 3.35TB"));
        assertEquals(List.of(new Problem(dir.resolve("gpus.yaml").toString(), 6, "gpus[0].memoryBandwidth",
                "expected a bandwidth such as 3.35TB/s or 900GB/s, got '3.35TB'")), p);
        assertTrue(p.get(0).toString().startsWith(dir.resolve("gpus.yaml") + ":6: gpus[0].memoryBandwidth: "));
    }

    @Test
    void aBadUnitInsideTheEfficiencyMappingIsLocatedToo(@TempDir Path dir) throws Exception {
        List<Problem> p = gpuProblems(dir, USER_GPU.replace("iterationOverhead: 800us", "iterationOverhead: 800"));
        assertEquals(1, p.size(), p.toString());
        assertEquals(12, p.get(0).line());
        assertEquals("gpus[0].efficiency.iterationOverhead", p.get(0).path());
        assertTrue(p.get(0).message().contains("bare number '800' (write its unit)"), p.get(0).message());
    }

    @Test
    void aNumberWithoutASourceIsAProblem(@TempDir Path dir) throws Exception {
        List<Problem> p = gpuProblems(dir, USER_GPU.replace("      tdp: datasheet\n", ""));
        assertEquals(1, p.size(), p.toString());
        assertEquals(8, p.get(0).line());
        assertEquals("gpus[0].tdp", p.get(0).path());
        assertTrue(p.get(0).message().contains("add 'sources.tdp'"), p.get(0).message());

        p = gpuProblems(dir, USER_GPU.replace("      mfu: our calibration\n", ""));
        assertEquals(List.of("gpus[0].efficiency.mfu"), p.stream().map(Problem::path).toList());
    }

    @Test
    void unknownKeysMissingFieldsAndStraySourcesAreProblems(@TempDir Path dir) throws Exception {
        List<Problem> p = gpuProblems(dir, USER_GPU.replace("tdp: 700W", "tpd: 700W"));
        List<String> messages = p.stream().map(Problem::toString).collect(Collectors.toList());
        assertTrue(messages.stream().anyMatch(m -> m.contains(":8: gpus[0].tpd: unknown key 'tpd' (did you mean 'tdp'?)")),
                messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains(":2: gpus[0]: missing 'tdp'")), messages.toString());

        p = gpuProblems(dir, USER_GPU.replace("      tdp: datasheet\n", "      tdp: datasheet\n      tpd: typo\n"));
        assertEquals(List.of("gpus[0].sources.tpd"), p.stream().map(Problem::path).toList());
        assertEquals(20, p.get(0).line());
    }

    @Test
    void badModelValuesAreProblems(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("models.yaml"), USER_MODEL.replace("kvHeads: 2", "kvHeads: 3")
                .replace("activeExperts: 1", "activeExperts: 5").replace("layers: 4", "layers: four"));
        List<String> paths = problems(dir).stream().map(Problem::path).toList();
        assertEquals(List.of("models[0].layers", "models[0].kvHeads", "models[0].activeExperts"), paths);
    }

    @Test
    void duplicateIdsInOneFileAndBrokenYamlAreProblems(@TempDir Path dir) throws Exception {
        String twice = USER_MODEL + USER_MODEL.substring("models:\n".length());
        Files.writeString(dir.resolve("models.yaml"), twice);
        List<Problem> p = problems(dir);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).message().contains("appears twice"), p.get(0).message());

        Files.writeString(dir.resolve("models.yaml"), "models:\n  - id: [unclosed\n");
        p = problems(dir);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).message().startsWith("not valid YAML"), p.get(0).message());
        assertNotEquals(0, p.get(0).line());
    }

    @Test
    void aMissingOrEmptyDirectoryIsAProblem(@TempDir Path dir) throws Exception {
        Path none = dir.resolve("none");
        assertEquals(List.of(new Problem(none.toString(), 0, "", "catalog directory not found")), problems(none));
        assertTrue(problems(dir).get(0).message().contains("neither gpus.yaml nor models.yaml"));
    }

    @Test
    void everyProblemOfEveryFileIsReportedAtOnce(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("gpus.yaml"), USER_GPU.replace("700W", "700").replace("$2.10/h", "2.10 dollars"));
        Files.writeString(dir.resolve("models.yaml"), USER_MODEL.replace("maxContext: 8192", "maxContext: 8k"));
        Map<String, Long> byFile = problems(dir).stream()
                .collect(Collectors.groupingBy(pr -> Path.of(pr.file()).getFileName().toString(), Collectors.counting()));
        assertEquals(Map.of("gpus.yaml", 2L, "models.yaml", 1L), byFile);
    }
}
