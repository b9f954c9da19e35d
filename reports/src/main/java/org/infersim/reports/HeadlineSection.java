package org.infersim.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.infersim.results.LatencySummary;
import org.infersim.results.StreamSummary;

/** "Headline figures": latency percentiles per stream, service level and throughput, request counts, cost. */
final class HeadlineSection extends RunSection {
    HeadlineSection(RunPage p) {
        super(p);
    }

    @Override
    void add() {
        page.section("headline", "Headline figures");
        page.paragraph("Latency of the requests measured after warm-up, in milliseconds. TTFT is the time to first "
                + "token (queueing and prefill); TPOT the mean time per output token after the first (decode "
                + "speed seen by one user); ITL the time between consecutive tokens; E2E the whole request.");
        HtmlTable latency = new HtmlTable("Stream", "TTFT p50", "TTFT p95", "TTFT p99", "TPOT p50", "TPOT p95",
                "TPOT p99", "ITL p95", "E2E p50", "E2E p95", "E2E p99");
        for (StreamSummary s : streamsWithAll()) {
            latency.row(s == summary.overall() ? "highlight" : "", List.of(HtmlTable.text(streamLabel(s)),
                    ms(s.ttftMs(), LatencySummary::p50), ms(s.ttftMs(), LatencySummary::p95),
                    ms(s.ttftMs(), LatencySummary::p99), ms(s.tpotMs(), LatencySummary::p50),
                    ms(s.tpotMs(), LatencySummary::p95), ms(s.tpotMs(), LatencySummary::p99),
                    ms(s.itlMs(), LatencySummary::p95), ms(s.e2eMs(), LatencySummary::p50),
                    ms(s.e2eMs(), LatencySummary::p95), ms(s.e2eMs(), LatencySummary::p99)));
        }
        page.table(latency);

        page.heading("Service level and throughput");
        Map<String, ScenarioBrief.Slo> slos = brief.slos();
        HtmlTable service = new HtmlTable("Stream", "Deployment", "SLO target", "SLO attainment", "Goodput (req/s)",
                "Throughput (req/s)", "Output tokens/s")
                .explain(3, "Share of the measured requests that met every target of their stream's SLO")
                .explain(4, "Requests per second that completed within the SLO");
        HtmlTable counts = new HtmlTable("Stream", "Arrived", "Completed", "Rejected", "In flight", "Preemptions")
                .explain(4, "Requests still queued or running when the simulation ended")
                .explain(5, "Times a running request was evicted from the KV cache and had to wait to resume");
        for (StreamSummary s : streamsWithAll()) {
            ScenarioBrief.Slo slo = slos.get(s.name());
            String rowClass = s == summary.overall() ? "highlight" : "";
            service.row(rowClass, List.of(HtmlTable.text(streamLabel(s)), HtmlTable.text(s.deployment()),
                    HtmlTable.text(s == summary.overall() ? "" : sloText(slo)),
                    HtmlTable.number(s.sloAttainment(), s.sloAttainment() == null ? "no SLO"
                            : Figures.percent(s.sloAttainment())),
                    HtmlTable.number(s.goodputRps(), Figures.number(s.goodputRps())),
                    HtmlTable.number(s.throughputRps(), Figures.number(s.throughputRps())),
                    HtmlTable.number(s.outputTokensPerSec(), Figures.number(s.outputTokensPerSec()))));
            counts.row(rowClass, List.of(HtmlTable.text(streamLabel(s)), HtmlTable.number(s.arrived()),
                    HtmlTable.number(s.completed()), HtmlTable.number(s.rejected()), HtmlTable.number(s.inFlight()),
                    HtmlTable.number(s.preemptions())));
        }
        page.table(service);
        page.heading("Requests").table(counts);
        var r = summary.requests();
        page.paragraph("Over the whole run, warm-up included: " + Figures.count(r.arrived()) + " requests arrived = "
                + Figures.count(r.completed()) + " completed + " + Figures.count(r.rejected()) + " rejected + "
                + Figures.count(r.inFlight()) + " still in flight at the end. The tables above count only the "
                + "requests that arrived after warm-up.");
        prefixCache();

        page.heading("Cost");
        var c = summary.cost();
        HtmlTable cost = new HtmlTable("Whole run", "After warm-up", "Per hour", "Per million output tokens");
        cost.row(List.of(HtmlTable.number(c.total(), Figures.dollars(c.total())),
                HtmlTable.number(c.measured(), Figures.dollars(c.measured())),
                HtmlTable.number(c.perHour(), Figures.dollars(c.perHour()) + "/h"),
                HtmlTable.number(c.perMillionOutputTokens(), Figures.dollars(c.perMillionOutputTokens()))));
        page.table(cost);
        page.paragraph("GPUs are billed while allocated, warm-up included; the cost per million output tokens "
                + "divides the cost after warm-up by the tokens generated after warm-up.");
    }

    /** Only when some prompt was served from the prefix cache: without shared prompts the table says nothing. */
    private void prefixCache() {
        if (summary.overall().prefillTokensSaved() == 0) {
            return;
        }
        HtmlTable cache = new HtmlTable("Stream", "Prefix-cache hit rate", "Prompt tokens from cache")
                .explain(1, "Prompt tokens found in the replica's prefix cache over all prompt tokens, for the "
                        + "measured requests that started")
                .explain(2, "Tokens that were not prefilled because their KV blocks were cached");
        for (StreamSummary s : streamsWithAll()) {
            Double rate = s.prefixCacheHitRate();
            cache.row(s == summary.overall() ? "highlight" : "", List.of(HtmlTable.text(streamLabel(s)),
                    HtmlTable.number(rate, rate == null ? "" : Figures.percent(rate)),
                    HtmlTable.number(s.prefillTokensSaved())));
        }
        page.heading("Prefix cache").paragraph("Prompts that start like earlier ones (a shared system prompt, a "
                + "retrieved document, a conversation so far) reuse the KV blocks already computed: only the "
                + "rest is prefilled, which shortens TTFT and frees compute for other requests.").table(cache);
    }

    private List<StreamSummary> streamsWithAll() {
        List<StreamSummary> list = new ArrayList<>(summary.streams());
        if (summary.streams().size() != 1) {
            list.add(summary.overall());
        }
        return list;
    }

    private String streamLabel(StreamSummary s) {
        return s == summary.overall() ? "all streams" : s.name();
    }

    private static HtmlTable.Cell ms(LatencySummary l, Function<LatencySummary, Double> figure) {
        Double v = l == null ? null : figure.apply(l);
        return HtmlTable.number(v, Figures.ms(v));
    }

    private static String sloText(ScenarioBrief.Slo slo) {
        if (slo == null) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        if (slo.ttftMs() != null) {
            parts.add("TTFT ≤ " + Figures.msWithUnit(slo.ttftMs()));
        }
        if (slo.tpotMs() != null) {
            parts.add("TPOT ≤ " + Figures.msWithUnit(slo.tpotMs()));
        }
        return String.join(", ", parts);
    }
}
