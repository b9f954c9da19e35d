package org.infersim.model.random;

import java.nio.charset.StandardCharsets;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Independent random streams split from one scenario seed, one per named component
 * ("workload/chat/arrivals"). A stream depends only on the seed and its name, so adding a
 * deployment or changing a policy never changes another component's draws (common random numbers).
 */
public final class RandomStreams {
    private final long seed;

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public UniformRandomProvider stream(String name) {
        long h = mix(seed);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xff));
        }
        // XoRoShiRo128++ seeded through SplitMix64 of the mixed key: fast, 2^128 period, good equidistribution.
        long s0 = mix(h);
        long s1 = mix(s0 ^ 0x9E3779B97F4A7C15L);
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {s0, s1});
    }

    public long seed() {
        return seed;
    }

    /** SplitMix64's finalizer. */
    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
