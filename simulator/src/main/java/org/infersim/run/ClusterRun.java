package org.infersim.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.infersim.catalog.Catalog;
import org.infersim.catalog.GpuSpec;
import org.infersim.kernel.Simulation;
import org.infersim.metrics.RequestSink;
import org.infersim.metrics.RunMetrics;
import org.infersim.metrics.StreamMetrics;
import org.infersim.metrics.TimeSeries;
import org.infersim.random.RandomStreams;
import org.infersim.results.LatencyDistribution;
import org.infersim.results.RunSummary;
import org.infersim.scenario.Deployment;
import org.infersim.scenario.Pool;
import org.infersim.scenario.Scenario;
import org.infersim.scenario.Workload;
import org.infersim.serving.KvCache;
import org.infersim.serving.Replica;
import org.infersim.serving.ReplicaSet;
import org.infersim.serving.Router;
import org.infersim.workload.ArrivalProcess;
import org.infersim.workload.LengthSampler;
import org.infersim.workload.RequestIds;
import org.infersim.workload.RequestStream;

/**
 * Builds the simulated cluster from a validated scenario and runs it: pools and placement,
 * one replica set per deployment, one request stream per workload, the metrics observing them,
 * and a sampler for the time series.
 */
public final class ClusterRun {
    private final Scenario scenario;
    private final Simulation sim = new Simulation();
    private final List<ReplicaSet> sets = new ArrayList<>();
    private final List<RequestStream> streams = new ArrayList<>();
    private final Map<String, Placement> placements = new HashMap<>();
    private final List<DeploymentPlan> plans = new ArrayList<>();
    private final List<ReplicaInfo> replicaInfo = new ArrayList<>();
    private final RunMetrics metrics;
    private final TimeSeries timeSeries = new TimeSeries();
    private final CostMeter cost;

    /** Where each replica runs, for the summary. */
    record ReplicaInfo(String name, int deployment, String pool, GpuSpec gpu, int gpus, KvCache kv, Replica replica) {}

    public ClusterRun(Scenario scenario, Catalog catalog, RequestSink sink) {
        this.scenario = scenario;
        for (Pool p : scenario.pools()) {
            placements.put(p.name(), new Placement(p));
        }
        this.cost = new CostMeter(scenario.pools(), catalog);

        List<String> deploymentNames = new ArrayList<>();
        List<String> replicaNames = new ArrayList<>();
        List<Integer> replicaDeployment = new ArrayList<>();
        for (Deployment d : scenario.deployments()) {
            GpuSpec gpu = catalog.gpu(poolOf(d).gpu()).orElseThrow();
            DeploymentPlan plan = DeploymentPlan.of(d, gpu, catalog.model(d.model()).orElseThrow());
            plans.add(plan);
            deploymentNames.add(d.name());
            for (int r = 0; r < d.replicas(); r++) {
                replicaNames.add(d.name() + "/" + r);
                replicaDeployment.add(deploymentNames.size() - 1);
            }
        }

        List<RunMetrics.StreamDefinition> streamDefs = new ArrayList<>();
        int[] streamDeployment = new int[scenario.workloads().size()];
        for (int i = 0; i < scenario.workloads().size(); i++) {
            Workload w = scenario.workloads().get(i);
            streamDefs.add(new RunMetrics.StreamDefinition(w.name(), w.deployment(),
                    w.slo().ttftNs().orElse(0), w.slo().tpotNs().orElse(0)));
            streamDeployment[i] = deploymentIndex(w.deployment());
        }
        this.metrics = new RunMetrics(scenario.warmupNs(), streamDefs, streamDeployment, replicaNames,
                replicaDeployment.stream().mapToInt(Integer::intValue).toArray(), deploymentNames, sink);

        int global = 0;
        for (int di = 0; di < plans.size(); di++) {
            DeploymentPlan plan = plans.get(di);
            Deployment d = plan.deployment();
            Pool pool = poolOf(d);
            List<Replica> replicas = new ArrayList<>();
            for (int r = 0; r < d.replicas(); r++) {
                int[] gpus = placements.get(pool.name()).allocate(d.tensorParallel());
                if (gpus == null) {
                    throw new IllegalStateException("no room for " + d.name() + "/" + r + " in pool " + pool.name());
                }
                KvCache kv = new KvCache(plan.memory().kvBlocks(), plan.settings().blockSize());
                Replica replica = new Replica(global, d.name() + "/" + r, sim, plan.stepTimeModel(), kv,
                        plan.settings(), metrics, scenario.workloads().size());
                replicas.add(replica);
                replicaInfo.add(new ReplicaInfo(replica.name(), di, pool.name(), plan.gpu(), d.tensorParallel(), kv, replica));
                global++;
            }
            sets.add(new ReplicaSet(d.name(), replicas, Router.of(d.router()), plan.settings().maxModelLen(), metrics));
        }

        RandomStreams random = new RandomStreams(scenario.seed());
        RequestIds ids = new RequestIds();
        for (int i = 0; i < scenario.workloads().size(); i++) {
            Workload w = scenario.workloads().get(i);
            String key = "workload/" + w.name() + "/";
            ArrivalProcess arrivals = ArrivalProcess.of(w.arrival(), random.stream(key + "arrivals"));
            LengthSampler prompt = w.promptTokens() == null ? null
                    : LengthSampler.of(w.promptTokens(), random.stream(key + "prompt"));
            LengthSampler output = w.outputTokens() == null ? null
                    : LengthSampler.of(w.outputTokens(), random.stream(key + "output"));
            streams.add(new RequestStream(i, w.name(), w.priority(), sim, arrivals, prompt, output,
                    sets.get(deploymentIndex(w.deployment())), ids, scenario.durationNs()));
        }
    }

    private Pool poolOf(Deployment d) {
        for (Pool p : scenario.pools()) {
            if (p.name().equals(d.pool())) {
                return p;
            }
        }
        throw new IllegalStateException("unknown pool " + d.pool());
    }

    private int deploymentIndex(String name) {
        for (int i = 0; i < scenario.deployments().size(); i++) {
            if (scenario.deployments().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("unknown deployment " + name);
    }

    /** Runs the scenario to its end and assembles the results. */
    public RunResult run(Progress progress) {
        streams.forEach(RequestStream::start);
        long interval = scenario.metricsIntervalNs();
        long end = scenario.durationNs();
        Runnable[] sampler = new Runnable[1];
        sampler[0] = () -> {
            long now = sim.now();
            timeSeries.sample(now, interval, sets, metrics, cost.costUpTo(now));
            progress.update(now, end);
            if (now + interval <= end) {
                sim.schedule(interval, sampler[0]);
            }
        };
        if (interval <= end) {
            sim.schedule(interval, sampler[0]);
        }
        sim.runUntil(end);
        RunSummary summary = new SummaryAssembler(scenario, metrics, replicaInfo, placements, cost, sets).assemble(end);
        List<LatencyDistribution> latencies = new ArrayList<>();
        for (StreamMetrics s : metrics.streamMetrics()) {
            latencies.addAll(s.distributions());
        }
        if (metrics.streamMetrics().size() > 1) {
            latencies.addAll(metrics.overall().distributions());
        }
        return new RunResult(summary, timeSeries, latencies, sim.eventsProcessed());
    }

    public List<DeploymentPlan> plans() {
        return plans;
    }

    public Simulation simulation() {
        return sim;
    }
}
