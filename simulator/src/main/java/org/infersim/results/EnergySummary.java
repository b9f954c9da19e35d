package org.infersim.results;

/**
 * The energy of a pool, or of the whole run, over the measured window: its GPUs (idle draw while
 * powered plus each step's draw above it, see {@code model.cluster.PowerModel}) and their nodes'
 * overhead, and the facility's draw, which multiplies both by the power usage effectiveness (PUE).
 *
 * @param kwh                  GPUs and nodes (the IT load)
 * @param gpuKwh               of which the GPUs
 * @param nodeKwh              of which the nodes beside their GPUs (CPUs, memory, NICs, fans)
 * @param averagePowerKw       {@code kwh} over the window
 * @param peakPowerKw          the highest mean power of one metrics interval within the window
 *                             (the average when no whole interval fits in it)
 * @param peakIntervalS        that interval: the scenario's {@code metricsInterval}
 * @param joulesPerOutputToken IT joules per output token of the requests finished in the window
 *                             (0 when none finished)
 * @param joulesPerRequest     IT joules per request finished in the window (0 when none finished)
 * @param pue                  the facility's power usage effectiveness: facility power over IT power
 * @param facilityKwh          {@code kwh} × PUE
 * @param facilityPeakPowerKw  {@code peakPowerKw} × PUE
 */
public record EnergySummary(
        double kwh,
        double gpuKwh,
        double nodeKwh,
        double averagePowerKw,
        double peakPowerKw,
        double peakIntervalS,
        double joulesPerOutputToken,
        double joulesPerRequest,
        double pue,
        double facilityKwh,
        double facilityPeakPowerKw) {

    /** The figures of this much energy over a window, rounded for publication. */
    static EnergySummary of(double gpuJoules, double nodeJoules, double peakWatts, double intervalS, double windowS,
                            long outputTokens, long requests, double pue) {
        double joules = gpuJoules + nodeJoules;
        return new EnergySummary(Decimal.round(joules / 3.6e6), Decimal.round(gpuJoules / 3.6e6),
                Decimal.round(nodeJoules / 3.6e6), Decimal.round(windowS <= 0 ? 0 : joules / windowS / 1e3),
                Decimal.round(peakWatts / 1e3), Decimal.round(intervalS),
                Decimal.round(outputTokens == 0 ? 0 : joules / outputTokens),
                Decimal.round(requests == 0 ? 0 : joules / requests), pue, Decimal.round(joules * pue / 3.6e6),
                Decimal.round(peakWatts * pue / 1e3));
    }
}
