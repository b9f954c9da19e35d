package org.infersim.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.infersim.metrics.ReplicaMetrics;
import org.infersim.metrics.RunMetrics;
import org.infersim.metrics.StreamMetrics;
import org.infersim.results.CostSummary;
import org.infersim.results.Decimal;
import org.infersim.results.PoolSummary;
import org.infersim.results.ReplicaSummary;
import org.infersim.results.RequestCounts;
import org.infersim.results.RunSummary;
import org.infersim.results.StreamSummary;
import org.infersim.scenario.Pool;
import org.infersim.scenario.Scenario;
import org.infersim.serving.ReplicaSet;

/** Turns the metrics of a finished run into the published summary. */
final class SummaryAssembler {
    private final Scenario scenario;
    private final RunMetrics metrics;
    private final List<ClusterRun.ReplicaInfo> replicas;
    private final Map<String, Placement> placements;
    private final CostMeter cost;
    private final List<ReplicaSet> sets;

    SummaryAssembler(Scenario scenario, RunMetrics metrics, List<ClusterRun.ReplicaInfo> replicas,
                     Map<String, Placement> placements, CostMeter cost, List<ReplicaSet> sets) {
        this.scenario = scenario;
        this.metrics = metrics;
        this.replicas = replicas;
        this.placements = placements;
        this.cost = cost;
        this.sets = sets;
    }

    RunSummary assemble(long endNs) {
        long windowNs = endNs - scenario.warmupNs();
        double windowS = windowNs / 1e9;
        for (ReplicaSet set : sets) {
            set.replicas().forEach(r -> r.forEachInFlight(req -> metrics.countInFlightAtEnd(req, endNs)));
        }

        List<StreamSummary> streams = new ArrayList<>();
        boolean anySlo = false;
        long arrived = 0;
        long completed = 0;
        long rejected = 0;
        for (StreamMetrics s : metrics.streamMetrics()) {
            streams.add(s.summarize(windowS, s.hasSlo()));
            anySlo |= s.hasSlo();
            arrived += s.arrivedTotal();
            completed += s.completedTotal();
            rejected += s.rejectedTotal();
        }
        long inFlight = 0;
        for (ReplicaSet set : sets) {
            for (var r : set.replicas()) {
                inFlight += r.outstanding();
            }
        }
        StreamMetrics overall = metrics.overall();

        List<ReplicaSummary> replicaSummaries = new ArrayList<>();
        int poolCount = scenario.pools().size();
        double[] poolBusy = new double[poolCount];
        double[] poolFlops = new double[poolCount];
        double[] poolBytes = new double[poolCount];
        long[] poolPreemptions = new long[poolCount];
        for (int i = 0; i < replicas.size(); i++) {
            ClusterRun.ReplicaInfo info = replicas.get(i);
            ReplicaMetrics m = metrics.replica(i);
            int gpus = info.gpus();
            double peakFlops = info.gpu().peakFlops(false) * gpus;
            double peakBytes = info.gpu().memoryBandwidth() * gpus;
            long blocks = info.kv().totalBlocks();
            replicaSummaries.add(new ReplicaSummary(info.name(), scenario.deployments().get(info.deployment()).name(),
                    info.pool(), info.gpu().id(), gpus,
                    Decimal.round(m.busyNs() / windowNs),
                    Decimal.round(m.flops() / (peakFlops * windowS)),
                    Decimal.round(m.bytes() / (peakBytes * windowS)),
                    blocks == 0 ? 0 : Decimal.round(m.kvBlockNs() / windowNs / blocks),
                    blocks == 0 ? 0 : Decimal.round((double) m.peakKvBlocks() / blocks),
                    blocks, blocks * info.kv().blockSize(), m.iterations(), m.preemptions()));
            int p = poolIndex(info.pool());
            poolBusy[p] += m.busyNs() * gpus;
            poolFlops[p] += m.flops();
            poolBytes[p] += m.bytes();
            poolPreemptions[p] += m.preemptions();
        }

        List<PoolSummary> pools = new ArrayList<>();
        double windowCost = 0;
        for (int p = 0; p < poolCount; p++) {
            Pool pool = scenario.pools().get(p);
            var gpu = replicas.stream().filter(r -> r.pool().equals(pool.name())).findFirst().map(r -> r.gpu());
            double gpuSeconds = pool.count() * windowS;
            double flops = poolFlops[p];
            double bytes = poolBytes[p];
            double poolCost = cost.poolCost(p, 0, endNs);
            windowCost += cost.poolCost(p, scenario.warmupNs(), endNs);
            pools.add(new PoolSummary(pool.name(), pool.gpu(), pool.count(), placements.get(pool.name()).allocatedGpus(),
                    cost.pricePerGpuHour(p),
                    Decimal.round(poolBusy[p] / 1e9 / gpuSeconds),
                    gpu.map(g -> Decimal.round(flops / (g.peakFlops(false) * gpuSeconds))).orElse(0.0),
                    gpu.map(g -> Decimal.round(bytes / (g.memoryBandwidth() * gpuSeconds))).orElse(0.0),
                    poolPreemptions[p], Decimal.round(poolCost)));
        }
        long outputTokens = overall.outputTokens();
        CostSummary costSummary = new CostSummary(Decimal.round(cost.costUpTo(endNs)), Decimal.round(cost.perHour()),
                Decimal.round(windowCost), outputTokens == 0 ? null : Decimal.of(windowCost / outputTokens * 1e6));

        return new RunSummary(scenario.name(), scenario.seed(), endNs / 1e9, scenario.warmupNs() / 1e9, windowS,
                new RequestCounts(arrived, completed, rejected, inFlight),
                overall.summarize(windowS, anySlo), streams, replicaSummaries, pools, costSummary);
    }

    private int poolIndex(String name) {
        for (int i = 0; i < scenario.pools().size(); i++) {
            if (scenario.pools().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("unknown pool " + name);
    }
}
