package org.infersim.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infersim.results.PoolSummary;
import org.infersim.results.ReplicaSummary;
import org.infersim.results.StreamSummary;

/**
 * "In brief": the key figures of the run, what was simulated in a sentence, and the pools,
 * deployments and workloads of its scenario with the scenario file itself.
 */
final class BriefSection extends RunSection {
    BriefSection(RunPage p) {
        super(p);
    }

    @Override
    void add() {
        page.section("brief", "In brief");
        StreamSummary all = summary.overall();
        List<HtmlPage.KeyFigure> figures = new ArrayList<>(List.of(
                new HtmlPage.KeyFigure("p95 time to first token", Figures.msWithUnit(nan(all.ttftMs().p95())),
                        "p50 " + Figures.msWithUnit(nan(all.ttftMs().p50())) + " · p99 "
                                + Figures.msWithUnit(nan(all.ttftMs().p99()))),
                new HtmlPage.KeyFigure("p95 time per output token", Figures.msWithUnit(nan(all.tpotMs().p95())),
                        "p50 " + Figures.msWithUnit(nan(all.tpotMs().p50())) + " · p99 "
                                + Figures.msWithUnit(nan(all.tpotMs().p99()))),
                new HtmlPage.KeyFigure("SLO attainment",
                        all.sloAttainment() == null ? "no SLO" : Figures.percent(all.sloAttainment()),
                        "goodput " + Figures.number(all.goodputRps()) + " req/s"),
                new HtmlPage.KeyFigure("Throughput", Figures.number(all.throughputRps()) + " req/s",
                        Figures.number(all.outputTokensPerSec()) + " output tokens/s"),
                new HtmlPage.KeyFigure("Cost per hour", Figures.dollars(summary.cost().perHour()) + "/h",
                        Figures.dollars(summary.cost().total()) + " for the whole run"),
                new HtmlPage.KeyFigure("Cost per million output tokens",
                        Figures.dollars(summary.cost().perMillionOutputTokens()), "after warm-up"),
                // A continuous-batching engine steps whenever it holds a request, so the share of time
                // it steps says little at light load; what the GPUs moved and held does.
                new HtmlPage.KeyFigure("GPU memory bandwidth used", Figures.percent(fleetWeighted(PoolSummary::bandwidthFraction)),
                        "compute " + Figures.percent(fleetWeighted(PoolSummary::flopsFraction)) + " of peak · peak KV cache "
                                + Figures.percent(peakKv()) + " · engines stepping " + Figures.percent(fleetBusy()))));
        if (all.prefillTokensSaved() > 0) {
            figures.add(new HtmlPage.KeyFigure("Prefix-cache hits", Figures.percent(nan(all.prefixCacheHitRate())),
                    "of prompt tokens: " + Figures.significant(all.prefillTokensSaved() / 1e6, 3) + " M not prefilled"));
        }
        page.keyFigures(figures);

        page.paragraph(scenarioSentence());
        if (run.scenarioText() == null) {
            page.html("<p class=\"note\">This results folder has no scenario.yaml, so the settings below are "
                    + "unknown.</p>");
            return;
        }
        if (!brief.pools().isEmpty()) {
            Map<String, Double> prices = new LinkedHashMap<>();
            Map<String, Long> gpus = new LinkedHashMap<>();
            summary.pools().forEach(p -> prices.put(p.name(), p.pricePerGpuHour()));
            summary.pools().forEach(p -> gpus.put(p.name(), (long) p.gpus()));
            page.heading("GPU pools").table(brief.poolTable(prices, gpus));
        }
        if (!brief.deployments().isEmpty()) {
            page.heading("Deployments").table(brief.deploymentTable());
        }
        if (!brief.workloads().isEmpty()) {
            page.heading("Workloads").table(brief.workloadTable());
        }
        page.details("The scenario file as it was run (scenario.yaml)", run.scenarioText());
    }

    private String scenarioSentence() {
        StringBuilder sb = new StringBuilder("Scenario ").append(summary.scenario()).append(": ")
                .append(Figures.duration(summary.durationS())).append(" of simulated time, of which the first ")
                .append(Figures.duration(summary.warmupS())).append(" warm up the cluster and the remaining ")
                .append(Figures.duration(summary.measuredS())).append(" are measured");
        String interval = brief.text("metricsInterval");
        if (interval != null) {
            sb.append("; the time series sample every ").append(interval);
        }
        sb.append(". ").append(plural(summary.streams().size(), "request stream")).append(" sent to ")
                .append(plural(deploymentCount(), "deployment")).append(" on ")
                .append(plural(summary.pools().size(), "GPU pool")).append(" (")
                .append(plural(summary.pools().stream().mapToLong(PoolSummary::gpus).sum(), "GPU"))
                .append(" in all).");
        return sb.toString();
    }

    private int deploymentCount() {
        return Math.max(brief.deployments().size(), deployments.size());
    }

    private double fleetBusy() {
        return fleetWeighted(PoolSummary::busyFraction);
    }

    /** A pool figure averaged over the fleet's GPUs. */
    private double fleetWeighted(java.util.function.ToDoubleFunction<PoolSummary> figure) {
        double weighted = 0;
        long gpus = 0;
        for (PoolSummary p : summary.pools()) {
            weighted += figure.applyAsDouble(p) * p.gpus();
            gpus += p.gpus();
        }
        return gpus == 0 ? Double.NaN : weighted / gpus;
    }

    private double peakKv() {
        double peak = Double.NaN;
        for (ReplicaSummary r : summary.replicas()) {
            peak = Double.isNaN(peak) ? r.kvPeakOccupancy() : Math.max(peak, r.kvPeakOccupancy());
        }
        return peak;
    }

    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }

    private static String plural(long n, String noun) {
        return Figures.count(n) + " " + noun + (n == 1 ? "" : "s");
    }
}
