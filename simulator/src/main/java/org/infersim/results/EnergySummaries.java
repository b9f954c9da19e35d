package org.infersim.results;

import java.util.List;
import org.infersim.metrics.PoolSeries;
import org.infersim.metrics.ReplicaMetrics;
import org.infersim.metrics.RunMetrics;
import org.infersim.model.cluster.EnergyMeter;
import org.infersim.model.cluster.GpuPool;

/**
 * The energy sections of a summary, over the measured window: per pool, from the meter (idle
 * GPUs, nodes, jobs) and its replicas' steps; for the run, their sums. Peak power is read from the
 * pools' time series, the mean power of each whole metrics interval inside the window.
 */
final class EnergySummaries {
    private final List<GpuPool> pools;
    private final RunMetrics metrics;
    private final int replicaCount;
    private final PoolSeries series;
    private final long warmupNs;
    private final long endNs;
    private final double intervalS;
    private final EnergyMeter meter;

    EnergySummaries(List<GpuPool> pools, RunMetrics metrics, int replicaCount, PoolSeries series, long warmupNs,
                    long endNs, long intervalNs) {
        this.pools = pools;
        this.metrics = metrics;
        this.replicaCount = replicaCount;
        this.series = series;
        this.warmupNs = warmupNs;
        this.endNs = endNs;
        this.intervalS = intervalNs / 1e9;
        this.meter = new EnergyMeter(pools);
    }

    /** One pool's energy. */
    EnergySummary pool(GpuPool pool) {
        int p = pool.index();
        double stepJoules = 0;
        long tokens = 0;
        long requests = 0;
        for (int r = 0; r < replicaCount; r++) {
            ReplicaMetrics m = metrics.replica(r);
            if (m.pool() == p) {
                stepJoules += m.stepJoules();
                tokens += m.outputTokens();
                requests += m.completed();
            }
        }
        double gpu = meter.idleJoules(p, warmupNs, endNs) + meter.jobJoules(p, warmupNs, endNs) + stepJoules;
        double node = meter.nodeJoules(p, warmupNs, endNs);
        double peak = -1;
        for (PoolSeries.Row row : series.rows()) {
            if (row.pool().equals(pool.name()) && inWindow(row)) {
                peak = Math.max(peak, row.powerKw() * 1e3);
            }
        }
        double windowS = (endNs - warmupNs) / 1e9;
        double watts = peak >= 0 ? peak : windowS <= 0 ? 0 : (gpu + node) / windowS;
        return EnergySummary.of(gpu, node, watts, intervalS, windowS, tokens, requests, pool.pue());
    }

    /** The run's energy: the pools' sums; its peak is that of the pools' summed power, interval by interval. */
    EnergySummary total(List<EnergySummary> byPool, long outputTokens, long requests) {
        double gpu = 0;
        double node = 0;
        double facility = 0;
        for (EnergySummary e : byPool) {
            gpu += e.gpuKwh() * 3.6e6;
            node += e.nodeKwh() * 3.6e6;
            facility += e.facilityKwh() * 3.6e6;
        }
        java.util.TreeMap<Double, Double> atTime = new java.util.TreeMap<>();
        for (PoolSeries.Row row : series.rows()) {
            if (inWindow(row)) {
                atTime.merge(row.timeS(), row.powerKw() * 1e3, Double::sum);
            }
        }
        double windowS = (endNs - warmupNs) / 1e9;
        double peak = atTime.values().stream().mapToDouble(Double::doubleValue).max()
                .orElse(windowS <= 0 ? 0 : (gpu + node) / windowS);
        double pue = gpu + node == 0 ? pools.get(0).pue() : Decimal.round(facility / (gpu + node));
        return EnergySummary.of(gpu, node, peak, intervalS, windowS, outputTokens, requests, pue);
    }

    /** Whether the row's interval lies wholly inside the measured window. */
    private boolean inWindow(PoolSeries.Row row) {
        return row.timeS() - intervalS >= warmupNs / 1e9 - 1e-9 && row.timeS() <= endNs / 1e9 + 1e-9;
    }
}
