package org.infersim.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.infersim.catalog.GpuSpec;
import org.infersim.metrics.PoolSeries;
import org.infersim.metrics.ReplicaMetrics;
import org.infersim.metrics.RunMetrics;
import org.infersim.metrics.StreamMetrics;
import org.infersim.model.cluster.Allocation;
import org.infersim.model.cluster.Cluster;
import org.infersim.model.cluster.CostMeter;
import org.infersim.model.cluster.Demand;
import org.infersim.model.cluster.Gpu;
import org.infersim.model.cluster.GpuJob;
import org.infersim.model.cluster.GpuPool;
import org.infersim.model.cluster.NodeProvisioner;
import org.infersim.model.cluster.SpotInterruptions;
import org.infersim.model.cluster.SharingMode;
import org.infersim.model.deployment.ReplicaLifecycle;
import org.infersim.model.deployment.RunningDeployment;
import org.infersim.model.serving.Replica;
import org.infersim.model.serving.ReplicaSet;
import org.infersim.scenario.Pricing;
import org.infersim.scenario.PriorityClass;
import org.infersim.scenario.Provisioning;
import org.infersim.scenario.ProvisioningMode;
import org.infersim.scenario.Scenario;

/**
 * Turns the metrics and the model of a finished run into the published summary, section by
 * section: requests, streams, replicas, GPUs, pools, cost, deployments, jobs, priority classes.
 */
public final class SummaryAssembler {
    private final Scenario scenario;
    private final RunMetrics metrics;
    private final Cluster cluster;
    private final List<RunningDeployment> deployments;
    /** Every replica of the run, in the order they were made (their index in the metrics). */
    private final List<ReplicaLifecycle> replicas;
    private final List<GpuJob> jobs;
    private final PoolSeries poolSeries;

    /** The measured window: from the end of the warm-up to the end of the run. */
    private record Window(long warmupNs, long endNs) {
        long ns() {
            return endNs - warmupNs;
        }

        double seconds() {
            return (endNs - warmupNs) / 1e9;
        }
    }

    /** What the replicas and GPUs of one pool did in the window, for its summary. */
    private static final class PoolWork {
        double busyNs;
        double flops;
        double bytes;
        long preemptions;
    }

    /** GPU-hours and dollars of one priority, over the whole run. */
    private static final class PriorityTotals {
        double gpuHours;
        double dollars;
    }

    /**
     * What the replica and GPU sections gather for the later ones: each pool's work, each
     * priority's bill, and what all the workloads were billed.
     */
    private static final class Ledger {
        final PoolWork[] pools;
        final Map<Integer, PriorityTotals> byPriority = new TreeMap<>(Comparator.reverseOrder());
        double billed;

        Ledger(int poolCount) {
            pools = new PoolWork[poolCount];
            for (int p = 0; p < poolCount; p++) {
                pools[p] = new PoolWork();
            }
        }
    }

    /** @param deployments in the scenario's order, each with the replicas it made */
    public SummaryAssembler(Scenario scenario, RunMetrics metrics, Cluster cluster, List<RunningDeployment> deployments,
                            List<GpuJob> jobs, PoolSeries poolSeries) {
        this.scenario = scenario;
        this.metrics = metrics;
        this.cluster = cluster;
        this.deployments = List.copyOf(deployments);
        this.replicas = deployments.stream().flatMap(d -> d.replicas().stream())
                .sorted(Comparator.comparingInt(ReplicaLifecycle::index)).toList();
        this.jobs = List.copyOf(jobs);
        this.poolSeries = poolSeries;
    }

    public RunSummary assemble(long endNs) {
        Window window = new Window(scenario.warmupNs(), endNs);
        long inFlight = countInFlight(endNs);
        List<StreamSummary> streams = new ArrayList<>();
        boolean anySlo = false;
        long arrived = 0;
        long completed = 0;
        long rejected = 0;
        for (StreamMetrics s : metrics.streamMetrics()) {
            streams.add(StreamSummaries.summarize(s, window.seconds(), s.hasSlo()));
            anySlo |= s.hasSlo();
            arrived += s.arrivedTotal();
            completed += s.completedTotal();
            rejected += s.rejectedTotal();
        }
        StreamMetrics overall = metrics.overall();
        Ledger ledger = new Ledger(cluster.pools().size());
        List<ReplicaSummary> replicaSummaries = replicas(window, ledger.pools);
        List<GpuSummary> gpuSummaries = gpus(window, ledger);
        EnergySummaries energy = new EnergySummaries(cluster.pools(), metrics, replicas.size(), poolSeries,
                window.warmupNs(), endNs, scenario.metricsIntervalNs());
        List<PoolSummary> poolSummaries = pools(window, ledger.pools, energy);
        CostSummary cost = cost(window, ledger.billed, overall.outputTokens());
        EnergySummary totalEnergy = energy.total(poolSummaries.stream().map(PoolSummary::energy).toList(),
                overall.outputTokens(), overall.finished());
        FleetCostSummary fleet = FleetCosts.of(cluster.pools(), cluster.cost(), window.warmupNs(), endNs,
                overall.outputTokens(), totalEnergy.peakPowerKw(), totalEnergy.pue());
        StreamSummary overallSummary = StreamSummaries.summarize(overall, window.seconds(), anySlo);
        return new RunSummary(scenario.name(), scenario.seed(), endNs / 1e9, scenario.warmupNs() / 1e9,
                window.seconds(), new RequestCounts(arrived, completed, rejected, inFlight),
                overallSummary, streams, replicaSummaries, poolSummaries, cost,
                deployments(endNs), gpuSummaries, jobs(endNs), priorityClasses(ledger.byPriority), totalEnergy,
                fleet, buildVsBuy(overallSummary, fleet));
    }

    /**
     * What a GPU-hour of the pool cost over the run under its pricing: the list price on demand,
     * less a discount, or an owned pool's cost spread over its GPU-hours; what a workload holding a
     * GPU is billed at.
     */
    private double ratePerGpuHour(GpuPool pool, long endNs) {
        double hours = cluster.cost().gpuHours(pool.index(), 0, endNs);
        return pool.pricing() instanceof Pricing.OnDemand || hours <= 0 ? pool.pricePerGpuHour()
                : cluster.cost().poolCost(pool.index(), 0, endNs) / hours;
    }

    /** The fleet against the scenario's hosted API, at this run's traffic; null when it names none. */
    private BuildVsBuySummary buildVsBuy(StreamSummary overall, FleetCostSummary fleet) {
        if (scenario.hostedApi() == null) {
            return null;
        }
        double owned = fleet.costModels().stream().filter(m -> m.model().equals("on-prem")).findFirst().orElseThrow()
                .perMonth();
        return BuildVsBuySummary.of(scenario.hostedApi(), overall.promptTokensPerSec(), overall.outputTokensPerSec(),
                owned);
    }

    /** Requests still in flight at the end (counted against the SLO where they already missed it). */
    private long countInFlight(long endNs) {
        long inFlight = 0;
        for (RunningDeployment d : deployments) {
            ReplicaSet set = d.set();
            set.forEachInFlight(req -> metrics.countInFlightAtEnd(req, endNs));
            inFlight += set.unroutedCount();
            for (Replica r : set.replicas()) {
                inFlight += r.outstanding();
            }
        }
        for (ReplicaLifecycle replica : replicas) {
            // Draining replicas are out of their set's router but still finishing requests.
            if (replica.state() == ReplicaLifecycle.State.DRAINING) {
                replica.replica().forEachInFlight(req -> metrics.countInFlightAtEnd(req, endNs));
                inFlight += replica.replica().outstanding();
            }
        }
        return inFlight;
    }

    /** One summary per replica; adds what each did to its pool's work. */
    private List<ReplicaSummary> replicas(Window window, PoolWork[] work) {
        List<ReplicaSummary> out = new ArrayList<>();
        for (ReplicaLifecycle replica : replicas) {
            ReplicaSummary.Builder b = ReplicaSummary.builder().name(replica.name())
                    .deployment(replica.placement().deployment()).state(replica.state().label());
            Allocation a = replica.allocation();
            if (a == null) {
                out.add(waiting(b, replica, window.endNs()));
                continue;
            }
            ReplicaMetrics m = metrics.replica(replica.index());
            int gpus = a.gpus().size();
            GpuSpec spec = a.pool().spec();
            double peakFlops = spec.peakFlops(false) * gpus;
            double peakBytes = spec.memoryBandwidth() * gpus;
            // A replica that never got ready (stopped while cold-starting) has no cache and did no work.
            Replica engine = replica.replica();
            long blocks = engine == null ? 0 : engine.kvCache().totalBlocks();
            int blockSize = engine == null ? 0 : engine.kvCache().blockSize();
            out.add(b.pool(a.pool().name()).gpu(spec.id()).gpus(gpus)
                    .busyFraction(Decimal.round(m.busyNs() / window.ns()))
                    .flopsFraction(Decimal.round(m.flops() / (peakFlops * window.seconds())))
                    .bandwidthFraction(Decimal.round(m.bytes() / (peakBytes * window.seconds())))
                    .kvMeanOccupancy(blocks == 0 ? 0 : Decimal.round(m.kvBlockNs() / window.ns() / blocks))
                    .kvPeakOccupancy(blocks == 0 ? 0 : Decimal.round((double) m.peakKvBlocks() / blocks))
                    .kvBlocks(blocks).kvTokens(blocks * blockSize).iterations(m.iterations()).preemptions(m.preemptions())
                    .placedAtS(Decimal.round(a.placedAtNs() / 1e9)).gpuIds(a.gpus().stream().map(Gpu::id).toList())
                    .sharing(a.demand().sharing().label()).gpuFraction(Decimal.round(a.fraction()))
                    .migProfile(a.migProfile() == null ? null : a.migProfile().name())
                    .waitedS(Decimal.round((a.placedAtNs() - replica.requestedAtNs()) / 1e9))
                    .prefixCacheHitRate(m.promptTokens() == 0 ? null
                            : Decimal.of((double) m.cachedPromptTokens() / m.promptTokens()))
                    .prefillTokensSaved(m.tokensReused()).cachedBlocksEvicted(m.evictedBlocks())
                    .build());
            PoolWork w = work[a.pool().index()];
            w.flops += m.flops();
            w.bytes += m.bytes();
            w.preemptions += m.preemptions();
        }
        return out;
    }

    /**
     * A replica that never got GPUs: what it asks its first pool for, and how long it waited, to the
     * end of the run while still pending, or to its withdrawal.
     */
    private static ReplicaSummary waiting(ReplicaSummary.Builder b, ReplicaLifecycle replica, long endNs) {
        Demand demand = replica.demand(replica.pools().get(0));
        long until = replica.state() == ReplicaLifecycle.State.CANCELLED ? replica.goneAtNs() : endNs;
        return b.gpus(demand instanceof Demand.WholeGpus w ? w.count() : 1).sharing(demand.sharing().label())
                .migProfile(demand instanceof Demand.MigSlice m ? m.profile().name() : null)
                .waitedS(Decimal.round(Math.max(0, until - replica.requestedAtNs()) / 1e9))
                .build();
    }

    /** One summary per GPU, with its tenants; adds their busy time to their pool's work and their bill to the ledger. */
    private List<GpuSummary> gpus(Window window, Ledger ledger) {
        List<GpuSummary> out = new ArrayList<>();
        for (GpuPool pool : cluster.pools()) {
            boolean serverless = pool.provisioning().mode() == ProvisioningMode.SERVERLESS;
            for (Gpu g : pool.allGpus()) {
                if (serverless && g.history().isEmpty()) {
                    continue; // capacity no one asked for: neither paid nor worth a line
                }
                double busy = g.sharedBusyNs();
                double allocated = 0;
                List<GpuTenantSummary> tenants = new ArrayList<>();
                for (Allocation a : g.history()) {
                    double tenantBusy = busyInWindow(a, window);
                    if (a.demand().sharing() == SharingMode.WHOLE) {
                        busy += tenantBusy;
                    } else if (a.demand().sharing() == SharingMode.MIG) {
                        busy += tenantBusy * a.migProfile().computeSlices() / Gpu.MIG_COMPUTE_SLICES;
                    }
                    double gpuHours = a.fraction() * a.heldNs(0, window.endNs()) / 3.6e12;
                    double dollars = gpuHours * ratePerGpuHour(pool, window.endNs());
                    allocated += a.fraction() * a.heldNs(0, window.endNs());
                    ledger.billed += dollars;
                    PriorityTotals totals = ledger.byPriority.computeIfAbsent(a.workload().priority(),
                            k -> new PriorityTotals());
                    totals.gpuHours += gpuHours;
                    totals.dollars += dollars;
                    tenants.add(tenant(a, window, tenantBusy, gpuHours, dollars));
                }
                ledger.pools[pool.index()].busyNs += busy;
                out.add(new GpuSummary(g.id(), pool.name(), g.node().index(), Decimal.round(busy / window.ns()),
                        Decimal.round(allocated / window.endNs()), tenants));
            }
        }
        return out;
    }

    private static GpuTenantSummary tenant(Allocation a, Window window, double busyNs, double gpuHours, double dollars) {
        return new GpuTenantSummary(a.workload().name(), a.workload().kind(), a.demand().sharing().label(),
                Decimal.round(a.fraction()), a.migProfile() == null ? null : a.migProfile().name(),
                Decimal.round(a.placedAtNs() / 1e9),
                a.isReleased() ? Double.valueOf(Decimal.round(a.releasedAtNs() / 1e9)) : null,
                Decimal.round(busyNs / window.ns()), Decimal.round(gpuHours), Decimal.round(dollars));
    }

    /** Time the allocation's holder had work running on its GPUs, in the measured window. */
    private double busyInWindow(Allocation a, Window window) {
        if (a.workload() instanceof ReplicaLifecycle replica) {
            return metrics.replica(replica.index()).busyNs();
        }
        return a.heldNs(window.warmupNs(), window.endNs());
    }

    /** One summary per pool: its use of the GPU time it paid for in the window, and how it was provisioned. */
    private List<PoolSummary> pools(Window window, PoolWork[] work, EnergySummaries energy) {
        CostMeter cost = cluster.cost();
        long endNs = window.endNs();
        List<PoolSummary> out = new ArrayList<>();
        for (GpuPool pool : cluster.pools()) {
            int p = pool.index();
            GpuSpec gpu = pool.spec();
            // GPU-seconds paid for in the window: what the pool's fractions are of.
            double gpuSeconds = pool.provisioning().isStatic() ? pool.readyGpuNs(window.warmupNs(), endNs) / 1e9
                    : cost.gpuHours(p, window.warmupNs(), endNs) * 3600;
            PoolSummary.Builder b = PoolSummary.builder().name(pool.name()).gpu(gpu.id()).gpus(pool.gpus().size())
                    .allocatedGpus(pool.allocatedGpus()).pricePerGpuHour(cost.pricePerGpuHour(p))
                    .busyFraction(gpuSeconds == 0 ? 0 : Decimal.round(work[p].busyNs / 1e9 / gpuSeconds))
                    .flopsFraction(gpuSeconds == 0 ? 0 : Decimal.round(work[p].flops / (gpu.peakFlops(false) * gpuSeconds)))
                    .bandwidthFraction(gpuSeconds == 0 ? 0
                            : Decimal.round(work[p].bytes / (gpu.memoryBandwidth() * gpuSeconds)))
                    .preemptions(work[p].preemptions).cost(Decimal.round(cost.poolCost(p, 0, endNs)))
                    .energy(energy.pool(pool));
            SpotInterruptions spot = cluster.interruptions(pool);
            if (spot != null) {
                b.spot(spot.interruptions(), spot.replicasLost(), spot.jobsEvicted(), spot.requestsRetried());
            }
            out.add(pool.provisioning().isStatic() ? b.build() : provisioned(b, pool, endNs));
        }
        return out;
    }

    /** The part of a dynamic or serverless pool's summary that says how it grew and shrank. */
    private PoolSummary provisioned(PoolSummary.Builder b, GpuPool pool, long endNs) {
        CostMeter cost = cluster.cost();
        int p = pool.index();
        Provisioning prov = pool.provisioning();
        NodeProvisioner provisioner = cluster.nodeAutoscaler().provisioner(pool);
        return b.provisioning(prov.mode().label()).nodes(pool.nodes().size())
                .nodesProvisioning(pool.nodesProvisioning().size())
                .minNodes(prov.mode() == ProvisioningMode.DYNAMIC ? prov.minNodes() : null)
                .maxNodes(prov.maxNodes() == Provisioning.UNLIMITED ? null : prov.maxNodes())
                .peakNodes(provisioner.peakNodes()).nodesAdded(provisioner.nodesAdded())
                .nodesRemoved(provisioner.nodesRemoved()).nodeHours(Decimal.round(cost.nodeHours(p, 0, endNs)))
                .provisioningNodeHours(Decimal.round(cost.provisioningNodeHours(p, 0, endNs)))
                .gpuHours(Decimal.round(cost.gpuHours(p, 0, endNs)))
                .peakGpus(provisioner.peakNodes() * pool.gpusPerNode())
                .build();
    }

    /** What the run cost; {@code billed} is what its workloads held. */
    private CostSummary cost(Window window, double billed, long outputTokens) {
        CostMeter cost = cluster.cost();
        double measured = 0;
        for (GpuPool pool : cluster.pools()) {
            measured += cost.poolCost(pool.index(), window.warmupNs(), window.endNs());
        }
        double total = cost.costUpTo(window.endNs());
        return new CostSummary(Decimal.round(total), Decimal.round(cost.perHour(window.endNs())),
                Decimal.round(measured), outputTokens == 0 ? null : Decimal.of(measured / outputTokens * 1e6),
                Decimal.round(billed), Decimal.round(unbilled(total, billed)), byProvisioning(window.endNs()));
    }

    /** What no workload held: the rest of the total, with the rounding noise of summing the same dollars two ways removed. */
    private static double unbilled(double total, double billed) {
        double rest = total - billed;
        return rest <= 1e-9 * Math.max(1, total) ? 0 : rest;
    }

    /** Cost per provisioning mode, in the order static, dynamic, serverless; null when every pool is static. */
    private List<ProvisioningCost> byProvisioning(long endNs) {
        if (cluster.nodeAutoscaler() == null) {
            return null;
        }
        List<ProvisioningCost> out = new ArrayList<>();
        for (ProvisioningMode mode : ProvisioningMode.values()) {
            int count = 0;
            double gpuHours = 0;
            double dollars = 0;
            for (GpuPool pool : cluster.pools()) {
                if (pool.provisioning().mode() == mode) {
                    count++;
                    gpuHours += cluster.cost().gpuHours(pool.index(), 0, endNs);
                    dollars += cluster.cost().poolCost(pool.index(), 0, endNs);
                }
            }
            if (count > 0) {
                out.add(new ProvisioningCost(mode.label(), count, Decimal.round(gpuHours), Decimal.round(dollars)));
            }
        }
        return out;
    }

    private static List<PriorityClassSummary> priorityClasses(Map<Integer, PriorityTotals> byPriority) {
        List<PriorityClassSummary> out = new ArrayList<>();
        for (Map.Entry<Integer, PriorityTotals> e : byPriority.entrySet()) {
            out.add(new PriorityClassSummary(e.getKey(), PriorityClass.label(e.getKey()),
                    Decimal.round(e.getValue().gpuHours), Decimal.round(e.getValue().dollars)));
        }
        return out;
    }

    private List<JobSummary> jobs(long endNs) {
        List<JobSummary> out = new ArrayList<>();
        for (GpuJob job : jobs) {
            GpuJob.Accounting acc = job.accountingAt(endNs);
            double gpuHours = 0;
            double dollars = 0;
            for (Allocation a : job.allocations()) {
                gpuHours += a.gpuHours(endNs);
                dollars += a.gpuHours(endNs) * ratePerGpuHour(a.pool(), endNs);
            }
            List<Allocation> held = job.allocations();
            Allocation last = held.isEmpty() ? null : held.get(held.size() - 1);
            out.add(JobSummary.builder().name(job.name()).kind(job.kind()).priority(job.priority())
                    .priorityClass(PriorityClass.label(job.priority())).preemptible(job.preemptible()).gpus(job.gpus())
                    .pool(last == null ? null : last.pool().name())
                    .state(job.state().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .submittedAtS(Decimal.round(Math.max(0, acc.submittedAtNs()) / 1e9))
                    .firstStartedAtS(acc.firstStartNs() < 0 ? null : Decimal.round(acc.firstStartNs() / 1e9))
                    .completedAtS(acc.completedAtNs() < 0 ? null : Decimal.round(acc.completedAtNs() / 1e9))
                    .workS(Decimal.round(job.workNs() / 1e9)).workDoneS(Decimal.round(acc.progressNs() / 1e9))
                    .workLostS(Decimal.round(acc.lostNs() / 1e9)).restartS(Decimal.round(acc.restartNs() / 1e9))
                    .runningS(Decimal.round(acc.runningNs() / 1e9)).waitingS(Decimal.round(acc.waitingNs() / 1e9))
                    .preemptedS(Decimal.round(acc.preemptedNs() / 1e9)).preemptions(acc.preemptions())
                    .gpuHours(Decimal.round(gpuHours)).cost(Decimal.round(dollars))
                    .build());
        }
        return out;
    }

    private List<DeploymentSummary> deployments(long endNs) {
        List<DeploymentSummary> out = new ArrayList<>();
        for (RunningDeployment d : deployments) {
            int[] byState = new int[ReplicaLifecycle.State.values().length];
            double gpuHours = 0;
            double dollars = 0;
            long requeued = 0;
            ColdStartTotals cold = new ColdStartTotals();
            for (ReplicaLifecycle replica : d.replicas()) {
                byState[replica.state().ordinal()]++;
                requeued += replica.requeued();
                Allocation a = replica.allocation();
                if (a == null) {
                    continue;
                }
                double hours = a.gpuHours(endNs);
                gpuHours += hours;
                dollars += hours * ratePerGpuHour(a.pool(), endNs);
                cold.add(replica);
            }
            ReplicaSet set = d.set();
            long waited = set.waitedForReplica();
            out.add(DeploymentSummary.builder().name(d.config().name()).priority(d.config().priority())
                    .replicas(d.config().replicas()).ready(byState[ReplicaLifecycle.State.READY.ordinal()])
                    .pending(byState[ReplicaLifecycle.State.PENDING.ordinal()])
                    .gpuHours(Decimal.round(gpuHours)).cost(Decimal.round(dollars))
                    .starting(byState[ReplicaLifecycle.State.STARTING.ordinal()])
                    .draining(byState[ReplicaLifecycle.State.DRAINING.ordinal()])
                    .peakReplicas(d.autoscaler().peakReplicas()).scaleUps(d.autoscaler().scaleUps())
                    .scaleDowns(d.autoscaler().scaleDowns()).coldStarts(cold.count).coldStartPhases(cold.phases())
                    .waitedForReplica(waited)
                    .meanWaitForReplicaS(waited == 0 ? null : Decimal.of(set.waitedForReplicaNs() / 1e9 / waited))
                    .maxWaitForReplicaS(waited == 0 ? null : Decimal.of(set.longestWaitForReplicaNs() / 1e9))
                    .requeued(requeued)
                    .cancelledWhilePending(byState[ReplicaLifecycle.State.CANCELLED.ordinal()])
                    .build());
        }
        return out;
    }
}
