package org.infersim.model.performance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.infersim.catalog.Catalog;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.scenario.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepTimeTableTest {
    static final String HEADER = "gpu,model,tp,precision,prefill_tokens,decode_seqs,decode_context,step_ms\n";

    @TempDir
    Path dir;

    Path write(String csv) throws Exception {
        Path file = dir.resolve("steps.csv");
        Files.writeString(file, csv);
        return file;
    }

    List<String> problems(String csv) throws Exception {
        Path file = write(csv);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StepTimeTable.read(file));
        return e.problems().stream().map(Problem::toString).map(s -> s.replace(file.toString(), "steps.csv")).toList();
    }

    @Test
    void eachBadCellIsReportedWithItsLineAndColumnAndWhatWasExpected() throws Exception {
        assertEquals(List.of(
                "steps.csv:4: column tp: expected a whole number, 1 or more, got 'two'",
                "steps.csv:5: column precision: expected a format (bf16, fp16, fp8, int8, int4) or weights/kvCache"
                        + " such as fp8/bf16, got 'fp12'",
                "steps.csv:5: column step_ms: expected a number above 0 (milliseconds), got '-3'",
                "steps.csv:6: column decode_context: expected a number at least 1 (the decoding sequences' mean"
                        + " context), got ''",
                "steps.csv:7: expected 8 cells as in the header, got 7"),
                problems("# measured on a lab H100, vLLM 0.15.1\n" + HEADER + """
                        h100-sxm,llama-2-7b,1,bf16,256,0,0,20
                        h100-sxm,llama-2-7b,two,bf16,256,0,0,20
                        h100-sxm,llama-2-7b,1,fp12,256,0,0,-3
                        h100-sxm,llama-2-7b,1,bf16,0,8,,20
                        h100-sxm,llama-2-7b,1,bf16,0,8,20
                        """));
    }

    @Test
    void aRowMeasuresAPrefillOrADecodeStepNeverBothNorNeither() throws Exception {
        List<String> p = problems(HEADER + "h100-sxm,llama-2-7b,1,bf16,256,4,500,20\nh100-sxm,llama-2-7b,1,bf16,0,0,0,1\n");
        assertEquals(2, p.size());
        assertEquals("steps.csv:2: a step of prefill_tokens 256 and decode_seqs 4; a row is a prefill step"
                + " (prefill_tokens above 0, decode_seqs 0) or a decode step (decode_seqs above 0, prefill_tokens 0);"
                + " a step that does both is composed from the two", p.get(0));
        assertEquals("steps.csv:3: a step of no tokens", p.get(1).substring(0, p.get(1).indexOf(';')));
    }

    @Test
    void aHeaderWithoutAColumnNamesTheColumnsExpected() throws Exception {
        assertEquals(List.of("steps.csv:2: no column decode_context, step_ms in the header 'gpu,model,tp,precision,"
                        + "prefill_tokens,decode_seqs,ms'; expected the columns gpu,model,tp,precision,prefill_tokens,"
                        + "decode_seqs,decode_context,step_ms (others are ignored)"),
                problems("# provenance first\ngpu,model,tp,precision,prefill_tokens,decode_seqs,ms\n"));
        assertEquals(List.of("steps.csv: no rows under the header; expected one measured iteration a row"),
                problems("# only a header\n" + HEADER));
        assertEquals(List.of("steps.csv: no header; expected the columns gpu,model,tp,precision,prefill_tokens,"
                + "decode_seqs,decode_context,step_ms"), problems("# nothing but comments\n\n"));
    }

    @Test
    void extraColumnsAreIgnoredAndRepeatedMeasurementsAveraged() throws Exception {
        StepTimeTable t = StepTimeTable.read(write("""
                source,step_ms,decode_context,decode_seqs,prefill_tokens,precision,tp,model,gpu
                "run 1, warm",20,0,0,256,bf16,1,llama-2-7b,H100-SXM
                run 2,22,0,0,256,bf16,1,llama-2-7b,h100-sxm
                run 3,9,700,8,0,bf16,1,llama-2-7b,h100-sxm
                """));
        Catalog c = Catalog.builtIn();
        StepTimeGrid g = t.select(new ServedModel(c.gpu("h100-sxm").orElseThrow(),
                new ModelFootprint(c.model("llama-2-7b").orElseThrow(), Precision.BF16), 1, 1, 1, 16));
        assertArrayEquals(new double[] {256}, g.prefillTokens);
        assertArrayEquals(new double[] {21e6}, g.prefillNs, 1e-3);
        assertArrayEquals(new double[] {8}, g.decodeSeqs);
        assertArrayEquals(new double[] {700}, g.contexts);
        assertEquals(List.of("h100-sxm llama-2-7b tp 1 bf16"), t.deployments());
    }
}
