package org.infersim.study;

import org.infersim.results.LatencySummary;
import org.infersim.results.PoolSummary;
import org.infersim.results.ReplicaSummary;
import org.infersim.results.RunSummary;
import org.infersim.results.StreamSummary;

/**
 * The figures of one run that a batch compares, taken from its summary (all streams together);
 * batch.csv shows them in the columns of {@code results.BatchCsv.Figure}.
 * {@code gpus} is the fleet: every GPU of a static pool, the most a dynamic or serverless pool held.
 * The same fleet on demand and owned ({@code onDemandPerHourUsd}, {@code onPremPerHourUsd}, from the
 * summary's {@code fleet}), and against the scenario's hosted API ({@code apiPerMonthUsd}, the
 * {@code crossoverTokensPerMonth} above which owning is cheaper): null where the summary has none.
 */
public record RunFigures(
        int gpus,
        double costPerHourUsd,
        double costUsd,
        Double costPerMillionOutputTokensUsd,
        double throughputRps,
        double outputTokensPerSec,
        Double ttftP50Ms,
        Double ttftP95Ms,
        Double ttftP99Ms,
        Double tpotP50Ms,
        Double tpotP95Ms,
        Double tpotP99Ms,
        Double e2eP95Ms,
        Double sloAttainment,
        double goodputRps,
        long rejected,
        long preemptions,
        double busyFraction,
        double kvPeakOccupancy,
        Double prefixCacheHitRate,
        Double onDemandPerHourUsd,
        Double onPremPerHourUsd,
        Double apiPerMonthUsd,
        Double crossoverTokensPerMonth,
        Boolean meetsSlo) {

    public static RunFigures of(RunSummary s, BatchSlo slo) {
        StreamSummary all = s.overall();
        int gpus = 0;
        double busyGpuFraction = 0;
        for (PoolSummary p : s.pools()) {
            // A pool that grows and shrinks counts at its largest: the fleet the planner must be able to get.
            int fleet = p.peakGpus() != null ? p.peakGpus() : p.gpus();
            gpus += fleet;
            busyGpuFraction += p.busyFraction() * fleet;
        }
        double kvPeak = 0;
        for (ReplicaSummary r : s.replicas()) {
            kvPeak = Math.max(kvPeak, r.kvPeakOccupancy());
        }
        LatencySummary ttft = all.ttftMs();
        LatencySummary tpot = all.tpotMs();
        return new RunFigures(gpus, s.cost().perHour(), s.cost().total(), s.cost().perMillionOutputTokens(),
                all.throughputRps(), all.outputTokensPerSec(), ttft.p50(), ttft.p95(), ttft.p99(),
                tpot.p50(), tpot.p95(), tpot.p99(), all.e2eMs().p95(), all.sloAttainment(), all.goodputRps(),
                all.rejected(), all.preemptions(), gpus == 0 ? 0 : busyGpuFraction / gpus, kvPeak,
                all.prefixCacheHitRate(), costModel(s, "on-demand"), costModel(s, "on-prem"),
                s.buildVsBuy() == null ? null : s.buildVsBuy().apiPerMonth(),
                s.buildVsBuy() == null ? null : s.buildVsBuy().crossoverTokensPerMonth(),
                slo == null ? null : meets(slo, ttft.p95(), tpot.p95(), all.sloAttainment()));
    }

    /** The fleet's cost per hour under a pricing model; null in a summary written before the fleet was priced. */
    private static Double costModel(RunSummary s, String model) {
        return s.fleet() == null ? null : s.fleet().costModels().stream().filter(m -> m.model().equals(model))
                .map(m -> m.perHour()).findFirst().orElse(null);
    }

    /**
     * A run with no measured first token or no measured TPOT cannot be said to meet a target on
     * it: a starved deployment must not look fast.
     */
    static boolean meets(BatchSlo slo, Double ttftP95Ms, Double tpotP95Ms, Double attainment) {
        if (slo.ttftNs() > 0 && (ttftP95Ms == null || ttftP95Ms > slo.ttftNs() / 1e6)) {
            return false;
        }
        if (slo.tpotNs() > 0 && (tpotP95Ms == null || tpotP95Ms > slo.tpotNs() / 1e6)) {
            return false;
        }
        return slo.attainment() == null || (attainment != null && attainment >= slo.attainment());
    }
}
