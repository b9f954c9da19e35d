package org.infersim.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;

/**
 * What {@code infersim size} answered, read back from its {@code size.json}: for each candidate
 * the fewest replicas that met the SLO (or why none did) with that fleet's figures as means and
 * 95% intervals over the replications; the cheapest; and the candidates set beside it.
 */
record SizeResults(int replications, double negligibleShare, String cheapest, List<Candidate> candidates,
                   List<Rival> rivals) {
    static final String FILE = "size.json";

    /** A mean and its half-width (NaN when undefined). */
    record Estimate(double mean, double halfWidth) {
        static Estimate of(JsonNode n) {
            return new Estimate(number(n.get("mean")), number(n.get("halfWidth")));
        }
    }

    /**
     * @param replicas null when no count up to the search's maximum met the SLO; {@code reason} says why
     * @param belowMetIn at one replica fewer, the replications that met the SLO too (null when not run)
     */
    record Candidate(String label, Integer replicas, Integer gpus, Estimate costPerHour, Estimate costPerMillionTokens,
                     Estimate ttftP95Ms, Estimate tpotP95Ms, Estimate sloAttainment, Integer belowMetIn, String run,
                     String reason, int runs) {
        boolean borderline() {
            return belowMetIn != null && belowMetIn > 0;
        }
    }

    /** A candidate that met the SLO, beside the cheapest: this minus the cheapest, and the verdict on each difference. */
    record Rival(String label, boolean notDistinguishable, Estimate cost, String costVerdict, Estimate ttft,
                 String ttftVerdict, Estimate tpot, String tpotVerdict) {}

    /** Whether a varied scenario path is one of the candidates' axes (GPU, precision, tensor parallelism), not a probe's size. */
    static boolean isCandidateAxis(String path) {
        return path.endsWith(".gpu") || path.endsWith(".precision") || path.endsWith(".tensorParallel");
    }

    static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    static SizeResults read(Path dir) throws InvalidInputException {
        Path file = dir.resolve(FILE);
        JsonNode json = JsonObjectFile.read(file);
        if (!json.path("candidates").isArray()) {
            throw new InvalidInputException(new Problem(file.toString(), 1, "candidates",
                    "missing: not a size.json this version of infersim wrote (run infersim size again with --force)"));
        }
        List<Candidate> candidates = new ArrayList<>();
        for (JsonNode c : json.get("candidates")) {
            JsonNode e = c.path("estimate");
            candidates.add(new Candidate(c.path("label").asText(), integer(c.get("replicas")), integer(c.get("gpus")),
                    Estimate.of(e.path("costPerHourUsd")), Estimate.of(e.path("costPerMillionOutputTokensUsd")),
                    Estimate.of(e.path("ttftP95Ms")), Estimate.of(e.path("tpotP95Ms")),
                    Estimate.of(e.path("sloAttainment")), integer(c.get("belowMetIn")),
                    c.hasNonNull("runId") ? c.get("runId").asText() : null,
                    c.hasNonNull("reason") ? c.get("reason").asText() : null, c.path("runs").asInt()));
        }
        List<Rival> rivals = new ArrayList<>();
        for (JsonNode r : json.path("rivals")) {
            JsonNode d = r.path("difference");
            rivals.add(new Rival(r.path("label").asText(), r.path("notDistinguishable").asBoolean(),
                    Estimate.of(d.path("costPerHourUsd")), d.path("costPerHourUsd").path("verdict").asText(),
                    Estimate.of(d.path("ttftP95Ms")), d.path("ttftP95Ms").path("verdict").asText(),
                    Estimate.of(d.path("tpotP95Ms")), d.path("tpotP95Ms").path("verdict").asText()));
        }
        return new SizeResults(json.path("replications").asInt(1), json.path("negligible").path("relative").asDouble(),
                json.hasNonNull("cheapest") ? json.get("cheapest").asText() : null, List.copyOf(candidates),
                List.copyOf(rivals));
    }

    private static Integer integer(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.asInt();
    }

    private static double number(JsonNode n) {
        return n == null || !n.isNumber() ? Double.NaN : n.asDouble();
    }
}
