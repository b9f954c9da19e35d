package org.infersim.model.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.infersim.scenario.LengthSpec;

/** Draws token counts (at least 1). */
public interface LengthSampler {
    int sample();

    static LengthSampler of(LengthSpec spec, UniformRandomProvider rng) {
        if (spec instanceof LengthSpec.Fixed f) {
            return f::value;
        }
        if (spec instanceof LengthSpec.Uniform u) {
            int span = u.max() - u.min() + 1;
            return () -> u.min() + rng.nextInt(span);
        }
        if (spec instanceof LengthSpec.LogNormal l) {
            // Parameters of the underlying normal from the mean and standard deviation of the count.
            double sigma2 = Math.log1p(l.stddev() * l.stddev() / (l.mean() * l.mean()));
            double mu = Math.log(l.mean()) - sigma2 / 2;
            double sigma = Math.sqrt(sigma2);
            ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
            return () -> {
                double x = Math.exp(mu + sigma * gauss.sample());
                return (int) Math.max(1, Math.min(l.max(), Math.round(x)));
            };
        }
        if (spec instanceof LengthSpec.Empirical e) {
            int[] values = e.values();
            return () -> values[rng.nextInt(values.length)];
        }
        throw new IllegalArgumentException("unknown length distribution " + spec);
    }
}
