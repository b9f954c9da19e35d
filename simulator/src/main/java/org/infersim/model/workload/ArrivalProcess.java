package org.infersim.model.workload;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.infersim.scenario.ArrivalSpec;

/** When the next request of a stream arrives. */
public interface ArrivalProcess {
    /** Sentinel for "no more arrivals". */
    long NEVER = Long.MAX_VALUE;

    /** Absolute time of the next arrival after one at {@code now}, or {@link #NEVER}. */
    long next(long now);

    /** The process of an open arrival specification (every one but a closed loop, whose users are no process). */
    static ArrivalProcess of(ArrivalSpec spec, UniformRandomProvider rng) {
        if (spec instanceof ArrivalSpec.Poisson p) {
            return new Renewal(ZigguratSampler.Exponential.of(rng, 1e9 / p.ratePerSec())::sample);
        }
        if (spec instanceof ArrivalSpec.Gamma g) {
            // Mean 1/rate and coefficient of variation cv: shape 1/cv², scale mean·cv².
            double shape = 1.0 / (g.cv() * g.cv());
            double scale = 1e9 / g.ratePerSec() * g.cv() * g.cv();
            return new Renewal(AhrensDieterMarsagliaTsangGammaSampler.of(rng, shape, scale)::sample);
        }
        if (spec instanceof ArrivalSpec.Steps s) {
            return new Thinning(RateFunction.steps(s), rng);
        }
        if (spec instanceof ArrivalSpec.Diurnal d) {
            return new Thinning(RateFunction.diurnal(d), rng);
        }
        if (spec instanceof ArrivalSpec.Constant c) {
            return new ConstantRate(c);
        }
        if (spec instanceof ArrivalSpec.Trace t) {
            return new TraceReplay(t);
        }
        throw new IllegalArgumentException("unknown arrival process " + spec);
    }

    /** Independent, identically distributed gaps (Poisson, Gamma). */
    final class Renewal implements ArrivalProcess {
        private final java.util.function.DoubleSupplier gapNs;

        Renewal(java.util.function.DoubleSupplier gapNs) {
            this.gapNs = gapNs;
        }

        @Override
        public long next(long now) {
            // At least 1 ns apart keeps the order of arrivals the order of draws.
            return now + Math.max(1L, Math.round(gapNs.getAsDouble()));
        }
    }
}
