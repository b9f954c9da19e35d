package org.infersim.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.infersim.metrics.ReplicaMetrics;
import org.infersim.metrics.RunMetrics;
import org.infersim.metrics.StreamMetrics;
import org.infersim.model.cluster.Allocation;
import org.infersim.model.cluster.CostMeter;
import org.infersim.model.cluster.Gpu;
import org.infersim.model.cluster.GpuJob;
import org.infersim.model.cluster.GpuPool;
import org.infersim.model.cluster.NodeAutoscaler;
import org.infersim.model.cluster.NodeProvisioner;
import org.infersim.model.cluster.SharingMode;
import org.infersim.model.deployment.ColdStart;
import org.infersim.model.deployment.ReplicaAutoscaler;
import org.infersim.model.deployment.ReplicaLifecycle;
import org.infersim.model.serving.Replica;
import org.infersim.model.serving.ReplicaSet;
import org.infersim.scenario.Deployment;
import org.infersim.scenario.GpuShare;
import org.infersim.scenario.PriorityClass;
import org.infersim.scenario.Provisioning;
import org.infersim.scenario.ProvisioningMode;
import org.infersim.scenario.Scenario;

/** Turns the metrics of a finished run into the published summary. */
public final class SummaryAssembler {
    private final Scenario scenario;
    private final RunMetrics metrics;
    private final List<ReplicaLifecycle> slots;
    private final List<ReplicaAutoscaler> scalers;
    private final List<GpuJob> jobs;
    private final List<GpuPool> pools;
    private final CostMeter cost;
    private final List<ReplicaSet> sets;
    private final NodeAutoscaler autoscaler;

    /** @param autoscaler the dynamic and serverless pools' autoscaler; null when every pool is static */
    public SummaryAssembler(Scenario scenario, RunMetrics metrics, List<ReplicaLifecycle> slots, List<ReplicaAutoscaler> scalers,
                     List<GpuJob> jobs, List<GpuPool> pools, CostMeter cost, List<ReplicaSet> sets,
                     NodeAutoscaler autoscaler) {
        this.scenario = scenario;
        this.metrics = metrics;
        this.slots = slots;
        this.scalers = scalers;
        this.jobs = jobs;
        this.pools = pools;
        this.cost = cost;
        this.sets = sets;
        this.autoscaler = autoscaler;
    }

    public RunSummary assemble(long endNs) {
        long windowNs = endNs - scenario.warmupNs();
        double windowS = windowNs / 1e9;
        long inFlight = 0;
        for (ReplicaSet set : sets) {
            set.forEachInFlight(req -> metrics.countInFlightAtEnd(req, endNs));
            inFlight += set.unroutedCount();
            for (Replica r : set.replicas()) {
                inFlight += r.outstanding();
            }
        }
        for (ReplicaLifecycle slot : slots) {
            // Draining replicas are out of their set's router but still finishing requests.
            if (slot.state() == ReplicaLifecycle.State.DRAINING) {
                slot.replica().forEachInFlight(req -> metrics.countInFlightAtEnd(req, endNs));
                inFlight += slot.replica().outstanding();
            }
        }

        List<StreamSummary> streams = new ArrayList<>();
        boolean anySlo = false;
        long arrived = 0;
        long completed = 0;
        long rejected = 0;
        for (StreamMetrics s : metrics.streamMetrics()) {
            streams.add(StreamSummaries.summarize(s, windowS, s.hasSlo()));
            anySlo |= s.hasSlo();
            arrived += s.arrivedTotal();
            completed += s.completedTotal();
            rejected += s.rejectedTotal();
        }
        StreamMetrics overall = metrics.overall();

        List<ReplicaSummary> replicaSummaries = new ArrayList<>();
        int poolCount = pools.size();
        double[] poolBusy = new double[poolCount];
        double[] poolFlops = new double[poolCount];
        double[] poolBytes = new double[poolCount];
        long[] poolPreemptions = new long[poolCount];
        for (ReplicaLifecycle slot : slots) {
            String deployment = scenario.deployments().get(slot.deployment()).name();
            Replica replica = slot.replica();
            if (slot.allocation() == null) {
                int gpus = scenario.deployments().get(slot.deployment()).tensorParallel();
                var share = scenario.deployments().get(slot.deployment()).gpuShare();
                replicaSummaries.add(new ReplicaSummary(slot.name(), deployment, null, null, gpus,
                        0, 0, 0, 0, 0, 0, 0, 0, 0, slot.state().label(), null, List.of(), sharingLabel(share), 0,
                        share instanceof GpuShare.Mig m ? m.profile() : null,
                        Decimal.round(Math.max(0, endNs - slot.requestedAtNs()) / 1e9)));
                continue;
            }
            Allocation a = slot.allocation();
            ReplicaMetrics m = metrics.replica(slot.index());
            int gpus = a.gpus().size();
            var spec = a.pool().spec();
            double peakFlops = spec.peakFlops(false) * gpus;
            double peakBytes = spec.memoryBandwidth() * gpus;
            // A replica that never got ready (stopped while cold-starting) has no cache and did no work.
            long blocks = replica == null ? 0 : replica.kvCache().totalBlocks();
            int blockSize = replica == null ? 0 : replica.kvCache().blockSize();
            replicaSummaries.add(new ReplicaSummary(slot.name(), deployment, a.pool().name(), spec.id(), gpus,
                    Decimal.round(m.busyNs() / windowNs),
                    Decimal.round(m.flops() / (peakFlops * windowS)),
                    Decimal.round(m.bytes() / (peakBytes * windowS)),
                    blocks == 0 ? 0 : Decimal.round(m.kvBlockNs() / windowNs / blocks),
                    blocks == 0 ? 0 : Decimal.round((double) m.peakKvBlocks() / blocks),
                    blocks, blocks * blockSize, m.iterations(), m.preemptions(),
                    slot.state().label(), Decimal.round(a.placedAtNs() / 1e9), a.gpus().stream().map(Gpu::id).toList(),
                    a.demand().sharing().label(), Decimal.round(a.fraction()),
                    a.migProfile() == null ? null : a.migProfile().name(),
                    Decimal.round((a.placedAtNs() - slot.requestedAtNs()) / 1e9)));
            int p = a.pool().index();
            poolFlops[p] += m.flops();
            poolBytes[p] += m.bytes();
            poolPreemptions[p] += m.preemptions();
        }

        List<GpuSummary> gpuSummaries = new ArrayList<>();
        double billed = 0;
        Map<Integer, double[]> byPriority = new TreeMap<>(Comparator.reverseOrder());
        for (GpuPool pool : pools) {
            boolean serverless = pool.provisioning().mode() == ProvisioningMode.SERVERLESS;
            for (Gpu g : pool.allGpus()) {
                if (serverless && g.history().isEmpty()) {
                    continue; // capacity no one asked for: neither paid nor worth a line
                }
                double busy = g.sharedBusyNs();
                double allocated = 0;
                List<GpuTenantSummary> tenants = new ArrayList<>();
                for (Allocation a : g.history()) {
                    double tenantBusy = busyInWindow(a, endNs);
                    if (a.demand().sharing() == SharingMode.WHOLE) {
                        busy += tenantBusy;
                    } else if (a.demand().sharing() == SharingMode.MIG) {
                        busy += tenantBusy * a.migProfile().computeSlices() / Gpu.MIG_COMPUTE_SLICES;
                    }
                    double gpuHours = a.fraction() * a.heldNs(0, endNs) / 3.6e12;
                    double dollars = gpuHours * pool.pricePerGpuHour();
                    allocated += a.fraction() * a.heldNs(0, endNs);
                    billed += dollars;
                    double[] classTotals = byPriority.computeIfAbsent(a.workload().priority(), k -> new double[2]);
                    classTotals[0] += gpuHours;
                    classTotals[1] += dollars;
                    tenants.add(new GpuTenantSummary(a.workload().name(), a.workload().kind(),
                            a.demand().sharing().label(), Decimal.round(a.fraction()),
                            a.migProfile() == null ? null : a.migProfile().name(), Decimal.round(a.placedAtNs() / 1e9),
                            a.isReleased() ? Double.valueOf(Decimal.round(a.releasedAtNs() / 1e9)) : null,
                            Decimal.round(tenantBusy / windowNs), Decimal.round(gpuHours), Decimal.round(dollars)));
                }
                poolBusy[pool.index()] += busy;
                gpuSummaries.add(new GpuSummary(g.id(), pool.name(), g.node().index(), Decimal.round(busy / windowNs),
                        Decimal.round(allocated / endNs), tenants));
            }
        }

        List<PoolSummary> poolSummaries = new ArrayList<>();
        double windowCost = 0;
        for (GpuPool pool : pools) {
            int p = pool.index();
            var gpu = pool.spec();
            // GPU-seconds paid for in the window: what the pool's fractions are of.
            double gpuSeconds = pool.provisioning().isStatic() ? pool.gpus().size() * windowS
                    : cost.gpuHours(p, scenario.warmupNs(), endNs) * 3600;
            windowCost += cost.poolCost(p, scenario.warmupNs(), endNs);
            double busyFraction = gpuSeconds == 0 ? 0 : Decimal.round(poolBusy[p] / 1e9 / gpuSeconds);
            double flopsFraction = gpuSeconds == 0 ? 0 : Decimal.round(poolFlops[p] / (gpu.peakFlops(false) * gpuSeconds));
            double bandwidthFraction = gpuSeconds == 0 ? 0
                    : Decimal.round(poolBytes[p] / (gpu.memoryBandwidth() * gpuSeconds));
            double poolCost = Decimal.round(cost.poolCost(p, 0, endNs));
            if (pool.provisioning().isStatic()) {
                poolSummaries.add(new PoolSummary(pool.name(), gpu.id(), pool.gpus().size(), pool.allocatedGpus(),
                        cost.pricePerGpuHour(p), busyFraction, flopsFraction, bandwidthFraction, poolPreemptions[p],
                        poolCost));
                continue;
            }
            Provisioning prov = pool.provisioning();
            NodeProvisioner provisioner = autoscaler.provisioner(pool);
            poolSummaries.add(new PoolSummary(pool.name(), gpu.id(), pool.gpus().size(), pool.allocatedGpus(),
                    cost.pricePerGpuHour(p), busyFraction, flopsFraction, bandwidthFraction, poolPreemptions[p],
                    poolCost, prov.mode().label(), pool.nodes().size(), pool.nodesProvisioning().size(),
                    prov.mode() == ProvisioningMode.DYNAMIC ? prov.minNodes() : null,
                    prov.maxNodes() == Provisioning.UNLIMITED ? null : prov.maxNodes(),
                    provisioner.peakNodes(), provisioner.nodesAdded(), provisioner.nodesRemoved(),
                    Decimal.round(cost.nodeHours(p, 0, endNs)), Decimal.round(cost.provisioningNodeHours(p, 0, endNs)),
                    Decimal.round(cost.gpuHours(p, 0, endNs)), provisioner.peakNodes() * pool.gpusPerNode()));
        }
        long outputTokens = overall.outputTokens();
        double total = cost.costUpTo(endNs);
        CostSummary costSummary = new CostSummary(Decimal.round(total), Decimal.round(cost.perHour(endNs)),
                Decimal.round(windowCost), outputTokens == 0 ? null : Decimal.of(windowCost / outputTokens * 1e6),
                Decimal.round(billed), Decimal.round(Math.max(0, total - billed)), byProvisioning(endNs));

        return new RunSummary(scenario.name(), scenario.seed(), endNs / 1e9, scenario.warmupNs() / 1e9, windowS,
                new RequestCounts(arrived, completed, rejected, inFlight),
                StreamSummaries.summarize(overall, windowS, anySlo), streams, replicaSummaries, poolSummaries, costSummary,
                deployments(endNs), gpuSummaries, jobs(endNs), priorityClasses(byPriority));
    }

    /** Cost per provisioning mode, in the order static, dynamic, serverless; null when every pool is static. */
    private List<ProvisioningCost> byProvisioning(long endNs) {
        if (autoscaler == null) {
            return null;
        }
        List<ProvisioningCost> out = new ArrayList<>();
        for (ProvisioningMode mode : ProvisioningMode.values()) {
            int count = 0;
            double gpuHours = 0;
            double dollars = 0;
            for (GpuPool pool : pools) {
                if (pool.provisioning().mode() == mode) {
                    count++;
                    gpuHours += cost.gpuHours(pool.index(), 0, endNs);
                    dollars += cost.poolCost(pool.index(), 0, endNs);
                }
            }
            if (count > 0) {
                out.add(new ProvisioningCost(mode.label(), count, Decimal.round(gpuHours), Decimal.round(dollars)));
            }
        }
        return out;
    }

    private static List<PriorityClassSummary> priorityClasses(Map<Integer, double[]> byPriority) {
        List<PriorityClassSummary> out = new ArrayList<>();
        for (Map.Entry<Integer, double[]> e : byPriority.entrySet()) {
            out.add(new PriorityClassSummary(e.getKey(), PriorityClass.label(e.getKey()), Decimal.round(e.getValue()[0]),
                    Decimal.round(e.getValue()[1])));
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
                dollars += a.gpuHours(endNs) * a.pool().pricePerGpuHour();
            }
            List<Allocation> held = job.allocations();
            Allocation last = held.isEmpty() ? null : held.get(held.size() - 1);
            out.add(new JobSummary(job.name(), job.kind(), job.priority(), PriorityClass.label(job.priority()),
                    job.preemptible(), job.gpus(), last == null ? null : last.pool().name(),
                    job.state().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    Decimal.round(Math.max(0, acc.submittedAtNs()) / 1e9),
                    acc.firstStartNs() < 0 ? null : Decimal.round(acc.firstStartNs() / 1e9),
                    acc.completedAtNs() < 0 ? null : Decimal.round(acc.completedAtNs() / 1e9),
                    Decimal.round(job.workNs() / 1e9), Decimal.round(acc.progressNs() / 1e9),
                    Decimal.round(acc.lostNs() / 1e9), Decimal.round(acc.restartNs() / 1e9),
                    Decimal.round(acc.runningNs() / 1e9), Decimal.round(acc.waitingNs() / 1e9),
                    Decimal.round(acc.preemptedNs() / 1e9), acc.preemptions(), Decimal.round(gpuHours),
                    Decimal.round(dollars)));
        }
        return out;
    }

    /** Time the allocation's holder had work running on its GPUs, in the measured window. */
    private double busyInWindow(Allocation a, long endNs) {
        if (a.workload() instanceof ReplicaLifecycle slot) {
            return metrics.replica(slot.index()).busyNs();
        }
        return a.heldNs(scenario.warmupNs(), endNs);
    }

    private static String sharingLabel(GpuShare share) {
        if (share instanceof GpuShare.TimeSlicing) {
            return SharingMode.TIME_SLICING.label();
        }
        if (share instanceof GpuShare.Mps) {
            return SharingMode.MPS.label();
        }
        return share instanceof GpuShare.Mig ? SharingMode.MIG.label() : SharingMode.WHOLE.label();
    }

    private List<DeploymentSummary> deployments(long endNs) {
        List<DeploymentSummary> out = new ArrayList<>();
        for (int di = 0; di < scenario.deployments().size(); di++) {
            Deployment d = scenario.deployments().get(di);
            int[] byState = new int[ReplicaLifecycle.State.values().length];
            double gpuHours = 0;
            double dollars = 0;
            int coldStarts = 0;
            double wait = 0;
            double provision = 0;
            double pull = 0;
            double weights = 0;
            double init = 0;
            double total = 0;
            double longest = 0;
            long requeued = 0;
            for (ReplicaLifecycle slot : slots) {
                if (slot.deployment() != di) {
                    continue;
                }
                byState[slot.state().ordinal()]++;
                requeued += slot.requeued();
                if (slot.allocation() == null) {
                    continue;
                }
                double hours = slot.allocation().gpuHours(endNs);
                gpuHours += hours;
                dollars += hours * slot.allocation().pool().pricePerGpuHour();
                ColdStart.Phases ph = slot.phases();
                if (ph != null) {
                    coldStarts++;
                    double w = (slot.allocation().placedAtNs() - slot.requestedAtNs()) / 1e9;
                    double p = slot.allocation().provisioningWaitNs() / 1e9;
                    provision += p;
                    wait += w - p;
                    pull += ph.imagePullNs() / 1e9;
                    weights += ph.weightsNs() / 1e9;
                    init += ph.engineInitNs() / 1e9;
                    total += w + ph.totalNs() / 1e9;
                    longest = Math.max(longest, w + ph.totalNs() / 1e9);
                }
            }
            ColdStartPhases phases = coldStarts == 0 ? null : new ColdStartPhases(Decimal.round(provision / coldStarts),
                    Decimal.round(wait / coldStarts),
                    Decimal.round(pull / coldStarts), Decimal.round(weights / coldStarts), Decimal.round(init / coldStarts),
                    Decimal.round(total / coldStarts), Decimal.round(longest));
            ReplicaSet set = sets.get(di);
            long waited = set.waitedForReplica();
            ReplicaAutoscaler scaler = scalers.get(di);
            out.add(new DeploymentSummary(d.name(), d.priority(), d.replicas(),
                    byState[ReplicaLifecycle.State.READY.ordinal()], byState[ReplicaLifecycle.State.PENDING.ordinal()],
                    Decimal.round(gpuHours), Decimal.round(dollars),
                    byState[ReplicaLifecycle.State.STARTING.ordinal()], byState[ReplicaLifecycle.State.DRAINING.ordinal()],
                    scaler.peakReplicas(), scaler.scaleUps(), scaler.scaleDowns(), coldStarts, phases, waited,
                    waited == 0 ? null : Decimal.of(set.waitedForReplicaNs() / 1e9 / waited),
                    waited == 0 ? null : Decimal.of(set.longestWaitForReplicaNs() / 1e9), requeued));
        }
        return out;
    }
}
