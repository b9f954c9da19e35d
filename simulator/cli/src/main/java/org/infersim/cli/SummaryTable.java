package org.infersim.cli;

import java.util.Locale;
import org.infersim.results.DeploymentSummary;
import org.infersim.results.GpuSummary;
import org.infersim.results.GpuTenantSummary;
import org.infersim.results.JobSummary;
import org.infersim.results.LatencySummary;
import org.infersim.results.PoolSummary;
import org.infersim.results.PriorityClassSummary;
import org.infersim.results.ReplicaSummary;
import org.infersim.results.RunSummary;
import org.infersim.results.StreamSummary;

/** The short table {@code infersim run} prints. */
final class SummaryTable {
    private SummaryTable() {}

    static String render(RunSummary s) {
        StringBuilder out = new StringBuilder();
        streams(s, out);
        deployments(s, out);
        pools(s, out);
        sharedGpus(s, out);
        jobsAndPriorityClasses(s, out);
        totals(s, out);
        return out.toString();
    }

    private static void streams(RunSummary s, StringBuilder out) {
        out.append(String.format(Locale.ROOT, "%s  (seed %d, %.0f s simulated, %.0f s measured after warm-up)%n%n",
                s.scenario(), s.seed(), s.durationS(), s.measuredS()));
        out.append(String.format(Locale.ROOT, "%-18s %8s %8s %6s | %22s | %16s | %7s %8s %9s%n",
                "stream", "arrived", "done", "rej", "TTFT p50/p95/p99 ms", "TPOT p50/p95 ms", "SLO", "req/s", "out tok/s"));
        for (StreamSummary st : s.streams()) {
            out.append(row(st));
        }
        if (s.streams().size() > 1) {
            out.append(row(s.overall()));
        }
    }

    /** Replicas, GPU-hours and cost per deployment, then what its autoscaler and cold starts did. */
    private static void deployments(RunSummary s, StringBuilder out) {
        out.append(String.format(Locale.ROOT, "%n%-18s %8s %8s %8s %12s %10s %10s%n",
                "deployment", "replicas", "ready", "pending", "waited (max)", "GPU-hours", "cost $"));
        for (DeploymentSummary d : s.deployments()) {
            double waited = s.replicas().stream().filter(r -> r.deployment().equals(d.name()))
                    .mapToDouble(ReplicaSummary::waitedS).max().orElse(0);
            out.append(String.format(Locale.ROOT, "%-18s %8d %8d %8s %12s %10.2f %10.2f%n", d.name(), d.replicas(),
                    d.ready(), d.pending() == 0 ? "-" : Integer.toString(d.pending()), waited == 0 ? "-" : hms(waited),
                    d.gpuHours(), d.cost()));
        }
        for (DeploymentSummary d : s.deployments()) {
            if (d.scaleUps() + d.scaleDowns() + d.coldStarts() == 0) {
                continue;
            }
            var p = d.coldStartPhases();
            out.append(String.format(Locale.ROOT, "  %s: peak %d replicas, %d scale-ups, %d scale-downs%s, %d cold starts%s%n",
                    d.name(), d.peakReplicas(), d.scaleUps(), d.scaleDowns(),
                    d.cancelledWhilePending() == 0 ? "" : " (" + d.cancelledWhilePending() + " replicas cancelled while pending)",
                    d.coldStarts(),
                    p == null ? "" : String.format(Locale.ROOT,
                            " (mean %s: %sGPU wait %s, image %s, weights %s, engine %s)", hms(p.meanTotalS()),
                            p.provisionNodeS() > 0 ? "new node " + hms(p.provisionNodeS()) + ", " : "",
                            hms(p.waitForGpuS()), hms(p.imagePullS()), hms(p.weightsS()), hms(p.engineInitS()))));
            if (d.waitedForReplica() > 0) {
                out.append(String.format(Locale.ROOT, "  %s: %d requests found no replica ready and waited %s on average"
                        + " (longest %s)%n", d.name(), d.waitedForReplica(), hms(d.meanWaitForReplicaS()),
                        hms(d.maxWaitForReplicaS())));
            }
        }
    }

    private static void pools(RunSummary s, StringBuilder out) {
        // "stepping": a continuous-batching engine steps whenever it holds a request, so this is
        // near 100% at light load; FLOP/s and HBM B/s say how much of the GPUs the steps used.
        out.append(String.format(Locale.ROOT, "%n%-12s %-10s %5s %8s %8s %8s %10s%n",
                "pool", "gpu", "gpus", "stepping", "FLOP/s", "HBM B/s", "cost $"));
        for (PoolSummary p : s.pools()) {
            out.append(String.format(Locale.ROOT, "%-12s %-10s %5d %7.1f%% %7.1f%% %7.1f%% %10.2f%n",
                    p.name(), p.gpu(), p.gpus(), p.busyFraction() * 100, p.flopsFraction() * 100,
                    p.bandwidthFraction() * 100, p.cost()));
        }
        for (PoolSummary p : s.pools()) {
            if (p.provisioning() != null) {
                out.append(String.format(Locale.ROOT, "%-12s %s: %d nodes ready and %d provisioning at the end, peak %d"
                                + " of %s; %d added, %d removed; %.2f node-hours (%.2f provisioning)%n",
                        p.name(), p.provisioning(), p.nodes(), p.nodesProvisioning(), p.peakNodes(),
                        p.maxNodes() == null ? "no cap" : "max " + p.maxNodes(), p.nodesAdded(), p.nodesRemoved(),
                        p.nodeHours(), p.provisioningNodeHours()));
            }
            if (p.spotInterruptions() != null) {
                out.append(String.format(Locale.ROOT, "%-12s spot: %d nodes taken back, %d replicas lost, %d jobs evicted,"
                                + " %d requests served again%n", p.name(), p.spotInterruptions(), p.replicasLost(),
                        p.jobsEvicted(), p.requestsRetried()));
            }
        }
    }

    /** GPUs shared by several workloads (time slicing, MPS, MIG), each with its tenants; none otherwise. */
    private static void sharedGpus(RunSummary s, StringBuilder out) {
        boolean shared = s.gpus().stream().anyMatch(g -> g.tenants().stream().anyMatch(t -> !"whole".equals(t.sharing())));
        if (shared) {
            out.append(String.format(Locale.ROOT, "%n%-16s %6s  %s%n", "shared GPU", "busy", "tenants (share, busy)"));
            for (GpuSummary g : s.gpus()) {
                if (g.tenants().stream().allMatch(t -> "whole".equals(t.sharing()))) {
                    continue;
                }
                StringBuilder tenants = new StringBuilder();
                for (GpuTenantSummary t : g.tenants()) {
                    tenants.append(tenants.length() == 0 ? "" : ", ").append(t.workload()).append(" (")
                            .append(t.migProfile() != null ? "mig " + t.migProfile()
                                    : t.sharing() + " " + String.format(Locale.ROOT, "%.2f", t.fraction()))
                            .append(String.format(Locale.ROOT, ", %.0f%%)", t.busyFraction() * 100));
                }
                out.append(String.format(Locale.ROOT, "%-16s %5.1f%%  %s%n", g.id(), g.busyFraction() * 100, tenants));
            }
        }
    }

    private static void jobsAndPriorityClasses(RunSummary s, StringBuilder out) {
        if (!s.jobs().isEmpty()) {
            out.append(String.format(Locale.ROOT, "%n%-18s %-9s %5s %-12s %9s %9s %9s %9s %6s%n", "job", "class", "gpus",
                    "state", "running", "preempted", "work lost", "done", "evicted"));
            for (JobSummary j : s.jobs()) {
                out.append(String.format(Locale.ROOT, "%-18s %-9s %5d %-12s %9s %9s %9s %8.0f%% %6d%n", j.name(),
                        j.priorityClass(), j.gpus(), j.state(), hms(j.runningS()), hms(j.preemptedS()),
                        hms(j.workLostS()), 100 * j.workDoneS() / j.workS(), j.preemptions()));
            }
        }
        if (s.priorityClasses().size() > 1) {
            out.append(String.format(Locale.ROOT, "%n%-18s %10s %10s%n", "priority class", "GPU-hours", "cost $"));
            for (PriorityClassSummary p : s.priorityClasses()) {
                out.append(String.format(Locale.ROOT, "%-18s %10.2f %10.2f%n", p.name() + " (" + p.priority() + ")",
                        p.gpuHours(), p.cost()));
            }
        }
    }

    /** Cost and the conservation of requests over the whole run. */
    private static void totals(RunSummary s, StringBuilder out) {
        var c = s.cost();
        out.append(String.format(Locale.ROOT, "%ncost: $%.2f total ($%.2f held by workloads, $%.2f idle), $%.2f/h, %s per"
                        + " million output tokens%n", c.total(), c.billed(), c.unbilled(), c.perHour(),
                c.perMillionOutputTokens() == null ? "-" : String.format(Locale.ROOT, "$%.3f", c.perMillionOutputTokens())));
        var r = s.requests();
        out.append(String.format(Locale.ROOT, "requests: %d arrived = %d completed + %d rejected + %d in flight%n",
                r.arrived(), r.completed(), r.rejected(), r.inFlight()));
        StreamSummary all = s.overall();
        if (all.prefillTokensSaved() > 0) {
            out.append(String.format(Locale.ROOT, "prefix cache: %.1f%% of prompt tokens served from cache (%,d tokens not"
                    + " prefilled)%n", all.prefixCacheHitRate() * 100, all.prefillTokensSaved()));
        }
    }

    private static String row(StreamSummary st) {
        return String.format(Locale.ROOT, "%-18s %8d %8d %6d | %22s | %16s | %7s %8.2f %9.0f%n",
                st.name(), st.arrived(), st.completed(), st.rejected(),
                ms(st.ttftMs(), true), ms(st.tpotMs(), false),
                st.sloAttainment() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", st.sloAttainment() * 100),
                st.throughputRps(), st.outputTokensPerSec());
    }

    /** A duration in seconds as 1h02m, 3m20s or 45s. */
    private static String hms(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    private static String ms(LatencySummary l, boolean withP99) {
        if (l.count() == 0) {
            return "-";
        }
        return withP99
                ? String.format(Locale.ROOT, "%.0f / %.0f / %.0f", l.p50(), l.p95(), l.p99())
                : String.format(Locale.ROOT, "%.1f / %.1f", l.p50(), l.p95());
    }
}
