package org.infersim.reports;

import static java.util.Map.entry;
import static org.infersim.results.BatchCsv.Figure.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.infersim.results.BatchCsv.Figure;
import org.infersim.study.BatchAnalysis;
import org.infersim.study.BatchOutput;
import org.infersim.study.BatchRow;
import org.infersim.study.RunFigures;
import org.infersim.study.RunSpec;
import org.infersim.study.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** batch.csv as the studies write it and the batch report reads it back: one schema for both. */
class BatchResultsTest {
    @TempDir
    Path dir;

    @Test
    void everyFigureTheStudiesWriteToBatchCsvIsReadBackByTheReport() throws Exception {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        values.put("deployments[0].gpu", TextNode.valueOf("h100-sxm"));
        values.put("deployments[0].tensorParallel", IntNode.valueOf(2));
        values.put("workloads[0].arrival.steps", JsonNodeFactory.instance.arrayNode().add("5/s").add("10/s"));
        Variant variant = new Variant(0, values, Map.of());
        RunFigures figures = new RunFigures(8, 98.4, 49.2, 1.25, 9.87, 1999.5, 120.0, 340.5, 512.0, 20.0, 30.0, 45.5,
                9000.0, 0.985, 9.5, 1234567, 12, 0.62, 0.71, 0.4, 40.0, 15.0, 30000.0, 1.2e10, true);
        List<BatchRow> rows = List.of(
                new BatchRow(new RunSpec("v001-r1", variant, 0, 17), true, "", figures, false),
                new BatchRow(new RunSpec("v001-r2", variant, 1, 18), false, "out of memory, on \"2\" GPUs", null, false));
        BatchOutput.write(dir, "sweep", dir.resolve("base.yaml"), BatchOutput.columns(List.of(variant)), 2, null, null,
                rows, new BatchAnalysis(rows, null, null));

        BatchResults batch = BatchResults.read(dir);
        BatchResults.Run ok = batch.runs().get(0);
        Map<Figure, Double> expected = new EnumMap<>(Map.ofEntries(entry(GPUS, 8.0), entry(COST_PER_HOUR_USD, 98.4),
                entry(COST_USD, 49.2), entry(COST_PER_MILLION_OUTPUT_TOKENS_USD, 1.25), entry(THROUGHPUT_RPS, 9.87),
                entry(OUTPUT_TOKENS_PER_S, 1999.5), entry(TTFT_P50_MS, 120.0), entry(TTFT_P95_MS, 340.5),
                entry(TTFT_P99_MS, 512.0), entry(TPOT_P50_MS, 20.0), entry(TPOT_P95_MS, 30.0), entry(TPOT_P99_MS, 45.5),
                entry(E2E_P95_MS, 9000.0), entry(SLO_ATTAINMENT, 0.985), entry(GOODPUT_RPS, 9.5),
                entry(REJECTED, 1234567.0), entry(PREEMPTIONS, 12.0), entry(BUSY_FRACTION, 0.62),
                entry(KV_PEAK_OCCUPANCY, 0.71), entry(PREFIX_CACHE_HIT_RATE, 0.4), entry(ON_DEMAND_PER_HOUR_USD, 40.0),
                entry(ON_PREM_PER_HOUR_USD, 15.0), entry(API_PER_MONTH_USD, 30000.0),
                entry(CROSSOVER_TOKENS_PER_MONTH, 1.2e10)));
        Set<Figure> numeric = Arrays.stream(Figure.values()).filter(Figure::numeric).collect(Collectors.toSet());
        assertEquals(numeric, expected.keySet(), "a figure column without a value in this test");
        expected.forEach((f, v) -> assertEquals(v, ok.figure(f), f.header()));
        assertEquals(Boolean.TRUE, ok.meetsSlo());
        assertEquals(Map.of("deployments[0].gpu", "h100-sxm", "deployments[0].tensorParallel", "2",
                "workloads[0].arrival.steps", "[\"5/s\",\"10/s\"]"), ok.values());
        assertEquals(List.of("1", "1", "17"), List.of(ok.variant(), ok.replication(), ok.seed()));

        BatchResults.Run failed = batch.runs().get(1);
        assertEquals("failed", failed.status());
        assertEquals("out of memory, on \"2\" GPUs", failed.message());
        assertTrue(numeric.stream().allMatch(f -> Double.isNaN(failed.figure(f))), "a failed run has no figures");
        assertNull(failed.meetsSlo());
    }
}
