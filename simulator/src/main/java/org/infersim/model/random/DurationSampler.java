package org.infersim.model.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.infersim.scenario.DurationSpec;

/** Draws durations in nanoseconds (at least 0) from a {@link DurationSpec}. */
public interface DurationSampler {
    long sampleNs();

    static DurationSampler of(DurationSpec spec, UniformRandomProvider rng) {
        if (spec instanceof DurationSpec.Fixed f) {
            return f::ns;
        }
        if (spec instanceof DurationSpec.Uniform u) {
            // A continuous uniform rounded to the nanosecond; no draw at all when the bounds meet.
            long span = u.maxNs() - u.minNs();
            return span == 0 ? u::minNs : () -> u.minNs() + Math.round(rng.nextDouble() * span);
        }
        if (spec instanceof DurationSpec.LogNormal l) {
            if (l.stddevNs() == 0) {
                return l::meanNs;
            }
            // Parameters of the underlying normal from the mean and standard deviation of the duration.
            double mean = l.meanNs();
            double sd = l.stddevNs();
            double sigma2 = Math.log1p(sd * sd / (mean * mean));
            double mu = Math.log(mean) - sigma2 / 2;
            double sigma = Math.sqrt(sigma2);
            ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
            return () -> Math.max(0, Math.round(Math.exp(mu + sigma * gauss.sample())));
        }
        if (spec instanceof DurationSpec.Exponential e) {
            if (e.meanNs() == 0) {
                return () -> 0;
            }
            ZigguratSampler.Exponential exp = ZigguratSampler.Exponential.of(rng, e.meanNs());
            return () -> Math.round(exp.sample());
        }
        throw new IllegalArgumentException("unknown duration distribution " + spec);
    }
}
