package org.infersim.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** {@code summary.json}: the run summary as indented JSON, fields in a fixed order. */
public final class SummaryJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private SummaryJson() {}

    public static String write(RunSummary summary) {
        try {
            return MAPPER.writeValueAsString(summary) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a summary written by {@link #write}, for reports and batches. */
    public static RunSummary read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), RunSummary.class);
    }
}
