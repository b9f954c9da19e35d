package org.infersim.model.workload;

import java.util.List;
import org.infersim.scenario.ArrivalSpec;

/**
 * Deterministic arrivals on a grid per stage: in a stage that starts at {@code a} with rate r, the
 * k-th arrival is at a + k/r (k = 1, 2, ...) while that is not after the next stage's start. Each
 * time is computed from its stage's start and its counter, not by adding gaps, so a long stage
 * does not drift, and a stage of length D holds exactly floor(D·r) arrivals (the last one on the
 * boundary, which belongs to the stage it ends).
 */
final class ConstantRate implements ArrivalProcess {
    private final long[] startNs;
    private final double[] gapNs;
    private int stage;
    private long k;
    private long last = -1;

    ConstantRate(ArrivalSpec.Constant spec) {
        List<ArrivalSpec.Step> stages = spec.stages();
        startNs = new long[stages.size()];
        gapNs = new double[stages.size()];
        for (int i = 0; i < startNs.length; i++) {
            startNs[i] = stages.get(i).atNs();
            double rate = stages.get(i).ratePerSec();
            gapNs[i] = rate > 0 ? 1e9 / rate : Double.POSITIVE_INFINITY;
        }
    }

    @Override
    public long next(long now) {
        while (stage < startNs.length) {
            k++;
            double offset = k * gapNs[stage];
            long endNs = stage + 1 < startNs.length ? startNs[stage + 1] : Long.MAX_VALUE;
            if (offset <= endNs - startNs[stage]) {
                long t = startNs[stage] + Math.round(offset);
                if (t < 0) {
                    return NEVER; // centuries after the start
                }
                // Past 10⁹ requests a second grid points round to the same nanosecond (or to the stage's
                // start, which belongs to the stage before): keep them apart and after the start.
                last = Math.max(last + 1, Math.max(t, startNs[stage] + 1));
                return last;
            }
            stage++;
            k = 0;
        }
        return NEVER;
    }
}
