package org.infersim.reports;

import static org.infersim.results.TimeSeriesCsv.Column.*;

import java.util.ArrayList;
import java.util.List;
import org.infersim.input.InvalidInputException;
import org.infersim.results.PoolsCsv;
import org.infersim.results.TimeSeriesCsv.Column;

/**
 * "Replicas and utilization": replicas in each state, the nodes of the pools that grow and
 * shrink, engines stepping and KV-cache occupancy, and preemptions, over time.
 */
final class UtilizationSection extends RunSection {
    UtilizationSection(RunPage p) {
        super(p);
    }

    @Override
    void add() throws InvalidInputException {
        page.section("utilization", "Replicas and utilization");
        page.beginGrid();
        List<String> replicaColumns = new ArrayList<>();
        for (String column : series.columns()) {
            if (column.equals(REPLICAS.header()) || column.startsWith(REPLICAS.header() + "_")) {
                replicaColumns.add(column);
            }
        }
        if (!replicaColumns.isEmpty()) {
            XyChart chart = timeChart("Replicas over time", "replicas").yFromZero().integerY().steps();
            for (int d = 0; d < deployments.size(); d++) {
                String dep = deployments.get(d);
                double[] t = time.of(series.times(dep));
                for (int k = 0; k < replicaColumns.size(); k++) {
                    String column = replicaColumns.get(k);
                    String what = column.equals(REPLICAS.header()) ? "replicas" : column.replace('_', ' ');
                    chart.add(new XyChart.Series(label(dep, what), withStart(t), withFirst(series.values(dep, column)),
                            ChartStyle.color(d), true, k > 0, false, null));
                }
            }
            page.chart(chart, "Serving replicas of each deployment at the end of each interval"
                    + (replicaColumns.size() > 1 ? " (solid), and replicas in each other state (dashed)" : "")
                    + ". A flat line is a fixed fleet; steps show an autoscaler adding or removing replicas. "
                    + warmupSentence(), HtmlPage.Size.HALF);
        } else {
            missing("Replicas over time", REPLICAS);
        }
        nodesOverTime();
        if (series.has(BUSY_FRACTION) || series.has(KV_OCCUPANCY)) {
            XyChart chart = timeChart("Engines stepping and KV-cache occupancy", "percent").yFromZero().yMax(100);
            for (int d = 0; d < deployments.size(); d++) {
                String dep = deployments.get(d);
                double[] t = time.of(series.times(dep));
                if (series.has(BUSY_FRACTION)) {
                    chart.line(label(dep, "engines stepping"), t, percent(series.values(dep, BUSY_FRACTION)), d);
                }
                if (series.has(KV_OCCUPANCY)) {
                    chart.dashedLine(label(dep, "KV cache used"), t, percent(series.values(dep, KV_OCCUPANCY)), d);
                }
            }
            page.chart(chart, "Share of each interval the deployment's engines spent running iterations (solid), and "
                    + "share of its KV-cache blocks in use at the end of the interval (dashed). A continuous-batching "
                    + "engine steps whenever it holds a request, so busy is near 100% at light load too: the queue, "
                    + "the KV cache and the latencies say whether more GPUs are needed; a KV cache near 100% causes "
                    + "preemptions. " + warmupSentence(), HtmlPage.Size.HALF);
        } else {
            missing("Engines stepping and KV-cache occupancy", BUSY_FRACTION, KV_OCCUPANCY);
        }
        if (series.has(PREEMPTIONS)) {
            XyChart chart = timeChart("Preemptions per interval", "preemptions").yFromZero().integerY().steps();
            long total = 0;
            for (int d = 0; d < deployments.size(); d++) {
                String dep = deployments.get(d);
                double[] v = series.values(dep, PREEMPTIONS);
                for (double x : v) {
                    total += Double.isFinite(x) ? (long) x : 0;
                }
                chart.line(label(dep, "preemptions"), withStart(time.of(series.times(dep))), withFirst(v), d);
            }
            page.chart(chart, "Running sequences evicted from the KV cache in each " + Figures.duration(interval)
                    + " interval because it ran out of blocks (they are recomputed or swapped back later, which "
                    + "costs latency). " + (total == 0 ? "There were none in this run. " : "") + warmupSentence(),
                    HtmlPage.Size.HALF);
        } else {
            missing("Preemptions per interval", PREEMPTIONS);
        }
        prefixCacheOverTime();
        page.endGrid();
    }

    /** The prefix cache's hit rate per interval, when some prompt was served from it (older results have no column). */
    private void prefixCacheOverTime() throws InvalidInputException {
        if (!series.has(PREFIX_CACHE_HIT_RATE)) {
            return;
        }
        boolean anyHit = false;
        for (String dep : deployments) {
            for (double v : series.values(dep, PREFIX_CACHE_HIT_RATE)) {
                anyHit |= v > 0;
            }
        }
        if (!anyHit) {
            return;
        }
        XyChart chart = timeChart("Prefix-cache hit rate", "percent").yFromZero().yMax(100);
        for (int d = 0; d < deployments.size(); d++) {
            String dep = deployments.get(d);
            chart.line(label(dep, "prompt tokens from cache"), time.of(series.times(dep)),
                    percent(series.values(dep, PREFIX_CACHE_HIT_RATE)), d);
        }
        page.chart(chart, "Share of the prompt tokens of the requests that started in each interval that were found in "
                + "the replica's prefix cache and not prefilled. It falls when the cache is too small for the prefixes "
                + "in use (they are evicted before they are asked for again) or the router spreads them. "
                + warmupSentence(), HtmlPage.Size.HALF);
    }

    /** Nodes of each dynamic or serverless pool: ready (solid) and being provisioned (dashed). Static pools are flat, so left out. */
    private void nodesOverTime() throws InvalidInputException {
        PoolSeriesTable pools = run.pools();
        if (pools == null || pools.elasticPools().isEmpty() || !pools.has(PoolsCsv.Column.NODES)) {
            return;
        }
        XyChart chart = timeChart("Nodes over time", "nodes").yFromZero().integerY().steps();
        List<String> elastic = pools.elasticPools();
        for (int k = 0; k < elastic.size(); k++) {
            String pool = elastic.get(k);
            double[] t = withStart(time.of(pools.values(pool, PoolsCsv.Column.TIME_S)));
            chart.add(new XyChart.Series(pool + " (" + pools.mode(pool) + "): ready", t,
                    withFirst(pools.values(pool, PoolsCsv.Column.NODES)), ChartStyle.color(k), true, false, false,
                    null));
            if (pools.has(PoolsCsv.Column.NODES_PROVISIONING)) {
                chart.add(new XyChart.Series(pool + ": provisioning", t,
                        withFirst(pools.values(pool, PoolsCsv.Column.NODES_PROVISIONING)), ChartStyle.color(k), true,
                        true, false, null));
            }
        }
        page.chart(chart, "Nodes of each pool that grows and shrinks, at the end of each interval: ready to take "
                + "work (solid) and requested but still being provisioned (dashed), which are paid for but not usable "
                + "yet. The cluster autoscaler adds nodes when work is pending and removes nodes left empty. "
                + warmupSentence(), HtmlPage.Size.HALF);
    }

    /**
     * Each sample closes the interval before it; for a step chart, the first interval starts at
     * time zero with the first value, so the steps cover the whole run.
     */
    private static double[] withStart(double[] t) {
        if (t.length == 0 || t[0] <= 0) {
            return t;
        }
        double[] out = new double[t.length + 1];
        System.arraycopy(t, 0, out, 1, t.length);
        return out;
    }

    private static double[] withFirst(double[] v) {
        if (v.length == 0) {
            return v;
        }
        double[] out = new double[v.length + 1];
        out[0] = v[0];
        System.arraycopy(v, 0, out, 1, v.length);
        return out;
    }

    private static double[] percent(double[] fractions) {
        double[] out = new double[fractions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = fractions[i] * 100;
        }
        return out;
    }
}
