package org.infersim.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.infersim.input.InvalidInputException;

/**
 * What {@code infersim size} answered for each candidate, read back from its {@code size.json}:
 * the fewest replicas that met the SLO (or why none did), with that fleet's figures.
 */
record SizeResults(List<Candidate> candidates) {
    static final String FILE = "size.json";

    /**
     * @param replicas null when no count up to the search's maximum met the SLO; {@code reason} says why
     */
    record Candidate(String gpu, String precision, int tensorParallel, Integer replicas, Integer gpus,
                     Double costPerHourUsd, Double ttftP95Ms, Double tpotP95Ms, String run, String reason, int runs) {
        String label() {
            return gpu + " " + precision + " TP" + tensorParallel;
        }
    }

    static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    static SizeResults read(Path dir) throws InvalidInputException {
        JsonNode json = JsonObjectFile.readArray(dir.resolve(FILE));
        List<Candidate> out = new ArrayList<>();
        for (JsonNode c : json) {
            JsonNode f = c.path("figures");
            out.add(new Candidate(c.path("gpu").asText(), c.path("precision").asText(), c.path("tensorParallel").asInt(),
                    c.hasNonNull("replicas") ? c.get("replicas").asInt() : null,
                    f.hasNonNull("gpus") ? f.get("gpus").asInt() : null, number(f.get("costPerHourUsd")),
                    number(f.get("ttftP95Ms")), number(f.get("tpotP95Ms")),
                    c.hasNonNull("runId") ? c.get("runId").asText() : null,
                    c.hasNonNull("reason") ? c.get("reason").asText() : null, c.path("runs").asInt()));
        }
        return new SizeResults(List.copyOf(out));
    }

    private static Double number(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.asDouble();
    }
}
