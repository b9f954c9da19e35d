package org.infersim.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.infersim.autoscale.ScalingContext;
import org.infersim.autoscale.ScalingPolicy;
import org.infersim.autoscale.ScalingPolicyProvider;
import org.infersim.catalog.Catalog;
import org.infersim.kernel.Simulation;
import org.infersim.metrics.RequestSink;
import org.infersim.metrics.RunMetrics;
import org.infersim.metrics.StreamMetrics;
import org.infersim.metrics.TimeSeries;
import org.infersim.model.cluster.Cluster;
import org.infersim.model.cluster.CostMeter;
import org.infersim.model.cluster.EnergyMeter;
import org.infersim.model.cluster.Gpu;
import org.infersim.model.cluster.GpuJob;
import org.infersim.model.cluster.GpuPool;
import org.infersim.model.cluster.NodeAutoscaler;
import org.infersim.model.cluster.SpotInterruptions;
import org.infersim.model.cluster.PlacementPolicy;
import org.infersim.model.cluster.Scheduler;
import org.infersim.model.cluster.placement.FirstFit;
import org.infersim.model.deployment.ReplicaAutoscaler;
import org.infersim.model.deployment.ReplicaContext;
import org.infersim.model.deployment.ReplicaLifecycle;
import org.infersim.model.deployment.ReplicaPlacement;
import org.infersim.model.deployment.ReplicaTemplate;
import org.infersim.model.deployment.RunningDeployment;
import org.infersim.model.random.RandomStreams;
import org.infersim.model.serving.ReplicaSet;
import org.infersim.model.serving.Router;
import org.infersim.model.workload.RateFunction;
import org.infersim.model.workload.RequestIds;
import org.infersim.model.workload.RequestStream;
import org.infersim.plugin.Policies;
import org.infersim.plugin.PolicyChoice;
import org.infersim.plugin.PolicyFamily;
import org.infersim.results.LatencyDistribution;
import org.infersim.results.RunSummary;
import org.infersim.results.StreamSummaries;
import org.infersim.results.SummaryAssembler;
import org.infersim.scenario.AutoscalerConfig;
import org.infersim.scenario.Deployment;
import org.infersim.scenario.Job;
import org.infersim.scenario.LoadedScenario;
import org.infersim.scenario.Pool;
import org.infersim.scenario.Pricing;
import org.infersim.scenario.Scenario;
import org.infersim.scenario.Workload;

/**
 * Builds the simulated cluster from a validated scenario and runs it: the pools of nodes and the
 * scheduler that places replicas and jobs on them, one replica set per deployment, one request
 * stream per workload, the metrics observing them, and a sampler for the time series. Each
 * component takes its own part of the scenario whole; this class only connects them. Every
 * policy (placement, routers, autoscaling, the engines') is made by its provider in the
 * registry the scenario was validated against.
 */
public final class ClusterRun {
    private final Scenario scenario;
    private final Policies policies;
    private final Simulation sim = new Simulation();
    private final RandomStreams random;
    private final Cluster cluster;
    /** For each workload, the index of the deployment it sends to. */
    private final int[] workloadDeployment;
    private final RunMetrics metrics;
    private final List<RunningDeployment> deployments = new ArrayList<>();
    private final List<GpuJob> jobs = new ArrayList<>();
    private final List<RequestStream> streams = new ArrayList<>();
    private final TimeSeries timeSeries = new TimeSeries();

    public ClusterRun(LoadedScenario loaded, RequestSink sink) {
        this.scenario = loaded.scenario();
        this.policies = loaded.policies();
        Catalog catalog = loaded.catalog();
        this.random = new RandomStreams(scenario.seed());
        this.cluster = cluster(catalog);
        this.workloadDeployment = scenario.workloads().stream().mapToInt(w -> deploymentIndex(w.deployment())).toArray();
        this.metrics = metrics(sink);
        cluster.cost().meterStepsWith(metrics);
        for (int i = 0; i < scenario.deployments().size(); i++) {
            deployments.add(deployment(i, scenario.deployments().get(i), catalog));
        }
        for (Job j : scenario.jobs()) {
            addJob(j);
        }
        addStreams();
    }

    /** The pools, the scheduler, and the node autoscaler and cost meter that watch the pools. */
    private Cluster cluster(Catalog catalog) {
        List<GpuPool> pools = new ArrayList<>();
        for (int i = 0; i < scenario.pools().size(); i++) {
            Pool p = scenario.pools().get(i);
            pools.add(new GpuPool(p, catalog.gpu(p.gpu()).orElseThrow(), sim, i, scenario.warmupNs()));
        }
        Scheduler scheduler = new Scheduler(sim, placement(scenario.placement()));
        CostMeter cost = new CostMeter(pools, scenario.warmupNs());
        NodeAutoscaler nodeAutoscaler = NodeAutoscaler.attach(pools, scheduler, sim, random, new FirstFit());
        List<SpotInterruptions> spot = new ArrayList<>();
        for (GpuPool pool : pools) {
            spot.add(scenario.pools().get(pool.index()).pricing() instanceof Pricing.Spot s
                    ? SpotInterruptions.attach(pool, s, sim, random, scheduler) : null);
        }
        return new Cluster(pools, scheduler, nodeAutoscaler, cost, spot);
    }

    /** Metrics with one stream per workload, counted against its deployment. */
    private RunMetrics metrics(RequestSink sink) {
        List<RunMetrics.StreamDefinition> streamDefs = new ArrayList<>();
        for (Workload w : scenario.workloads()) {
            streamDefs.add(new RunMetrics.StreamDefinition(w.name(), w.deployment(),
                    w.slo().ttftNs().orElse(0), w.slo().tpotNs().orElse(0), w.session() != null));
        }
        List<String> deploymentNames = scenario.deployments().stream().map(Deployment::name).toList();
        return new RunMetrics(scenario.warmupNs(), streamDefs, workloadDeployment, deploymentNames, sink);
    }

    /** A deployment's replica set and the controller of its replicas, with the replicas it starts with. */
    private RunningDeployment deployment(int di, Deployment d, Catalog catalog) {
        ReplicaPlacement placement = ReplicaPlacement.of(di, d, cluster.poolsNamed(d.pools()),
                catalog.model(d.model()).orElseThrow(), policies);
        ReplicaSet set = new ReplicaSet(d.name(), d.replicas(), router(d.router()), placement.maxModelLen(),
                placement.requestOverheadNs(), metrics);
        ReplicaContext context = new ReplicaContext(sim, cluster.scheduler(), set, metrics,
                scenario.workloads().size(), metrics);
        ReplicaTemplate template = new ReplicaTemplate(placement, d.coldStart(), context);
        return new RunningDeployment(d, template,
                new ReplicaAutoscaler(d, policyFor(d, di), template, metrics.signals(di)));
    }

    /** The job's copies, each its own workload ({@code name/0}, {@code name/1}, ... when there are several). */
    private void addJob(Job j) {
        List<GpuPool> pools = cluster.poolsNamed(j.pools());
        for (int c = 0; c < j.count(); c++) {
            String name = j.count() == 1 ? j.name() : j.name() + "/" + c;
            jobs.add(new GpuJob(j, name, pools, sim, cluster.scheduler()));
        }
    }

    /** One request stream per workload, each on its own random streams, sending to its deployment's replica set. */
    private void addStreams() {
        RequestIds ids = new RequestIds();
        for (int i = 0; i < scenario.workloads().size(); i++) {
            Workload w = scenario.workloads().get(i);
            streams.add(new RequestStream(i, w, random, deployments.get(workloadDeployment[i]).set(), sim, ids,
                    scenario.durationNs(), metrics));
        }
    }

    private PlacementPolicy placement(PolicyChoice choice) {
        return policies.provider(PolicyFamily.PLACEMENT, PlacementPolicy.Provider.class, choice.name())
                .create(choice.settings());
    }

    /** A deployment's router, fresh for this run. */
    private Router router(PolicyChoice choice) {
        return policies.provider(PolicyFamily.ROUTING, Router.Provider.class, choice.name()).create(choice.settings());
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
                rates.add(RateFunction.expected(w));
            }
        }
        LongToDoubleFunction scheduled = t -> rates.stream().mapToDouble(r -> r.applyAsDouble(t)).sum();
        ScalingPolicyProvider provider = policies.provider(PolicyFamily.AUTOSCALING, ScalingPolicyProvider.class,
                a.policy().name());
        return provider.create(a.policy().settings(), new ScalingContext(a.metric(), a.target(), a.min(), a.max(),
                d.replicas(), scheduled));
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
        Scheduler scheduler = cluster.scheduler();
        // Replicas and jobs ask for GPUs first, so that at time 0 they are placed before the first request.
        for (RunningDeployment d : deployments) {
            for (ReplicaLifecycle replica : d.replicas()) {
                submitAt(replica.requestedAtNs(), () -> scheduler.submit(replica));
            }
        }
        for (GpuJob job : jobs) {
            submitAt(job.submitAtNs(), job::submit);
        }
        deployments.forEach(d -> d.autoscaler().start());
        streams.forEach(RequestStream::start);
        sampleEvery(scenario.metricsIntervalNs(), scenario.durationNs(), progress);
        long end = scenario.durationNs();
        sim.runUntil(end);
        RunSummary summary = new SummaryAssembler(scenario, metrics, cluster, deployments, jobs, timeSeries.pools())
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

    /** Samples the time series and pools.csv every interval, and reports progress. */
    private void sampleEvery(long interval, long end, Progress progress) {
        List<ReplicaSet> sets = deployments.stream().map(RunningDeployment::set).toList();
        Runnable[] sampler = new Runnable[1];
        sampler[0] = () -> {
            long now = sim.now();
            timeSeries.sample(now, interval, sets, metrics, cluster.cost().costUpTo(now));
            samplePools(now, interval);
            progress.update(now, end);
            if (now + interval <= end) {
                sim.schedule(interval, sampler[0]);
            }
        };
        if (interval <= end) {
            sim.schedule(interval, sampler[0]);
        }
    }

    /** One row per pool for pools.csv: its nodes, the GPU share held, its cost so far and its power over the interval. */
    private void samplePools(long nowNs, long intervalNs) {
        EnergyMeter energy = new EnergyMeter(cluster.pools());
        for (GpuPool p : cluster.pools()) {
            double joules = energy.baseJoules(p.index(), nowNs - intervalNs, nowNs) + metrics.takePoolStepJoules(p.index());
            double held = 0;
            for (Gpu g : p.gpus()) {
                held += g.heldFraction();
            }
            timeSeries.pools().add(nowNs / 1e9, p.name(), p.provisioning().mode().label(), p.nodes().size(),
                    p.nodesProvisioning().size(), p.gpus().size(), held, cluster.cost().poolCost(p.index(), 0, nowNs),
                    joules / (intervalNs / 1e9) / 1e3);
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
