package org.infersim.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> GPUS = List.of("a100-40gb", "a100-80gb", "h100-pcie", "h100-sxm", "h200", "l40s");

    @Test
    void separatorsAndCaseAreIgnored() {
        assertEquals(Optional.of("h100-sxm"), Suggestions.closest("h100sxm", GPUS));
        assertEquals(Optional.of("h100-sxm"), Suggestions.closest("H100_SXM", GPUS));
    }

    @Test
    void typosWithinAFewEditsAreFound() {
        assertEquals(Optional.of("tensorParallel"), Suggestions.closest("tensorParalel", List.of("replicas", "tensorParallel")));
        assertEquals(Optional.of("round-robin"), Suggestions.closest("round_robin", List.of("round-robin", "least-kv")));
        assertEquals(Optional.of("a100-80gb"), Suggestions.closest("a100-80g", GPUS));
    }

    @Test
    void unrelatedWordsGetNoSuggestion() {
        assertEquals(Optional.empty(), Suggestions.closest("tpu-v5", GPUS));
        assertEquals(Optional.empty(), Suggestions.closest("x", List.of("name", "seed")));
    }

    @Test
    void transpositionsCountOnce() {
        assertEquals(1, Suggestions.distance("ab", "ba"));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
    }
}
