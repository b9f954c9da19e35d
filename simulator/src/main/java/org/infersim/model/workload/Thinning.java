package org.infersim.model.workload;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A non-homogeneous Poisson process by Lewis and Shedler's thinning: candidates at the peak
 * rate, each kept with probability λ(t)/λmax. Exact for any bounded rate function.
 */
final class Thinning implements ArrivalProcess {
    private final RateFunction rate;
    private final UniformRandomProvider rng;
    private final ZigguratSampler.Exponential exp;
    private final double peak;

    Thinning(RateFunction rate, UniformRandomProvider rng) {
        this.rate = rate;
        this.rng = rng;
        this.peak = rate.maxRatePerSec();
        this.exp = ZigguratSampler.Exponential.of(rng, 1e9 / Math.max(peak, 1e-300));
    }

    @Override
    public long next(long now) {
        if (peak <= 0) {
            return NEVER;
        }
        long t = now;
        while (true) {
            t += Math.max(1L, Math.round(exp.sample()));
            if (t < 0) {
                return NEVER;
            }
            if (rng.nextDouble() * peak < rate.ratePerSec(t)) {
                return t;
            }
        }
    }
}
