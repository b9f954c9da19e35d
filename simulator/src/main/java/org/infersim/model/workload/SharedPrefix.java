package org.infersim.model.workload;

import java.util.Arrays;
import java.util.function.IntSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;
import org.infersim.model.random.LengthSampler;
import org.infersim.model.random.RandomStreams;
import org.infersim.model.serving.PromptContent;
import org.infersim.scenario.DocumentSpec;
import org.infersim.scenario.LengthSpec;
import org.infersim.scenario.Popularity;
import org.infersim.scenario.SystemPromptSpec;
import org.infersim.scenario.Workload;

/**
 * The shared parts a workload's prompts start with: one of its system prompts, then its retrieved
 * documents. Each part has an identity, {@code identity(salt, SYSTEM, g)} for system prompt g and
 * {@code identity(salt, DOCUMENT, d)} for document d (d = 0 the most popular), salted by the
 * workload so that two workloads never share by accident, and a length drawn once when the run
 * starts, on the streams {@code workload/<name>/system-prompt/lengths} and {@code .../documents/lengths}.
 */
final class SharedPrefix {
    /** Kinds of segment, the second part of every identity this package makes. */
    static final long SYSTEM = 1;
    static final long DOCUMENT = 2;
    static final long SESSION = 3;

    private final long salt;
    private final SystemPromptSpec system;
    private final DocumentSpec documents;
    private final PartLengths systemLengths;
    private final PartLengths documentLengths;

    private SharedPrefix(long salt, SystemPromptSpec system, DocumentSpec documents, RandomStreams random,
                         String key) {
        this.salt = salt;
        this.system = system;
        this.documents = documents;
        this.systemLengths = system == null ? null
                : new PartLengths(system.prompts(), system.tokens(), random, key + "system-prompt/lengths");
        this.documentLengths = documents == null ? null
                : new PartLengths(documents.corpus(), documents.tokens(), random, key + "documents/lengths");
    }

    /** The workload's shared parts; null when its prompts have none. */
    static SharedPrefix of(Workload w, long salt, RandomStreams random) {
        if (w.systemPrompt() == null && w.documents() == null) {
            return null;
        }
        return new SharedPrefix(salt, w.systemPrompt(), w.documents(), random, "workload/" + w.name() + "/");
    }

    /** A picker of parts drawing groups from {@code systemRng} and documents from {@code documentRng}. */
    Picker picker(UniformRandomProvider systemRng, UniformRandomProvider documentRng) {
        return new Picker(systemRng, documentRng);
    }

    /** The lengths of a set of parts: one for all when fixed, else one drawn per part. */
    private static final class PartLengths {
        private final int fixed;
        private final int[] lengths;

        PartLengths(int parts, LengthSpec spec, RandomStreams random, String stream) {
            if (spec instanceof LengthSpec.Fixed f) {
                fixed = f.value();
                lengths = null;
            } else {
                fixed = 0;
                lengths = new int[parts];
                LengthSampler sampler = LengthSampler.of(spec, random.stream(stream));
                for (int i = 0; i < parts; i++) {
                    lengths[i] = sampler.sample();
                }
            }
        }

        int of(int part) {
            return lengths == null ? fixed : lengths[part];
        }
    }

    /** Ranks 0..n-1 (0 the most popular) drawn by a popularity law. */
    private static IntSupplier ranks(Popularity popularity, int n, UniformRandomProvider rng) {
        if (popularity instanceof Popularity.Zipf z) {
            DiscreteSampler zipf = RejectionInversionZipfSampler.of(rng, n, z.exponent());
            return () -> zipf.sample() - 1;
        }
        return () -> rng.nextInt(n);
    }

    /** Picks the parts of one sender's prompts, with its own random draws. */
    final class Picker {
        private final IntSupplier group;
        private final IntSupplier document;
        private final int[] picked;

        private Picker(UniformRandomProvider systemRng, UniformRandomProvider documentRng) {
            group = system == null ? null : ranks(system.popularity(), system.prompts(), systemRng);
            document = documents == null ? null : ranks(documents.popularity(), documents.corpus(), documentRng);
            picked = documents == null ? null : new int[documents.perRequest()];
        }

        /** Adds a system prompt and the documents, as the next prompt starts with them. */
        void addTo(PromptContent.Builder prompt) {
            if (group != null) {
                int g = group.getAsInt();
                prompt.add(PromptContent.identity(salt, SYSTEM, g), systemLengths.of(g));
            }
            if (document != null) {
                pickDocuments();
                for (int d : picked) {
                    prompt.add(PromptContent.identity(salt, DOCUMENT, d), documentLengths.of(d));
                }
            }
        }

        /** Distinct documents, drawing again on a repeat (a retriever returns each document once). */
        private void pickDocuments() {
            for (int i = 0; i < picked.length; i++) {
                int d;
                do {
                    d = document.getAsInt();
                } while (contains(picked, i, d));
                picked[i] = d;
            }
            if (documents.order() == DocumentSpec.Order.POPULARITY) {
                Arrays.sort(picked);
            }
        }

        private static boolean contains(int[] a, int n, int v) {
            for (int i = 0; i < n; i++) {
                if (a[i] == v) {
                    return true;
                }
            }
            return false;
        }
    }
}
