package org.infersim.reports;

import java.util.List;
import java.util.Locale;
import org.infersim.results.DeploymentSummary;
import org.infersim.results.PoolSummary;
import org.infersim.results.ReplicaSummary;

/** "Per replica and per pool": what each autoscaler and cold start did, then every replica and pool measured. */
final class ReplicaSection extends RunSection {
    ReplicaSection(RunPage p) {
        super(p);
    }

    @Override
    void add() {
        page.section("replicas", "Per replica and per pool");
        page.paragraph("Measured after warm-up. Busy is the share of time running iterations; FLOP/s and HBM "
                + "bandwidth (BW) are the achieved shares of the GPUs' peaks (decode is usually bandwidth-bound, so "
                + "its HBM share is high while its FLOP/s share is low); KV is the share of KV-cache blocks in use.");
        scaling();
        HtmlTable replicas = new HtmlTable("Replica", "Deployment", "State", "Pool", "GPU", "GPUs", "Busy", "FLOP/s",
                "HBM BW", "KV mean", "KV peak", "KV tokens", "Iterations", "Preempt.")
                .explain(2, "At the end of the run: ready, pending (waiting for GPUs), starting (cold start), "
                        + "draining, stopped (removed by the autoscaler) or cancelled (withdrawn before it got GPUs)")
                .explain(7, "Achieved FLOP/s as a share of the GPUs' dense peak")
                .explain(8, "Achieved HBM bandwidth as a share of the GPUs' peak")
                .explain(11, "KV-cache capacity in tokens").explain(13, "KV-cache preemptions");
        for (ReplicaSummary r : summary.replicas()) {
            replicas.row(List.of(HtmlTable.text(r.name()), HtmlTable.text(r.deployment()),
                    HtmlTable.text(r.state() == null ? "ready" : r.state()), HtmlTable.text(r.pool()),
                    HtmlTable.text(r.gpu()), HtmlTable.number(r.gpus()), pct(r.busyFraction()),
                    pct(r.flopsFraction()), pct(r.bandwidthFraction()), pct(r.kvMeanOccupancy()),
                    pct(r.kvPeakOccupancy()), HtmlTable.number(r.kvTokens()), HtmlTable.number(r.iterations()),
                    HtmlTable.number(r.preemptions())));
        }
        page.heading("Replicas").table(replicas);
        prefixCache();
        HtmlTable pools = new HtmlTable("Pool", "GPU", "GPUs", "Allocated", "$/GPU-hour", "Busy", "FLOP/s", "HBM BW",
                "Preempt.", "Cost")
                .explain(3, "GPUs given to replicas; the rest are idle but still in the pool")
                .explain(6, "Achieved FLOP/s as a share of the GPUs' dense peak")
                .explain(7, "Achieved HBM bandwidth as a share of the GPUs' peak")
                .explain(8, "KV-cache preemptions");
        for (PoolSummary p : summary.pools()) {
            pools.row(List.of(HtmlTable.text(p.name()), HtmlTable.text(p.gpu()), HtmlTable.number(p.gpus()),
                    HtmlTable.number(p.allocatedGpus()),
                    HtmlTable.number(p.pricePerGpuHour(), Figures.dollars(p.pricePerGpuHour())),
                    pct(p.busyFraction()), pct(p.flopsFraction()), pct(p.bandwidthFraction()),
                    HtmlTable.number(p.preemptions()), HtmlTable.number(p.cost(), Figures.dollars(p.cost()))));
        }
        page.heading("Pools").paragraph("Fractions are over every GPU of the pool, allocated or not, because "
                + "all of them are paid for; cost covers the whole run.").table(pools);
    }

    /** Each replica's prefix cache, when any of them served a prompt from it. */
    private void prefixCache() {
        if (summary.replicas().stream().allMatch(r -> r.prefillTokensSaved() == 0)) {
            return;
        }
        HtmlTable cache = new HtmlTable("Replica", "Deployment", "Hit rate", "Tokens not prefilled", "Cached blocks evicted")
                .explain(2, "Prompt tokens found in its prefix cache over the prompt tokens it started")
                .explain(3, "Cached tokens it did not prefill, recomputations after preemption included")
                .explain(4, "Cached blocks whose memory was needed for other sequences (least recently freed first)");
        for (ReplicaSummary r : summary.replicas()) {
            Double rate = r.prefixCacheHitRate();
            cache.row(List.of(HtmlTable.text(r.name()), HtmlTable.text(r.deployment()),
                    HtmlTable.number(rate, rate == null ? "" : Figures.percent(rate)),
                    HtmlTable.number(r.prefillTokensSaved()), HtmlTable.number(r.cachedBlocksEvicted())));
        }
        page.heading("Prefix cache per replica").table(cache);
    }

    /** Per deployment, what its autoscaler did and what cold starts cost; only when something scaled or started. */
    private void scaling() {
        List<DeploymentSummary> scaled = summary.deployments().stream()
                .filter(d -> d.scaleUps() + d.scaleDowns() + d.coldStarts() + d.waitedForReplica() > 0).toList();
        if (scaled.isEmpty()) {
            return;
        }
        page.heading("Scaling and cold starts");
        page.paragraph("What each deployment's autoscaler did over the whole run, and where its cold starts spent their "
                + "time (means over the replicas started during the run, in seconds): a new node being provisioned, "
                + "waiting for GPUs otherwise, pulling the serving image (0 on a node that had it), loading the weights, "
                + "initialising the engine. Requests that found no replica ready waited for one; requeued requests were "
                + "handed back by a replica whose drain timed out.");
        HtmlTable scaling = new HtmlTable("Deployment", "Peak replicas", "Scale-ups", "Scale-downs", "Cold starts",
                "Waited for a replica", "Mean wait (s)", "Longest wait (s)", "Requeued");
        HtmlTable phases = new HtmlTable("Deployment", "Cold starts", "Mean total (s)", "Longest (s)", "New node",
                "GPU wait", "Image", "Weights", "Engine");
        for (DeploymentSummary d : scaled) {
            scaling.row(List.of(HtmlTable.text(d.name()), HtmlTable.number(d.peakReplicas()),
                    HtmlTable.number(d.scaleUps()), HtmlTable.number(d.scaleDowns()), HtmlTable.number(d.coldStarts()),
                    HtmlTable.number(d.waitedForReplica()), seconds(d.meanWaitForReplicaS()),
                    seconds(d.maxWaitForReplicaS()), HtmlTable.number(d.requeued())));
            var p = d.coldStartPhases();
            if (p != null) {
                phases.row(List.of(HtmlTable.text(d.name()), HtmlTable.number(d.coldStarts()), seconds(p.meanTotalS()),
                        seconds(p.maxTotalS()), seconds(p.provisionNodeS()), seconds(p.waitForGpuS()),
                        seconds(p.imagePullS()), seconds(p.weightsS()), seconds(p.engineInitS())));
            }
        }
        page.table(scaling);
        if (scaled.stream().anyMatch(d -> d.coldStartPhases() != null)) {
            page.table(phases);
        }
    }

    private static HtmlTable.Cell seconds(Double s) {
        return s == null ? HtmlTable.text("-") : HtmlTable.number(s, String.format(Locale.ROOT, "%.1f", s));
    }
}
