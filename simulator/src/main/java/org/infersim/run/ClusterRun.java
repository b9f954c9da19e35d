package org.infersim.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.infersim.autoscale.PolicyContext;
import org.infersim.autoscale.ScalingPolicies;
import org.infersim.autoscale.ScalingPolicy;
import org.infersim.autoscale.ScalingPolicyProvider;
import org.infersim.catalog.Catalog;
import org.infersim.catalog.GpuSpec;
import org.infersim.catalog.ModelSpec;
import org.infersim.kernel.Simulation;
import org.infersim.metrics.RequestSink;
import org.infersim.metrics.RunMetrics;
import org.infersim.metrics.StreamMetrics;
import org.infersim.metrics.TimeSeries;
import org.infersim.model.cluster.CostMeter;
import org.infersim.model.cluster.Gpu;
import org.infersim.model.cluster.GpuJob;
import org.infersim.model.cluster.GpuPool;
import org.infersim.model.cluster.NodeAutoscaler;
import org.infersim.model.cluster.Scheduler;
import org.infersim.model.deployment.ColdStart;
import org.infersim.model.deployment.DeploymentPlan;
import org.infersim.model.deployment.ReplicaAutoscaler;
import org.infersim.model.deployment.ReplicaLifecycle;
import org.infersim.model.random.LengthSampler;
import org.infersim.model.random.RandomStreams;
import org.infersim.model.serving.ReplicaSet;
import org.infersim.model.serving.routing.Router;
import org.infersim.model.workload.ArrivalProcess;
import org.infersim.model.workload.RateFunction;
import org.infersim.model.workload.RequestIds;
import org.infersim.model.workload.RequestStream;
import org.infersim.results.LatencyDistribution;
import org.infersim.results.RunSummary;
import org.infersim.results.StreamSummaries;
import org.infersim.results.SummaryAssembler;
import org.infersim.scenario.AutoscalerConfig;
import org.infersim.scenario.Deployment;
import org.infersim.scenario.ImageCache;
import org.infersim.scenario.Job;
import org.infersim.scenario.Pool;
import org.infersim.scenario.Scenario;
import org.infersim.scenario.Workload;

/**
 * Builds the simulated cluster from a validated scenario and runs it: the pools of nodes and the
 * scheduler that places replicas and jobs on them, one replica set per deployment, one request
 * stream per workload, the metrics observing them, and a sampler for the time series.
 */
public final class ClusterRun {
    private final Scenario scenario;
    private final Simulation sim = new Simulation();
    private final List<GpuPool> pools = new ArrayList<>();
    private final Scheduler scheduler;
    private final List<ReplicaSet> sets = new ArrayList<>();
    private final List<ReplicaLifecycle> slots = new ArrayList<>();
    private final List<ReplicaAutoscaler> scalers = new ArrayList<>();
    private final List<GpuJob> jobs = new ArrayList<>();
    private final List<Long> jobSubmitAtNs = new ArrayList<>();
    private final List<RequestStream> streams = new ArrayList<>();
    private final RunMetrics metrics;
    private final TimeSeries timeSeries = new TimeSeries();
    private final CostMeter cost;
    /** Null when every pool is static. */
    private final NodeAutoscaler autoscaler;

    public ClusterRun(Scenario scenario, Catalog catalog, RequestSink sink) {
        this.scenario = scenario;
        for (int i = 0; i < scenario.pools().size(); i++) {
            Pool p = scenario.pools().get(i);
            GpuSpec gpu = catalog.gpu(p.gpu()).orElseThrow();
            GpuPool pool = new GpuPool(i, p.name(), gpu, p.nodes(), p.gpusPerNode(),
                    p.pricePerGpuHour().orElse(gpu.pricePerHour()), p.sharing(), p.provisioning(), sim,
                    scenario.warmupNs());
            if (p.imageCache() == ImageCache.POOL) {
                pool.shareImages();
            }
            pools.add(pool);
        }
        this.scheduler = new Scheduler(sim, scenario.placement());
        this.cost = new CostMeter(pools);
        RandomStreams random = new RandomStreams(scenario.seed());
        this.autoscaler = NodeAutoscaler.attach(pools, scheduler, sim, random);

        List<String> deploymentNames = new ArrayList<>();
        List<List<DeploymentPlan>> plans = new ArrayList<>();
        for (Deployment d : scenario.deployments()) {
            ModelSpec model = catalog.model(d.model()).orElseThrow();
            List<DeploymentPlan> perPool = new ArrayList<>();
            for (GpuPool pool : poolsOf(d)) {
                perPool.add(DeploymentPlan.of(d, pool.spec(), model));
            }
            plans.add(perPool);
            deploymentNames.add(d.name());
        }

        List<RunMetrics.StreamDefinition> streamDefs = new ArrayList<>();
        int[] streamDeployment = new int[scenario.workloads().size()];
        for (int i = 0; i < scenario.workloads().size(); i++) {
            Workload w = scenario.workloads().get(i);
            streamDefs.add(new RunMetrics.StreamDefinition(w.name(), w.deployment(),
                    w.slo().ttftNs().orElse(0), w.slo().tpotNs().orElse(0)));
            streamDeployment[i] = deploymentIndex(w.deployment());
        }
        this.metrics = new RunMetrics(scenario.warmupNs(), streamDefs, streamDeployment, deploymentNames, sink);

        for (int di = 0; di < scenario.deployments().size(); di++) {
            Deployment d = scenario.deployments().get(di);
            List<DeploymentPlan> perPool = plans.get(di);
            // A request must fit whichever pool its replica landed on.
            int maxModelLen = perPool.stream().mapToInt(p -> p.settings().maxModelLen()).min().orElseThrow();
            ReplicaSet set = new ReplicaSet(d.name(), d.replicas(), Router.of(d.router()), maxModelLen, metrics);
            sets.add(set);
            int deployment = di;
            ColdStart cold = new ColdStart(d.coldStart());
            int[] serial = {d.replicas()};
            ReplicaAutoscaler scaler = new ReplicaAutoscaler(d, policyFor(d, di), sim, set, metrics.signals(di),
                    priority -> {
                        String name = d.name() + "/" + serial[0]++;
                        ReplicaLifecycle slot = newSlot(name, metrics.addReplica(name, deployment), deployment, sim.now(),
                                perPool, set, cold);
                        scheduler.submit(slot);
                        return slot;
                    });
            scalers.add(scaler);
            for (int r = 0; r < d.replicas(); r++) {
                // The replicas the run starts with are warm: the service was up before the run began.
                String name = d.name() + "/" + r;
                ReplicaLifecycle slot = newSlot(name, metrics.addReplica(name, di), di, d.startAtNs(), perPool, set, null);
                scaler.adopt(slot);
            }
        }
        for (Job j : scenario.jobs()) {
            for (int c = 0; c < j.count(); c++) {
                jobs.add(new GpuJob(j.count() == 1 ? j.name() : j.name() + "/" + c, j.type().label(), j.priority(),
                        j.preemptible(), j.gpus(), poolsOf(j.pools()), j.workNs(), j.checkpointIntervalNs(),
                        j.restartCostNs(), j.gracePeriodNs(), sim, scheduler));
                jobSubmitAtNs.add(j.submitAtNs());
            }
        }

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

    private ReplicaLifecycle newSlot(String name, int index, int deployment, long requestedAtNs, List<DeploymentPlan> perPool,
                                ReplicaSet set, ColdStart cold) {
        Deployment d = scenario.deployments().get(deployment);
        ReplicaLifecycle slot = new ReplicaLifecycle(name, index, deployment, d.priority(), requestedAtNs, poolsOf(d), perPool, sim,
                scheduler, metrics, set, scenario.workloads().size(), cold);
        slots.add(slot);
        return slot;
    }

    /** The deployment's autoscaling policy, fresh for this run; null for a fixed number of replicas. */
    private ScalingPolicy policyFor(Deployment d, int di) {
        AutoscalerConfig a = d.autoscaler();
        if (a == null) {
            return null;
        }
        List<LongToDoubleFunction> rates = new ArrayList<>();
        for (Workload w : scenario.workloads()) {
            if (w.deployment().equals(d.name())) {
                rates.add(RateFunction.expected(w.arrival()));
            }
        }
        LongToDoubleFunction scheduled = t -> rates.stream().mapToDouble(r -> r.applyAsDouble(t)).sum();
        ScalingPolicyProvider provider = ScalingPolicies.available().find(a.policy()).orElseThrow(
                () -> new IllegalStateException("unknown autoscaling policy " + a.policy()));
        return provider.create(new PolicyContext(a.metric(), a.target(), a.min(), a.max(), d.replicas(), a.settings(),
                scheduled));
    }

    private List<GpuPool> poolsOf(Deployment d) {
        return poolsOf(d.pools());
    }

    private List<GpuPool> poolsOf(List<String> names) {
        List<GpuPool> out = new ArrayList<>();
        for (String name : names) {
            out.add(pools.stream().filter(p -> p.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("unknown pool " + name)));
        }
        return out;
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
        // Replicas and jobs ask for GPUs first, so that at time 0 they are placed before the first request.
        for (ReplicaLifecycle slot : slots) {
            submitAt(slot.requestedAtNs(), () -> scheduler.submit(slot));
        }
        for (int i = 0; i < jobs.size(); i++) {
            GpuJob job = jobs.get(i);
            submitAt(jobSubmitAtNs.get(i), job::submit);
        }
        scalers.forEach(ReplicaAutoscaler::start);
        streams.forEach(RequestStream::start);
        long interval = scenario.metricsIntervalNs();
        long end = scenario.durationNs();
        Runnable[] sampler = new Runnable[1];
        sampler[0] = () -> {
            long now = sim.now();
            timeSeries.sample(now, interval, sets, metrics, cost.costUpTo(now));
            samplePools(now);
            progress.update(now, end);
            if (now + interval <= end) {
                sim.schedule(interval, sampler[0]);
            }
        };
        if (interval <= end) {
            sim.schedule(interval, sampler[0]);
        }
        sim.runUntil(end);
        RunSummary summary = new SummaryAssembler(scenario, metrics, slots, scalers, jobs, pools, cost, sets, autoscaler)
                .assemble(end);
        List<LatencyDistribution> latencies = new ArrayList<>();
        for (StreamMetrics s : metrics.streamMetrics()) {
            latencies.addAll(StreamSummaries.distributions(s));
        }
        if (metrics.streamMetrics().size() > 1) {
            latencies.addAll(StreamSummaries.distributions(metrics.overall()));
        }
        return new RunResult(summary, timeSeries, latencies, sim.eventsProcessed());
    }

    /** One row per pool for pools.csv: its nodes, the GPU share held, and its cost so far. */
    private void samplePools(long nowNs) {
        for (GpuPool p : pools) {
            double held = 0;
            for (Gpu g : p.gpus()) {
                held += g.heldFraction();
            }
            timeSeries.pools().add(nowNs / 1e9, p.name(), p.provisioning().mode().label(), p.nodes().size(),
                    p.nodesProvisioning().size(), p.gpus().size(), held, cost.poolCost(p.index(), 0, nowNs));
        }
    }

    private void submitAt(long atNs, Runnable submit) {
        if (atNs == 0) {
            submit.run();
        } else {
            sim.scheduleAt(atNs, submit);
        }
    }

    public Simulation simulation() {
        return sim;
    }
}
