package org.infersim.model.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.infersim.model.random.RandomStreams;
import org.infersim.model.serving.PromptContent;
import org.infersim.scenario.ArrivalSpec;
import org.infersim.scenario.DocumentSpec;
import org.infersim.scenario.LengthSpec;
import org.infersim.scenario.Popularity;
import org.infersim.scenario.Slo;
import org.infersim.scenario.SystemPromptSpec;
import org.infersim.scenario.Workload;
import org.junit.jupiter.api.Test;

/** System prompts spread over their groups by popularity; documents drawn distinct and placed in order. */
class SharedPrefixTest {
    private static final long SALT = RequestStream.saltOf("rag");
    private final RandomStreams random = new RandomStreams(5);
    private final UniformRandomProvider rng = random.stream("test");

    private static Workload workload(SystemPromptSpec system, DocumentSpec documents) {
        return new Workload("rag", "d", new ArrivalSpec.Poisson(1), new LengthSpec.Fixed(50), new LengthSpec.Fixed(10),
                0, Slo.NONE, system, documents, null);
    }

    private PromptContent prompt(SharedPrefix.Picker picker) {
        PromptContent.Builder b = PromptContent.builder();
        picker.addTo(b);
        return b.add(PromptContent.PRIVATE, 50).build();
    }

    /** How many prompts start with each of the system prompts 0..n-1. */
    private int[] groupCounts(Popularity popularity, int n, int draws) {
        SharedPrefix.Picker picker = SharedPrefix.of(workload(new SystemPromptSpec(n, new LengthSpec.Fixed(1200),
                popularity), null), SALT, random).picker(rng, rng);
        Map<Long, Integer> group = new HashMap<>();
        for (int g = 0; g < n; g++) {
            group.put(PromptContent.identity(SALT, SharedPrefix.SYSTEM, g), g);
        }
        int[] counts = new int[n];
        for (int i = 0; i < draws; i++) {
            PromptContent p = prompt(picker);
            assertEquals(2, p.segments());
            assertEquals(1200, p.length(0));
            counts[group.get(p.id(0))]++;
        }
        return counts;
    }

    @Test
    void uniformPopularitySpreadsRequestsEvenlyOverTheGroups() {
        int[] counts = groupCounts(Popularity.UNIFORM, 8, 80_000);
        for (int c : counts) {
            assertEquals(10_000, c, 400, "1/8 of 80,000 each, within four standard deviations (94)");
        }
    }

    @Test
    void zipfPopularityGivesTheFirstGroupItsShareOfTheLaw() {
        int draws = 200_000;
        int[] counts = groupCounts(new Popularity.Zipf(1.1), 8, draws);
        double harmonic = 0;
        for (int k = 1; k <= 8; k++) {
            harmonic += Math.pow(k, -1.1);
        }
        assertEquals(1 / harmonic, counts[0] / (double) draws, 0.005, "P(1) = 1 / H(8, 1.1) = 0.371");
        assertEquals(Math.pow(2, -1.1) / harmonic, counts[1] / (double) draws, 0.005, "P(2) = 2^-1.1 / H");
        for (int g = 1; g < 8; g++) {
            assertTrue(counts[g] < counts[g - 1], "less popular down the ranks");
        }
    }

    @Test
    void eachGroupKeepsTheLengthDrawnForItWhenTheRunStarted() {
        SharedPrefix shared = SharedPrefix.of(workload(new SystemPromptSpec(4, new LengthSpec.Uniform(100, 2000),
                Popularity.UNIFORM), null), SALT, random);
        SharedPrefix.Picker picker = shared.picker(rng, rng);
        Map<Long, Set<Integer>> lengths = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            PromptContent p = prompt(picker);
            lengths.computeIfAbsent(p.id(0), id -> new HashSet<>()).add(p.length(0));
        }
        assertEquals(4, lengths.size());
        lengths.values().forEach(l -> assertEquals(1, l.size(), "one length per group"));
        assertTrue(lengths.values().stream().map(l -> l.iterator().next()).distinct().count() > 1, "drawn per group");
    }

    /** Each prompt's documents as ranks (0 the most popular), read back from their identities. */
    private int[][] documentRanks(DocumentSpec.Order order, int prompts) {
        DocumentSpec spec = new DocumentSpec(1000, new LengthSpec.Fixed(500), 4, new Popularity.Zipf(0.8), order);
        SharedPrefix.Picker picker = SharedPrefix.of(workload(new SystemPromptSpec(1, new LengthSpec.Fixed(300),
                Popularity.UNIFORM), spec), SALT, random).picker(rng, rng);
        Map<Long, Integer> rank = new HashMap<>();
        for (int d = 0; d < 1000; d++) {
            rank.put(PromptContent.identity(SALT, SharedPrefix.DOCUMENT, d), d);
        }
        int[][] out = new int[prompts][];
        for (int i = 0; i < prompts; i++) {
            PromptContent p = prompt(picker);
            assertEquals(6, p.segments(), "system prompt, 4 documents, question");
            assertEquals(PromptContent.identity(SALT, SharedPrefix.SYSTEM, 0), p.id(0));
            assertEquals(300 + 4 * 500 + 50, p.tokens());
            assertEquals(PromptContent.PRIVATE, p.id(5), "the question is the request's own");
            out[i] = new int[4];
            for (int k = 0; k < 4; k++) {
                out[i][k] = rank.get(p.id(1 + k));
            }
        }
        return out;
    }

    /** Documents two consecutive prompts share from the first on. */
    private static double meanSharedLeadingDocuments(int[][] ranks) {
        long shared = 0;
        for (int i = 1; i < ranks.length; i++) {
            int k = 0;
            while (k < 4 && ranks[i][k] == ranks[i - 1][k]) {
                k++;
            }
            shared += k;
        }
        return shared / (double) (ranks.length - 1);
    }

    @Test
    void everyRequestCarriesItsNumberOfDistinctDocuments() {
        for (int[] docs : documentRanks(DocumentSpec.Order.RETRIEVED, 20_000)) {
            assertEquals(4, java.util.Arrays.stream(docs).distinct().count());
        }
    }

    @Test
    void retrievedOrderKeepsTheDrawsOrderAndPopularityOrderSortsSoMoreIsShared() {
        int[][] retrieved = documentRanks(DocumentSpec.Order.RETRIEVED, 20_000);
        int[][] sorted = documentRanks(DocumentSpec.Order.POPULARITY, 20_000);
        long unsorted = java.util.Arrays.stream(retrieved).filter(d -> !isSorted(d)).count();
        assertTrue(unsorted > 15_000, "in draw order most prompts are not by rank: " + unsorted);
        for (int[] d : sorted) {
            assertTrue(isSorted(d), java.util.Arrays.toString(d));
        }
        double inDrawOrder = meanSharedLeadingDocuments(retrieved);
        double byPopularity = meanSharedLeadingDocuments(sorted);
        assertTrue(byPopularity > 2 * inDrawOrder, "leading documents shared by consecutive prompts: "
                + byPopularity + " sorted, " + inDrawOrder + " in draw order");
    }

    private static boolean isSorted(int[] d) {
        for (int i = 1; i < d.length; i++) {
            if (d[i] < d[i - 1]) {
                return false;
            }
        }
        return true;
    }

    @Test
    void twoWorkloadsNeverShareASystemPromptByAccident() {
        assertTrue(PromptContent.identity(RequestStream.saltOf("chat"), SharedPrefix.SYSTEM, 0)
                != PromptContent.identity(RequestStream.saltOf("rag"), SharedPrefix.SYSTEM, 0));
    }
}
