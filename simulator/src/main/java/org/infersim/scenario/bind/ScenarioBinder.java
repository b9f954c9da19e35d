package org.infersim.scenario.bind;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.infersim.autoscale.ScalingMetric;
import org.infersim.autoscale.ScalingPolicyProvider;
import org.infersim.catalog.Catalog;
import org.infersim.catalog.GpuSpec;
import org.infersim.catalog.ModelSpec;
import org.infersim.input.Problem;
import org.infersim.input.Quantities;
import org.infersim.input.SourceMap;
import org.infersim.input.Suggestions;
import org.infersim.input.YamlNode;
import org.infersim.plugin.Policies;
import org.infersim.plugin.PolicyChoice;
import org.infersim.plugin.PolicyFamily;
import org.infersim.plugin.PolicyProvider;
import org.infersim.plugin.Setting;
import org.infersim.plugin.Settings;
import org.infersim.scenario.ArrivalSpec;
import org.infersim.scenario.AutoscalerConfig;
import org.infersim.scenario.ColdStartConfig;
import org.infersim.scenario.Deployment;
import org.infersim.scenario.DurationSpec;
import org.infersim.scenario.EngineConfig;
import org.infersim.scenario.GpuShare;
import org.infersim.scenario.GpuSharing;
import org.infersim.scenario.ImageCache;
import org.infersim.scenario.Job;
import org.infersim.scenario.JobType;
import org.infersim.scenario.LengthSpec;
import org.infersim.scenario.NumericFormat;
import org.infersim.scenario.Pool;
import org.infersim.scenario.Precision;
import org.infersim.scenario.PriorityClass;
import org.infersim.scenario.Provisioning;
import org.infersim.scenario.ProvisioningMode;
import org.infersim.scenario.Scenario;
import org.infersim.scenario.ScenarioCheck;
import org.infersim.scenario.Slo;
import org.infersim.scenario.StorageTier;
import org.infersim.scenario.Workload;

/**
 * Binds a {@link YamlNode} tree to the scenario records, collecting every problem (with its
 * file, line and path) instead of stopping at the first. Semantic checks that need the catalog
 * (ids exist, tensor parallelism divides the heads and fits a node) are made here;
 * checks that need the physics (memory fit) run later as {@link ScenarioCheck}s.
 */
public final class ScenarioBinder {
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final String NAME_HINT = "letters, digits, '.', '_' and '-' only";
    private static final int MAX_KNOWN_LISTED = 30;

    private static final List<String> ROOT_KEYS = List.of("name", "seed", "duration", "warmup", "metricsInterval",
            "catalogs", "cluster", "deployments", "workloads", "jobs");
    private static final List<String> CLUSTER_KEYS = List.of("placement", "pools");
    private static final List<String> POOL_KEYS = List.of("name", "gpu", "count", "nodes", "gpusPerNode", "price",
            "imageCache",
            "sharing", "provisioning", "minNodes", "maxNodes", "provisioningDelay", "scaleDownDelay");
    private static final List<String> SHARING_KEYS = List.of("contextSwitch", "mpsInterference");
    private static final List<String> DEPLOYMENT_KEYS = List.of("name", "model", "pool", "pools", "precision",
            "tensorParallel", "replicas", "gpuShare", "priority", "startAt", "engine", "router", "autoscaler", "coldStart",
            "drainTimeout", "stepTime");
    private static final List<String> AUTOSCALER_KEYS = List.of("policy", "metric", "target", "min", "max");
    private static final List<String> COLD_START_KEYS = List.of("image", "registryBandwidth", "storage",
            "storageBandwidth", "engineInit", "firstIteration");
    private static final List<String> JOB_KEYS = List.of("name", "type", "pool", "pools", "gpus", "duration", "priority",
            "preemptible", "checkpointInterval", "restartCost", "gracePeriod", "submitAt", "count");
    private static final List<String> PRECISION_KEYS = List.of("weights", "kvCache");
    private static final List<String> ENGINE_KEYS = List.of("blockSize", "gpuMemoryUtilization", "maxNumSeqs",
            "maxNumBatchedTokens", "chunkedPrefill", "scheduling", "preemption", "swapSpace", "maxModelLen");
    private static final List<String> WORKLOAD_KEYS = List.of("name", "deployment", "arrival", "promptTokens",
            "outputTokens", "priority", "slo");
    private static final List<String> SLO_KEYS = List.of("ttft", "tpot");
    private static final List<String> STEP_KEYS = List.of("at", "rate");

    private static final Map<String, List<String>> ARRIVAL_KEYS = linked(
            "poisson", List.of("type", "rate"),
            "gamma", List.of("type", "rate", "cv"),
            "steps", List.of("type", "steps"),
            "diurnal", List.of("type", "mean", "amplitude", "period", "peakAt"),
            "trace", List.of("type", "file", "rateScale"));
    private static final Map<String, List<String>> SHARE_KEYS = linked(
            "time-slicing", List.of("mode", "fraction"),
            "mps", List.of("mode", "fraction", "compute"),
            "mig", List.of("mode", "profile"));
    private static final Map<String, List<String>> DELAY_KEYS = linked(
            "fixed", List.of("type", "value"),
            "uniform", List.of("type", "min", "max"),
            "lognormal", List.of("type", "mean", "stddev"));
    private static final Map<String, List<String>> LENGTH_KEYS = linked(
            "fixed", List.of("type", "value"),
            "uniform", List.of("type", "min", "max"),
            "lognormal", List.of("type", "mean", "stddev", "max"),
            "empirical", List.of("type", "file"));

    private static final Map<String, NumericFormat> WEIGHT_FORMATS = enumLabels(NumericFormat.values());
    private static final Map<String, NumericFormat> KV_FORMATS = linked(
            "bf16", NumericFormat.BF16, "fp16", NumericFormat.FP16, "fp8", NumericFormat.FP8);
    private static final Map<String, JobType> JOB_TYPES = enumLabels(JobType.values());
    private static final Map<String, ProvisioningMode> PROVISIONING = enumLabels(ProvisioningMode.values());
    /** A bound on maxNodes that keeps GPU numbering within an int; far beyond any real node group. */
    private static final int MAX_NODES = 100_000;
    private static final int DEFAULT_GPUS_PER_NODE = 8;
    private static final Map<String, ScalingMetric> SCALING_METRICS = labels(ScalingMetric.values(), ScalingMetric::label);
    private static final Map<String, ImageCache> IMAGE_CACHES = labels(ImageCache.values(), ImageCache::label);
    private static final Map<String, StorageTier> STORAGE_TIERS = labels(StorageTier.values(), StorageTier::label);
    private static final Map<String, Integer> BLOCK_SIZES = linked("8", 8, "16", 16, "32", 32);

    private final String file;
    private final Path baseDir;
    private final YamlNode root;
    private final List<Problem> problems;
    private final Map<String, Integer> lines = new LinkedHashMap<>();
    private final SourceMap source;
    /** The policies a scenario may name, family by family. */
    private final Policies policies;
    private Catalog catalog;
    private PolicyChoice placement;
    /** The run's duration once known, to check that things start before the end. */
    private Long durationNs;

    /**
     * What is known of a pool, even an invalid one, for the checks of the deployments on it.
     *
     * @param maxGpus the most GPUs it can ever have (a dynamic pool's maxNodes; Long.MAX_VALUE for
     *                a serverless pool without a cap); null when unknown
     */
    private record PoolInfo(String name, Long maxGpus, Integer gpusPerNode, GpuSpec gpu, Pool pool) {}

    /** What is known of a deployment, for the checks of the workloads sent to it. */
    private record DeploymentInfo(String name, int index, int maxLen) {}

    ScenarioBinder(String file, Path baseDir, YamlNode root, List<Problem> problems, Policies policies) {
        this.file = file;
        this.policies = policies;
        this.baseDir = baseDir;
        this.root = root;
        this.problems = problems;
        recordLines(root, "");
        this.source = new SourceMap(file, lines);
    }

    SourceMap source() {
        return source;
    }

    // ---------------------------------------------------------------- phase 1: catalogs

    /** The scenario's own catalog directories, resolved against its folder; missing ones are reported. */
    List<Path> catalogs() {
        List<Path> dirs = new ArrayList<>();
        if (!(root instanceof YamlNode.Mapping map)) {
            return dirs;
        }
        YamlNode node = map.get("catalogs");
        if (node == null) {
            return dirs;
        }
        if (!(node instanceof YamlNode.Sequence seq)) {
            problem("catalogs", "expected a list of catalog directories, relative to this file, got " + node.describe());
            return dirs;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            String path = "catalogs[" + i + "]";
            YamlNode item = seq.items().get(i);
            if (!(item instanceof YamlNode.Scalar s) || s.kind() != YamlNode.ScalarKind.STRING) {
                problem(path, "expected a directory name, got " + item.describe());
                continue;
            }
            Path dir = resolve(s.text(), path);
            if (dir == null) {
                continue;
            }
            if (!Files.isDirectory(dir)) {
                problem(path, "catalog directory '" + s.text() + "' not found (looked for " + dir + ")");
                continue;
            }
            dirs.add(dir);
        }
        return dirs;
    }

    // ---------------------------------------------------------------- phase 2: the scenario

    /** The bound scenario, or null when it could not be built (the problems say why). */
    Scenario bind(Catalog catalog, List<Path> catalogDirs, Path scenarioFile) {
        this.catalog = catalog;
        Fields f = fields(root, "", "a scenario", ROOT_KEYS);
        if (f == null) {
            return null;
        }
        String name = name(f, "name", null);
        Long seed = integer(f, "seed", false, Long.MIN_VALUE, Long.MAX_VALUE);
        Long duration = duration(f, "duration", true);
        Long warmup = duration(f, "warmup", false);
        Long interval = duration(f, "metricsInterval", false);
        if (duration != null && duration <= 0) {
            problem(f.at("duration"), "the duration must be longer than 0");
        }
        durationNs = duration != null && duration > 0 ? duration : null;
        if (warmup != null && duration != null && duration > 0 && warmup >= duration) {
            problem(f.at("warmup"), "the warm-up (" + Quantities.formatDuration(warmup)
                    + ") must be shorter than the duration (" + Quantities.formatDuration(duration) + ")");
        }
        if (interval != null && interval <= 0) {
            problem(f.at("metricsInterval"), "the metrics interval must be longer than 0");
        }

        Map<String, PoolInfo> pools = new LinkedHashMap<>();
        List<Pool> poolList = bindPools(f, pools);
        Map<String, DeploymentInfo> deployments = new LinkedHashMap<>();
        List<Deployment> deploymentList = bindDeployments(f, pools, deployments);
        List<Workload> workloadList = bindWorkloads(f, deployments);
        List<Job> jobList = bindJobs(f, pools, deployments.keySet());

        if (name == null || duration == null || poolList == null || placement == null || deploymentList == null
                || workloadList == null || jobList == null) {
            return null;
        }
        return new Scenario(name, seed == null ? 1 : seed, duration, warmup == null ? 0 : warmup,
                interval == null ? 10_000_000_000L : interval, poolList, placement, deploymentList, workloadList,
                jobList, catalogDirs, scenarioFile, source);
    }

    // ---------------------------------------------------------------- pools

    private List<Pool> bindPools(Fields scenario, Map<String, PoolInfo> infos) {
        Fields cluster = fields(scenario.require("cluster", "a mapping with the GPU pools"), "cluster",
                "the cluster", CLUSTER_KEYS);
        if (cluster == null) {
            return null;
        }
        placement = policy(cluster, "placement", PolicyFamily.PLACEMENT, Scenario.DEFAULT_PLACEMENT);
        List<YamlNode> items = list(cluster, "pools", true, "a list of GPU pools");
        if (items == null) {
            return null;
        }
        List<Pool> pools = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            String path = "cluster.pools[" + i + "]";
            Fields p = fields(items.get(i), path, "a pool", POOL_KEYS);
            if (p == null) {
                ok = false;
                continue;
            }
            String name = name(p, "name", infos.keySet());
            String gpu = string(p, "gpu", true, "a GPU id from the catalog");
            GpuSpec spec = null;
            if (gpu != null && catalog != null) {
                spec = catalog.gpu(gpu).orElse(null);
                if (spec == null) {
                    problem(p.at("gpu"), unknownId("GPU", gpu, catalog.gpus().stream().map(GpuSpec::id).toList()));
                }
                gpu = spec == null ? null : spec.id(); // the catalog's spelling
            }
            ProvisioningMode mode = p.has("provisioning")
                    ? choice(p, "provisioning", "provisioning mode", PROVISIONING) : ProvisioningMode.STATIC;
            boolean serverless = mode == ProvisioningMode.SERVERLESS;
            if (serverless) {
                for (String key : List.of("count", "nodes")) {
                    if (p.has(key)) {
                        problem(p.at(key), "a serverless pool has no nodes of its own: capacity appears when a workload"
                                + " asks for it, and only the GPU time held is billed; remove " + key
                                + " (maxNodes caps it)");
                    }
                }
            }
            // A static pool has at least one node; a dynamic one may start from none.
            long least = mode == ProvisioningMode.STATIC ? 1 : 0;
            Long count = serverless ? null : integer(p, "count", false, least, Integer.MAX_VALUE);
            Long nodes = serverless ? null : integer(p, "nodes", false, least, Integer.MAX_VALUE);
            Long perNode = integer(p, "gpusPerNode", false, 1, Integer.MAX_VALUE);
            if (mode == ProvisioningMode.STATIC && !p.has("count") && !p.has("nodes")) {
                missing(p, "count", "the number of GPUs, or give nodes and gpusPerNode");
            }
            if (nodes != null) {
                long per = perNode != null ? perNode : p.has("gpusPerNode") ? -1 : DEFAULT_GPUS_PER_NODE;
                long gpus = per < 0 ? -1 : nodes * per;
                if (gpus > Integer.MAX_VALUE) {
                    problem(p.at("nodes"), nodes + " nodes × " + per + " GPUs is more GPUs than infersim can hold");
                    nodes = null;
                } else if (count != null && gpus >= 0 && count != gpus) {
                    problem(p.at("count"), count + " GPUs disagrees with nodes × gpusPerNode = " + nodes + " × " + per
                            + " = " + gpus + "; give one of count and nodes");
                    count = null;
                } else if (gpus >= 0) {
                    count = gpus;
                    perNode = per;
                }
            } else if (perNode != null && count != null && count % perNode != 0) {
                problem(p.at("gpusPerNode"), perNode + " GPUs per node does not divide the pool's " + count
                        + " GPUs (a pool is made of whole nodes)");
                perNode = null;
            }
            if (count != null && !p.has("gpusPerNode") && !p.has("nodes") && count > DEFAULT_GPUS_PER_NODE
                    && count % DEFAULT_GPUS_PER_NODE != 0) {
                problem(p.at("count"), count + " GPUs cannot be split into nodes of 8 (the default gpusPerNode);"
                        + " set gpusPerNode to a divisor of " + count);
                count = null;
            }
            Double price = price(p, "price");
            GpuSharing sharing = sharing(p);
            Integer gpn = perNode != null ? Integer.valueOf(perNode.intValue())
                    : p.has("gpusPerNode") ? null
                    : count != null && count > 0 ? Integer.valueOf((int) Math.min(count, DEFAULT_GPUS_PER_NODE))
                    : count != null || mode != ProvisioningMode.STATIC ? Integer.valueOf(DEFAULT_GPUS_PER_NODE) : null;
            boolean countGiven = p.has("count") || p.has("nodes");
            Provisioning provisioning = mode == null ? null
                    : provisioning(p, mode, countGiven ? count : null, countGiven && count == null, gpn);
            Integer c = count == null ? null : count.intValue();
            if (provisioning != null && !countGiven) {
                c = gpn == null ? null : provisioning.minNodes() * gpn; // a dynamic pool starts at its minimum
            }
            Long maxGpus = provisioning == null ? null : provisioning.isStatic() ? (c == null ? null : Long.valueOf(c))
                    : provisioning.maxNodes() == Provisioning.UNLIMITED ? Long.valueOf(Long.MAX_VALUE)
                    : gpn == null ? null : Long.valueOf((long) provisioning.maxNodes() * gpn);
            ImageCache imageCache = p.has("imageCache") ? choice(p, "imageCache", "image cache", IMAGE_CACHES)
                    : provisioning == null ? null : ImageCache.defaultFor(provisioning.mode());
            Pool pool = null;
            if (name != null && gpu != null && c != null && gpn != null && (price != null || !p.has("price"))
                    && sharing != null && provisioning != null && imageCache != null) {
                pool = new Pool(name, gpu, c, gpn, price == null ? OptionalDouble.empty() : OptionalDouble.of(price),
                        sharing, provisioning, imageCache);
                pools.add(pool);
            } else {
                ok = false;
            }
            if (name != null && !infos.containsKey(name)) {
                infos.put(name, new PoolInfo(name, maxGpus, gpn, spec, pool));
            }
        }
        return ok ? pools : null;
    }

    /**
     * How a pool is provisioned: the keys each mode takes, their defaults and their bounds. Null
     * after a problem.
     *
     * @param initialGpus  the GPUs it starts with when count or nodes is given (and valid), else null
     * @param sizeInvalid  count or nodes was given but is invalid (already reported)
     * @param gpusPerNode  null when unknown (already reported)
     */
    private Provisioning provisioning(Fields p, ProvisioningMode mode, Long initialGpus, boolean sizeInvalid,
                                      Integer gpusPerNode) {
        boolean ok = true;
        if (mode == ProvisioningMode.STATIC) {
            for (String key : List.of("minNodes", "maxNodes", "provisioningDelay", "scaleDownDelay")) {
                if (p.has(key)) {
                    problem(p.at(key), "'" + key + "' applies to a pool that grows and shrinks (provisioning: "
                            + (key.equals("maxNodes") ? "dynamic or serverless" : "dynamic") + "); this pool is static"
                            + " (a fixed count of nodes, paid always)");
                    ok = false;
                }
            }
            return ok ? Provisioning.STATIC : null;
        }
        if (mode == ProvisioningMode.SERVERLESS) {
            Map<String, String> why = linked(
                    "minNodes", "a serverless pool keeps no idle nodes (idle capacity is not billed)",
                    "provisioningDelay", "the serverless provider hides node start-up (a replica's own cold start"
                            + " still applies)",
                    "scaleDownDelay", "a serverless pool lets capacity go as soon as no workload holds it");
            for (Map.Entry<String, String> e : why.entrySet()) {
                if (p.has(e.getKey())) {
                    problem(p.at(e.getKey()), "'" + e.getKey() + "' does not apply to a serverless pool: " + e.getValue());
                    ok = false;
                }
            }
            Long max = p.has("maxNodes") ? integer(p, "maxNodes", true, 1, MAX_NODES) : Long.valueOf(Provisioning.UNLIMITED);
            return ok && max != null ? Provisioning.serverless(max.intValue()) : null;
        }
        Long min = p.has("minNodes") ? integer(p, "minNodes", true, 0, MAX_NODES) : Long.valueOf(0);
        Long max = p.has("maxNodes") ? integer(p, "maxNodes", true, 1, MAX_NODES) : null;
        if (!p.has("maxNodes")) {
            missing(p, "maxNodes", "the most nodes the cluster autoscaler may run in this pool, as its node group's"
                    + " max size");
        }
        if (min != null && max != null && min > max) {
            problem(p.at("minNodes"), "minNodes " + min + " is above maxNodes " + max);
            min = null;
        }
        if (min != null && max != null && initialGpus != null && gpusPerNode != null) {
            long start = initialGpus / gpusPerNode;
            if (start < min || start > max) {
                String key = p.has("nodes") ? "nodes" : "count";
                problem(p.at(key), "the pool starts with " + start + (start == 1 ? " node" : " nodes")
                        + ", outside minNodes..maxNodes (" + min + ".." + max + ")");
                ok = false;
            }
        }
        DurationSpec delay = p.has("provisioningDelay") ? durationSpec(p, "provisioningDelay") : Provisioning.DEFAULT_DELAY;
        Long scaleDown = p.has("scaleDownDelay") ? duration(p, "scaleDownDelay", true)
                : Long.valueOf(Provisioning.DEFAULT_SCALE_DOWN_DELAY_NS);
        if (scaleDown != null && scaleDown < 0) {
            problem(p.at("scaleDownDelay"), "expected a duration of at least 0");
            scaleDown = null;
        }
        if (!ok || sizeInvalid || min == null || max == null || delay == null || scaleDown == null) {
            return null;
        }
        return new Provisioning(ProvisioningMode.DYNAMIC, min.intValue(), max.intValue(), delay, scaleDown);
    }

    /**
     * A distribution of durations: a duration (fixed), or {type: fixed, value}, {type: uniform, min,
     * max} or {type: lognormal, mean, stddev}. Null after a problem.
     */
    private DurationSpec durationSpec(Fields f, String key) {
        YamlNode node = f.node(key);
        if (!(node instanceof YamlNode.Mapping)) {
            Long v = duration(f, key, true);
            return v == null ? null : nonNegative(f, key, v) ? new DurationSpec.Fixed(v) : null;
        }
        Fields d = typed(node, f.at(key), "a duration such as 5m, or a distribution such as {type: uniform, min: 2m,"
                + " max: 8m}", "duration distribution", DELAY_KEYS);
        if (d == null) {
            return null;
        }
        switch (d.type) {
            case "fixed": {
                Long v = duration(d, "value", true);
                return v == null || !nonNegative(d, "value", v) ? null : new DurationSpec.Fixed(v);
            }
            case "uniform": {
                Long min = duration(d, "min", true);
                Long max = duration(d, "max", true);
                boolean valid = min != null && max != null && nonNegative(d, "min", min) & nonNegative(d, "max", max);
                if (valid && min > max) {
                    problem(d.at("max"), "max " + Quantities.formatDuration(max) + " is below min "
                            + Quantities.formatDuration(min));
                    return null;
                }
                return valid ? new DurationSpec.Uniform(min, max) : null;
            }
            case "lognormal": {
                Long mean = duration(d, "mean", true);
                Long stddev = duration(d, "stddev", true);
                if (mean != null && mean <= 0) {
                    problem(d.at("mean"), "expected a mean longer than 0");
                    mean = null;
                }
                if (stddev != null && !nonNegative(d, "stddev", stddev)) {
                    stddev = null;
                }
                return mean == null || stddev == null ? null : new DurationSpec.LogNormal(mean, stddev);
            }
            default:
                throw new IllegalStateException(d.type);
        }
    }

    private boolean nonNegative(Fields f, String key, long ns) {
        if (ns < 0) {
            problem(f.at(key), "expected a duration of at least 0");
            return false;
        }
        return true;
    }

    /** A pool's GPU-sharing settings, every key optional. */
    private GpuSharing sharing(Fields p) {
        GpuSharing def = GpuSharing.DEFAULTS;
        if (!p.has("sharing")) {
            return def;
        }
        Fields f = fields(p.node("sharing"), p.at("sharing"), "GPU-sharing settings", SHARING_KEYS);
        if (f == null) {
            return null;
        }
        Long contextSwitch = f.has("contextSwitch") ? duration(f, "contextSwitch", true) : Long.valueOf(def.contextSwitchNs());
        if (contextSwitch != null && contextSwitch < 0) {
            problem(f.at("contextSwitch"), "expected a duration of at least 0");
            contextSwitch = null;
        }
        Double interference = f.has("mpsInterference") ? number(f, "mpsInterference", true)
                : Double.valueOf(def.mpsInterference());
        if (interference != null && !(interference >= 0)) {
            problem(f.at("mpsInterference"), "expected a slowdown of at least 0 per unit of neighbour share, got "
                    + fmt(interference));
            interference = null;
        }
        return contextSwitch == null || interference == null ? null : new GpuSharing(contextSwitch, interference);
    }

    // ---------------------------------------------------------------- deployments

    private List<Deployment> bindDeployments(Fields scenario, Map<String, PoolInfo> pools,
            Map<String, DeploymentInfo> infos) {
        List<YamlNode> items = list(scenario, "deployments", true, "a list of deployments, each a model served on a pool");
        if (items == null) {
            return null;
        }
        List<Deployment> deployments = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            String path = "deployments[" + i + "]";
            Fields d = fields(items.get(i), path, "a deployment", DEPLOYMENT_KEYS);
            if (d == null) {
                ok = false;
                continue;
            }
            String name = name(d, "name", infos.keySet());
            String modelId = string(d, "model", true, "a model id from the catalog");
            ModelSpec model = null;
            if (modelId != null && catalog != null) {
                model = catalog.model(modelId).orElse(null);
                if (model == null) {
                    problem(d.at("model"), unknownId("model", modelId, catalog.models().stream().map(ModelSpec::id).toList()));
                } else {
                    modelId = model.id(); // the catalog's spelling
                }
            }
            List<PoolInfo> allowed = poolList(d, pools);
            Precision precision = precision(d);
            Long tp = integer(d, "tensorParallel", false, 1, Integer.MAX_VALUE);
            if (tp != null && model != null) {
                String tpProblem = tensorParallelProblem(tp.intValue(), model, allowed);
                if (tpProblem != null) {
                    problem(d.at("tensorParallel"), tpProblem);
                    tp = null;
                }
            } else if (tp != null && Long.bitCount(tp) != 1) {
                problem(d.at("tensorParallel"), tp + " is not a power of two (1, 2, 4, 8, ...)");
                tp = null;
            }
            Long replicas = integer(d, "replicas", false, d.has("autoscaler") ? 0 : 1, Integer.MAX_VALUE);
            GpuShare share = d.has("gpuShare") ? gpuShare(d, allowed) : null;
            boolean shareOk = share != null || !d.has("gpuShare");
            if (share != null && tp != null && tp > 1) {
                problem(d.at("gpuShare"), "a replica with a GPU share runs on one GPU, but tensorParallel is " + tp
                        + "; remove one of them");
                shareOk = false;
            }
            Integer priority = priority(d, PriorityClass.INFERENCE);
            Long startAt = startTime(d, "startAt");
            EngineConfig engine = engine(d, model);
            PolicyChoice router = policy(d, "router", PolicyFamily.ROUTING, Deployment.DEFAULT_ROUTER);
            PolicyChoice stepTime = policy(d, "stepTime", PolicyFamily.STEP_TIME, Deployment.DEFAULT_STEP_TIME);

            Integer tpValue = tp == null ? (d.has("tensorParallel") ? null : Integer.valueOf(1)) : Integer.valueOf(tp.intValue());
            AutoscalerConfig autoscaler = d.has("autoscaler") ? autoscaler(d, replicas) : null;
            boolean autoscalerOk = autoscaler != null || !d.has("autoscaler");
            Integer replicaValue = replicas == null ? (d.has("replicas") ? null
                    : Integer.valueOf(autoscaler == null ? 1 : Math.min(autoscaler.max(), Math.max(autoscaler.min(), 1))))
                    : Integer.valueOf(replicas.intValue());
            ColdStartConfig coldStart = d.has("coldStart") ? coldStart(d) : ColdStartConfig.DEFAULTS;
            Long drainTimeout = d.has("drainTimeout") ? duration(d, "drainTimeout", true)
                    : Long.valueOf(Deployment.DEFAULT_DRAIN_TIMEOUT_NS);
            int maxLen = engine != null && engine.maxModelLen().isPresent() ? engine.maxModelLen().getAsInt()
                    : model != null ? model.maxContext() : Integer.MAX_VALUE;
            if (name != null && !infos.containsKey(name)) {
                infos.put(name, new DeploymentInfo(name, i, maxLen));
            }
            if (name != null && modelId != null && (catalog == null || model != null) && allowed != null
                    && precision != null && tpValue != null && replicaValue != null && engine != null && router != null
                    && shareOk && priority != null && startAt != null && autoscalerOk && coldStart != null
                    && drainTimeout != null && stepTime != null) {
                deployments.add(new Deployment(name, modelId, allowed.stream().map(PoolInfo::name).toList(), precision,
                        tpValue, replicaValue, engine, router, share, priority, startAt, autoscaler, coldStart,
                        drainTimeout, stepTime));
            } else {
                ok = false;
            }
        }
        return ok ? deployments : null;
    }

    /**
     * {@code autoscaler: {policy, metric, target, min, max, ...}}: the policy decides which further
     * keys apply (its settings), what the metric may be and how the bounds default. Null after a problem.
     */
    private AutoscalerConfig autoscaler(Fields d, Long replicas) {
        String path = d.at("autoscaler");
        YamlNode node = d.node("autoscaler");
        if (!(node instanceof YamlNode.Mapping map)) {
            problem(path, "expected an autoscaler (a mapping with policy, metric, target, min, max), got " + node.describe());
            return null;
        }
        PolicyProvider named = namedPolicy(map, path, PolicyFamily.AUTOSCALING);
        if (named == null) {
            return null;
        }
        ScalingPolicyProvider provider = policies.provider(PolicyFamily.AUTOSCALING, ScalingPolicyProvider.class,
                named.name());
        String policyName = provider.name();
        Fields a = fields(node, path, "an autoscaler", policyKeys(AUTOSCALER_KEYS, provider, map, path));
        boolean holds = provider.holdsInitialReplicas();
        ScalingMetric metric = a.has("metric") ? choice(a, "metric", "metric", SCALING_METRICS) : ScalingMetric.CONCURRENCY;
        if (metric != null && provider.unsupported(metric) != null) {
            problem(a.has("metric") ? a.at("metric") : path, "policy " + policyName + " cannot use metric "
                    + metric.label() + ": " + provider.unsupported(metric));
            metric = null;
        }
        Double target = holds && !a.has("target") ? Double.valueOf(1) : metric == null ? null : target(a, metric);
        int initial = replicas == null ? 1 : replicas.intValue();
        Long min = a.has("min") ? integer(a, "min", true, 0, Integer.MAX_VALUE)
                : Long.valueOf(holds ? initial : provider.scalesToZeroByDefault() ? 0 : 1);
        Long max = a.has("max") ? integer(a, "max", true, 1, Integer.MAX_VALUE)
                : holds ? Long.valueOf(Math.max(initial, 1)) : null;
        if (!a.has("max") && !holds) {
            problem(path, "missing 'max'; expected the most replicas it may run");
        }
        if (min != null && max != null && min > max) {
            problem(a.at("min"), "min " + min + " is above max " + max);
            min = null;
        }
        if (min != null && min == 0 && provider.whyNotZero() != null) {
            problem(a.at("min"), provider.whyNotZero());
            min = null;
        }
        if (replicas != null && min != null && max != null && (replicas < min || replicas > max)) {
            problem(d.at("replicas"), replicas + " replicas to start with is outside the autoscaler's " + min + ".." + max);
            min = null;
        }
        Settings settings = settings(a, provider);
        if (settings == null || metric == null || target == null || min == null || max == null) {
            return null;
        }
        return new AutoscalerConfig(new PolicyChoice(policyName, settings), metric, target, min.intValue(),
                max.intValue());
    }

    // ---------------------------------------------------------------- policies of every family

    /**
     * A policy of a family other than autoscaling: its name ({@code router: least-kv}), or a
     * mapping with its name and settings ({@code router: {policy: my-router, window: 30s}}), or
     * {@code byDefault} when the key is absent. Null after a problem.
     */
    private PolicyChoice policy(Fields f, String key, PolicyFamily family, PolicyChoice byDefault) {
        if (!f.has(key)) {
            return byDefault;
        }
        if (!(f.node(key) instanceof YamlNode.Mapping map)) {
            String name = choice(f, key, family.what(), linkedKeys(new LinkedHashSet<>(policies.names(family))));
            return name == null ? null : PolicyChoice.of(name);
        }
        String path = f.at(key);
        PolicyProvider provider = namedPolicy(map, path, family);
        if (provider == null) {
            return null;
        }
        Fields p = fields(map, path, "a " + family.what(), policyKeys(List.of("policy"), provider, map, path));
        Settings settings = settings(p, provider);
        return settings == null ? null : new PolicyChoice(provider.name(), settings);
    }

    /** The provider a policy mapping names in its {@code policy} key; null after a problem. */
    private PolicyProvider namedPolicy(YamlNode.Mapping map, String path, PolicyFamily family) {
        List<String> names = policies.names(family);
        YamlNode policyNode = map.get("policy");
        if (policyNode == null) {
            problem(path, "missing 'policy'; expected one of " + String.join(", ", names));
            return null;
        }
        String policyName = policyNode instanceof YamlNode.Scalar ps ? ps.text() : "";
        PolicyProvider provider = policies.find(family, policyName).orElse(null);
        if (provider == null) {
            String hint = Suggestions.didYouMean(policyName, names);
            problem(child(path, "policy"), "unknown " + family.what() + " '" + policyName + "'" + hint
                    + (hint.isEmpty() ? "; expected " : " Expected ") + "one of " + String.join(", ", names)
                    + " (or a policy registered on the class path; see the README)");
        }
        return provider;
    }

    /**
     * The keys a policy mapping may have: its family's own, then the policy's settings. A setting
     * of another policy of the family is a likely slip when switching policies: it is reported as
     * that policy's, and is known (not reported again as unknown).
     */
    private List<String> policyKeys(List<String> familyKeys, PolicyProvider provider, YamlNode.Mapping map,
                                    String path) {
        List<String> allowed = new ArrayList<>(familyKeys);
        provider.settings().forEach(s -> allowed.add(s.key()));
        List<String> known = new ArrayList<>(allowed);
        for (String other : policies.names(provider.family())) {
            for (Setting<?> setting : policies.find(provider.family(), other).orElseThrow().settings()) {
                if (!allowed.contains(setting.key()) && map.entries().containsKey(setting.key())
                        && !known.contains(setting.key())) {
                    known.add(setting.key());
                    problem(child(path, setting.key()), "'" + setting.key() + "' is a setting of policy " + other
                            + ", not of " + provider.name() + " (whose settings are "
                            + String.join(", ", allowed.subList(familyKeys.size(), allowed.size())) + ")");
                }
            }
        }
        return known;
    }

    /** The settings written for a policy, each parsed by its kind (with units) and above 0; null after a problem. */
    private Settings settings(Fields a, PolicyProvider provider) {
        Map<String, Object> values = new LinkedHashMap<>();
        boolean ok = true;
        for (Setting<?> setting : provider.settings()) {
            if (!a.has(setting.key())) {
                continue;
            }
            Object v = switch (setting.kind()) {
                case DURATION -> {
                    Long ns = duration(a, setting.key(), true);
                    if (ns != null && ns <= 0) {
                        problem(a.at(setting.key()), "expected a duration above 0");
                        ns = null;
                    }
                    yield ns;
                }
                case FRACTION -> share(a, setting.key());
                case NUMBER -> {
                    Double n = number(a, setting.key(), true);
                    if (n != null && n <= 0) {
                        problem(a.at(setting.key()), "expected a number above 0, got " + fmt(n));
                        n = null;
                    }
                    yield n;
                }
            };
            if (v == null) {
                ok = false;
            } else {
                values.put(setting.key(), v);
            }
        }
        return ok ? new Settings(values) : null;
    }

    /** The per-replica target in the metric's unit: a duration for latency (kept in ms), a share for KV use. */
    private Double target(Fields a, ScalingMetric metric) {
        if (!a.has("target")) {
            problem(a.at("target"), "missing; expected the " + metric.meaning() + " to aim at");
            return null;
        }
        if (metric == ScalingMetric.LATENCY) {
            Long ns = duration(a, "target", true);
            return ns == null ? null : ns > 0 ? Double.valueOf(ns / 1e6) : badTarget(a);
        }
        Double v = metric == ScalingMetric.KV_UTILIZATION ? share(a, "target") : number(a, "target", true);
        return v == null ? null : v > 0 ? v : badTarget(a);
    }

    private Double badTarget(Fields a) {
        problem(a.at("target"), "expected a target above 0");
        return null;
    }

    /** A share written as a percentage ({@code 70%}) or a number ({@code 0.7}), above 0. */
    private Double share(Fields f, String key) {
        YamlNode n = f.node(key);
        Double v = null;
        if (n instanceof YamlNode.Scalar s && s.isNumber()) {
            v = number(f, key, true);
        } else if (n instanceof YamlNode.Scalar s && s.text().strip().endsWith("%")) {
            try {
                v = Double.parseDouble(s.text().strip().replace("%", "").strip()) / 100;
            } catch (NumberFormatException e) {
                v = null;
            }
            if (v == null) {
                problem(f.at(key), "expected a percentage such as 70% or a fraction such as 0.7, got " + n.describe());
                return null;
            }
        } else {
            problem(f.at(key), "expected a percentage such as 70% or a fraction such as 0.7, got " + n.describe());
            return null;
        }
        if (v != null && !(v > 0)) {
            problem(f.at(key), "expected a share above 0, got " + fmt(v));
            return null;
        }
        return v;
    }

    /** {@code coldStart: {image, registryBandwidth, storage, storageBandwidth, engineInit, firstIteration}}. */
    private ColdStartConfig coldStart(Fields d) {
        Fields c = fields(d.node("coldStart"), d.at("coldStart"), "cold-start settings", COLD_START_KEYS);
        if (c == null) {
            return null;
        }
        Long image = c.has("image") ? bytes(c, "image") : Long.valueOf((long) ColdStartConfig.DEFAULT_IMAGE_BYTES);
        Double registry = c.has("registryBandwidth") ? bandwidth(c, "registryBandwidth")
                : Double.valueOf(ColdStartConfig.DEFAULT_REGISTRY_BYTES_PER_SEC);
        StorageTier tier = c.has("storage") ? choice(c, "storage", "storage tier", STORAGE_TIERS) : ColdStartConfig.DEFAULT_STORAGE;
        Double storage = c.has("storageBandwidth") ? bandwidth(c, "storageBandwidth")
                : tier == null ? null : Double.valueOf(tier.bytesPerSec());
        Long init = c.has("engineInit") ? duration(c, "engineInit", true) : Long.valueOf(-1);
        Long first = c.has("firstIteration") ? duration(c, "firstIteration", true)
                : Long.valueOf(ColdStartConfig.DEFAULT_FIRST_ITERATION_PENALTY_NS);
        if (image == null || registry == null || storage == null || init == null || first == null) {
            return null;
        }
        return new ColdStartConfig(image, registry, storage, init, first);
    }

    private Double bandwidth(Fields f, String key) {
        Double v = quantity(f, key, true, Quantities.BANDWIDTH_HINT, Quantities::parseBytesPerSec);
        if (v != null && v <= 0) {
            problem(f.at(key), "expected a bandwidth above 0");
            return null;
        }
        return v;
    }

    /** A priority: a Run:ai class name or an integer (higher wins); the default when absent; null after a problem. */
    private Integer priority(Fields f, int defaultPriority) {
        if (!f.has("priority")) {
            return defaultPriority;
        }
        YamlNode.Scalar s = scalar(f, "priority", true, "a priority class (" + String.join(", ",
                PriorityClass.names().keySet()) + ") or an integer");
        if (s == null) {
            return null;
        }
        if (s.kind() == YamlNode.ScalarKind.INTEGER) {
            Long v = integer(f, "priority", true, Integer.MIN_VALUE, Integer.MAX_VALUE);
            return v == null ? null : v.intValue();
        }
        Integer named = PriorityClass.names().get(s.text());
        if (named == null) {
            String hint = Suggestions.didYouMean(s.text(), PriorityClass.names().keySet());
            problem(f.at("priority"), "unknown priority class '" + s.text() + "'" + hint
                    + (hint.isEmpty() ? "; expected " : " Expected ") + "one of " + PriorityClass.names().entrySet().stream()
                    .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(java.util.stream.Collectors.joining(", "))
                    + ", or an integer");
        }
        return named;
    }

    /** An optional start time (default 0), which must fall before the end of the run; null after a problem. */
    private Long startTime(Fields f, String key) {
        if (!f.has(key)) {
            return 0L;
        }
        Long at = duration(f, key, true);
        if (at == null) {
            return null;
        }
        if (at < 0) {
            problem(f.at(key), "expected a time of at least 0");
            return null;
        }
        if (durationNs != null && at >= durationNs) {
            problem(f.at(key), Quantities.formatDuration(at) + " is not before the end of the run ("
                    + Quantities.formatDuration(durationNs) + ")");
            return null;
        }
        return at;
    }

    /** What part of one GPU a replica asks for; null after a problem. */
    private GpuShare gpuShare(Fields d, List<PoolInfo> pools) {
        Fields f = typed(d.node("gpuShare"), d.at("gpuShare"), "a GPU share such as {mode: time-slicing, fraction: 0.25}",
                "GPU share", "mode", SHARE_KEYS);
        if (f == null) {
            return null;
        }
        switch (f.type) {
            case "time-slicing": {
                Double fraction = fraction(f, "fraction", true, "of the GPU's memory");
                return fraction == null ? null : new GpuShare.TimeSlicing(fraction);
            }
            case "mps": {
                Double fraction = fraction(f, "fraction", true, "of the GPU's memory");
                Double compute = f.has("compute") ? fraction(f, "compute", true, "of the GPU's SMs") : fraction;
                return fraction == null || compute == null ? null : new GpuShare.Mps(fraction, compute);
            }
            case "mig": {
                String profile = string(f, "profile", true, "a MIG profile such as 1g.20gb");
                if (profile == null) {
                    return null;
                }
                for (PoolInfo pool : pools == null ? List.<PoolInfo>of() : pools) {
                    if (pool.gpu() == null) {
                        continue;
                    }
                    List<String> names = pool.gpu().migProfiles().stream().map(m -> m.name()).toList();
                    if (names.isEmpty()) {
                        problem(f.at("profile"), pool.gpu().id() + " (pool '" + pool.name() + "') does not support MIG;"
                                + " use time-slicing or mps, or a pool of a MIG-capable GPU");
                        return null;
                    }
                    if (!names.contains(profile)) {
                        String hint = Suggestions.didYouMean(profile, names);
                        problem(f.at("profile"), "unknown MIG profile '" + profile + "' for " + pool.gpu().id() + " (pool '"
                                + pool.name() + "')" + hint + (hint.isEmpty() ? "; its profiles: " : " Its profiles: ")
                                + String.join(", ", names));
                        return null;
                    }
                }
                return new GpuShare.Mig(profile);
            }
            default:
                throw new IllegalStateException(f.type);
        }
    }

    /** A number in (0, 1], or null after a problem. */
    private Double fraction(Fields f, String key, boolean required, String ofWhat) {
        Double v = number(f, key, required);
        if (v != null && !(v > 0 && v <= 1)) {
            problem(f.at(key), "expected a fraction " + ofWhat + " in (0, 1], got " + fmt(v));
            return null;
        }
        return v;
    }

    /**
     * The pools a workload may run on: {@code pool: name} or {@code pools: [a, b]} (in order of
     * preference), or the only pool when neither is given. Null after a problem.
     */
    private List<PoolInfo> poolList(Fields f, Map<String, PoolInfo> pools) {
        if (f.has("pool") && f.has("pools")) {
            problem(f.at("pools"), "give either pool (one) or pools (a list), not both");
            return null;
        }
        if (!f.has("pools")) {
            PoolInfo one = reference(f, "pool", "pool", pools, "cluster.pools");
            return one == null ? null : List.of(one);
        }
        List<YamlNode> items = list(f, "pools", true, "a list of pool names, in order of preference");
        if (items == null) {
            return null;
        }
        List<PoolInfo> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            String path = f.at("pools") + "[" + i + "]";
            YamlNode item = items.get(i);
            if (!(item instanceof YamlNode.Scalar s) || s.kind() != YamlNode.ScalarKind.STRING) {
                problem(path, "expected the name of a pool in cluster.pools, got " + item.describe());
                ok = false;
                continue;
            }
            PoolInfo pool = pools.get(s.text());
            if (pool == null) {
                String hint = Suggestions.didYouMean(s.text(), pools.keySet());
                problem(path, "unknown pool '" + s.text() + "'" + hint + (hint.isEmpty() ? "; defined: " : " Defined: ")
                        + String.join(", ", pools.keySet()));
                ok = false;
            } else if (out.contains(pool)) {
                problem(path, "pool '" + s.text() + "' is listed twice");
                ok = false;
            } else {
                out.add(pool);
            }
        }
        return ok ? out : null;
    }

    /** Why a tensor-parallel degree cannot serve this model on these pools, or null when it can. */
    private static String tensorParallelProblem(int tp, ModelSpec model, List<PoolInfo> pools) {
        if (model.attentionHeads() % tp != 0) {
            return tp + " does not divide the " + model.attentionHeads() + " attention heads of " + model.id();
        }
        if (model.kvHeads() % tp != 0) {
            return tp + " does not divide the " + model.kvHeads() + " KV heads of " + model.id();
        }
        if (Integer.bitCount(tp) != 1) {
            return tp + " is not a power of two (1, 2, 4, 8, ...)";
        }
        for (PoolInfo pool : pools == null ? List.<PoolInfo>of() : pools) {
            if (pool.gpusPerNode() != null && tp > pool.gpusPerNode()) {
                return tp + " exceeds the " + pool.gpusPerNode() + " GPUs per node of pool '" + pool.name()
                        + "' (a tensor-parallel group stays within one node)";
            }
        }
        return null;
    }

    private Precision precision(Fields d) {
        YamlNode node = d.node("precision");
        if (node == null) {
            return Precision.BF16;
        }
        String path = d.at("precision");
        if (node instanceof YamlNode.Mapping) {
            Fields p = fields(node, path, "a precision", PRECISION_KEYS);
            NumericFormat weights = p.has("weights") ? choice(p, "weights", "weight format", WEIGHT_FORMATS) : null;
            if (!p.has("weights")) {
                missing(p, "weights", "one of " + String.join(", ", WEIGHT_FORMATS.keySet()));
            }
            NumericFormat kv = p.has("kvCache") ? choice(p, "kvCache", "KV-cache format", KV_FORMATS)
                    : weights == null ? null : defaultKv(weights);
            return weights == null || kv == null ? null : new Precision(weights, kv);
        }
        NumericFormat weights = choice(d, "precision", "precision", WEIGHT_FORMATS);
        return weights == null ? null : new Precision(weights, defaultKv(weights));
    }

    private static NumericFormat defaultKv(NumericFormat weights) {
        return weights == NumericFormat.FP8 ? NumericFormat.FP8 : NumericFormat.BF16;
    }

    private EngineConfig engine(Fields d, ModelSpec model) {
        EngineConfig def = EngineConfig.defaults();
        if (!d.has("engine")) {
            return def;
        }
        Fields e = fields(d.node("engine"), d.at("engine"), "engine settings", ENGINE_KEYS);
        if (e == null) {
            return null;
        }
        boolean ok = true;
        Integer blockSize = e.has("blockSize") ? blockSize(e) : Integer.valueOf(def.blockSize());
        Double util = e.has("gpuMemoryUtilization") ? number(e, "gpuMemoryUtilization", true)
                : Double.valueOf(def.gpuMemoryUtilization());
        if (util != null && !(util > 0 && util <= 1)) {
            problem(e.at("gpuMemoryUtilization"), "expected a fraction in (0, 1], got " + fmt(util));
            util = null;
        }
        Long maxSeqs = integer(e, "maxNumSeqs", false, 1, Integer.MAX_VALUE);
        Long maxTokens = integer(e, "maxNumBatchedTokens", false, 1, Integer.MAX_VALUE);
        ok &= e.has("maxNumSeqs") == (maxSeqs != null) && e.has("maxNumBatchedTokens") == (maxTokens != null);
        Boolean chunked = e.has("chunkedPrefill") ? bool(e, "chunkedPrefill") : Boolean.valueOf(def.chunkedPrefill());
        PolicyChoice scheduling = policy(e, "scheduling", PolicyFamily.BATCH_SCHEDULING, def.scheduling());
        PolicyChoice preemption = policy(e, "preemption", PolicyFamily.KV_PREEMPTION, def.preemption());
        Long swap = e.has("swapSpace") ? bytes(e, "swapSpace") : Long.valueOf(def.swapSpaceBytes());
        Long maxLen = integer(e, "maxModelLen", false, 1, Integer.MAX_VALUE);
        if (maxLen != null && model != null && maxLen > model.maxContext()) {
            problem(e.at("maxModelLen"), maxLen + " exceeds the " + model.maxContext() + "-token context of "
                    + model.id());
            maxLen = null;
        }
        ok &= e.has("maxModelLen") == (maxLen != null);
        if (!ok || blockSize == null || util == null || chunked == null || scheduling == null || preemption == null
                || swap == null) {
            return null;
        }
        return new EngineConfig(blockSize, util,
                maxSeqs == null ? OptionalInt.empty() : OptionalInt.of(maxSeqs.intValue()),
                maxTokens == null ? OptionalInt.empty() : OptionalInt.of(maxTokens.intValue()),
                chunked, scheduling, preemption, swap,
                maxLen == null ? OptionalInt.empty() : OptionalInt.of(maxLen.intValue()));
    }

    private Integer blockSize(Fields e) {
        Long v = integer(e, "blockSize", true, Long.MIN_VALUE, Long.MAX_VALUE);
        if (v == null) {
            return null;
        }
        if (!BLOCK_SIZES.containsValue(v.intValue()) || v != v.intValue()) {
            problem(e.at("blockSize"), "expected 8, 16 or 32 tokens per KV block, got " + v);
            return null;
        }
        return v.intValue();
    }

    // ---------------------------------------------------------------- jobs

    private List<Job> bindJobs(Fields scenario, Map<String, PoolInfo> pools, Set<String> deploymentNames) {
        if (!scenario.has("jobs")) {
            return List.of();
        }
        List<YamlNode> items = list(scenario, "jobs", false, "a list of training and build jobs");
        if (items == null) {
            return null;
        }
        List<Job> jobs = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>(deploymentNames);
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            String path = "jobs[" + i + "]";
            Fields j = fields(items.get(i), path, "a job", JOB_KEYS);
            if (j == null) {
                ok = false;
                continue;
            }
            String name = name(j, "name", names);
            if (name != null) {
                names.add(name);
            }
            JobType type = j.has("type") ? choice(j, "type", "job type", JOB_TYPES) : null;
            if (!j.has("type")) {
                missing(j, "type", String.join(" | ", JOB_TYPES.keySet()));
            }
            List<PoolInfo> allowed = poolList(j, pools);
            Long gpus = integer(j, "gpus", true, 1, Integer.MAX_VALUE);
            if (gpus != null && allowed != null) {
                for (PoolInfo pool : allowed) {
                    String problem = jobFitProblem(gpus, pool);
                    if (problem != null) {
                        problem(j.at("gpus"), problem);
                        gpus = null;
                        break;
                    }
                }
            }
            Long work = duration(j, "duration", true);
            if (work != null && work <= 0) {
                problem(j.at("duration"), "expected how long the job runs uninterrupted, longer than 0");
                work = null;
            }
            Integer priority = type == null ? null : priority(j, type.defaultPriority());
            Boolean preemptible = j.has("preemptible") ? bool(j, "preemptible")
                    : priority == null ? null : Boolean.valueOf(PriorityClass.preemptibleByDefault(priority));
            Long checkpoint = j.has("checkpointInterval") ? positiveDuration(j, "checkpointInterval") : Long.valueOf(0);
            Long restart = j.has("restartCost") ? duration(j, "restartCost", true) : Long.valueOf(0);
            if (restart != null && restart < 0) {
                problem(j.at("restartCost"), "expected a duration of at least 0");
                restart = null;
            }
            Long grace = j.has("gracePeriod") ? duration(j, "gracePeriod", true) : Long.valueOf(Job.DEFAULT_GRACE_PERIOD_NS);
            if (grace != null && grace < 0) {
                problem(j.at("gracePeriod"), "expected a duration of at least 0");
                grace = null;
            }
            Long submitAt = startTime(j, "submitAt");
            Long count = j.has("count") ? integer(j, "count", true, 1, 10_000) : Long.valueOf(1);
            if (name != null && type != null && allowed != null && gpus != null && work != null && priority != null
                    && preemptible != null && checkpoint != null && restart != null && grace != null && submitAt != null
                    && count != null) {
                jobs.add(new Job(name, type, allowed.stream().map(PoolInfo::name).toList(), gpus.intValue(), work,
                        priority, preemptible, checkpoint, restart, grace, submitAt, count.intValue()));
            } else {
                ok = false;
            }
        }
        return ok ? jobs : null;
    }

    /** Why a job of this many GPUs can never run on the pool, or null when it can. */
    private static String jobFitProblem(long gpus, PoolInfo pool) {
        if (pool.gpusPerNode() == null) {
            return null;
        }
        int perNode = pool.gpusPerNode();
        if (pool.maxGpus() != null && gpus > pool.maxGpus()) {
            boolean grows = pool.pool() != null && !pool.pool().provisioning().isStatic();
            return gpus + " GPUs is more than pool '" + pool.name() + "' " + (grows ? "may ever have" : "has") + " ("
                    + pool.maxGpus() + (grows ? ", maxNodes × gpusPerNode" : "") + ")";
        }
        if (gpus > perNode && gpus % perNode != 0) {
            return gpus + " GPUs is more than a node of pool '" + pool.name() + "' (" + perNode + ") but not whole"
                    + " nodes; a job takes up to one node, or whole nodes";
        }
        return null;
    }

    // ---------------------------------------------------------------- workloads

    private List<Workload> bindWorkloads(Fields scenario, Map<String, DeploymentInfo> deployments) {
        List<YamlNode> items = list(scenario, "workloads", true, "a list of request streams");
        if (items == null) {
            return null;
        }
        List<Workload> workloads = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            String path = "workloads[" + i + "]";
            Fields w = fields(items.get(i), path, "a workload", WORKLOAD_KEYS);
            if (w == null) {
                ok = false;
                continue;
            }
            String name = name(w, "name", names);
            if (name != null) {
                names.add(name);
            }
            DeploymentInfo deployment = reference(w, "deployment", "deployment", deployments, "deployments");
            int maxLen = deployment == null ? Integer.MAX_VALUE : deployment.maxLen();
            ArrivalSpec arrival = arrival(w);
            LengthSpec prompt = null;
            LengthSpec output = null;
            boolean lengthsOk = true;
            if (arrival instanceof ArrivalSpec.Trace || isTrace(w)) {
                for (String key : List.of("promptTokens", "outputTokens")) {
                    if (w.has(key)) {
                        problem(w.at(key), "the trace supplies lengths; remove " + key);
                        lengthsOk = false;
                    }
                }
            } else {
                prompt = length(w, "promptTokens", maxLen);
                output = length(w, "outputTokens", maxLen);
                lengthsOk = prompt != null && output != null;
            }
            Long priority = integer(w, "priority", false, Integer.MIN_VALUE, Integer.MAX_VALUE);
            Slo slo = slo(w);
            if (name != null && deployment != null && arrival != null && lengthsOk
                    && (priority != null || !w.has("priority")) && slo != null) {
                workloads.add(new Workload(name, deployment.name(), arrival, prompt, output,
                        priority == null ? 0 : priority.intValue(), slo));
            } else {
                ok = false;
            }
        }
        return ok ? workloads : null;
    }

    private static boolean isTrace(Fields w) {
        return w.node("arrival") instanceof YamlNode.Mapping m && m.get("type") instanceof YamlNode.Scalar s
                && "trace".equals(s.text());
    }

    private Slo slo(Fields w) {
        if (!w.has("slo")) {
            return Slo.NONE;
        }
        Fields s = fields(w.node("slo"), w.at("slo"), "latency targets", SLO_KEYS);
        if (s == null) {
            return null;
        }
        Long ttft = positiveDuration(s, "ttft");
        Long tpot = positiveDuration(s, "tpot");
        if ((s.has("ttft") && ttft == null) || (s.has("tpot") && tpot == null)) {
            return null;
        }
        return new Slo(ttft == null ? OptionalLong.empty() : OptionalLong.of(ttft),
                tpot == null ? OptionalLong.empty() : OptionalLong.of(tpot));
    }

    private Long positiveDuration(Fields f, String key) {
        Long v = duration(f, key, false);
        if (v != null && v <= 0) {
            problem(f.at(key), "expected a duration longer than 0");
            return null;
        }
        return v;
    }

    // ---------------------------------------------------------------- arrivals

    private ArrivalSpec arrival(Fields w) {
        YamlNode node = w.require("arrival", "an arrival process such as {type: poisson, rate: 20/s}");
        if (node == null) {
            return null;
        }
        String path = w.at("arrival");
        Fields a = typed(node, path, "an arrival process", "arrival", ARRIVAL_KEYS);
        if (a == null) {
            return null;
        }
        switch (a.type) {
            case "poisson": {
                Double rate = positiveRate(a, "rate", true);
                return rate == null ? null : new ArrivalSpec.Poisson(rate);
            }
            case "gamma": {
                Double rate = positiveRate(a, "rate", true);
                Double cv = number(a, "cv", true);
                if (cv != null && !(cv > 0)) {
                    problem(a.at("cv"), "expected a coefficient of variation above 0 (1 is Poisson), got " + fmt(cv));
                    cv = null;
                }
                return rate == null || cv == null ? null : new ArrivalSpec.Gamma(rate, cv);
            }
            case "steps":
                return steps(a);
            case "diurnal": {
                Double mean = positiveRate(a, "mean", true);
                Double amplitude = number(a, "amplitude", true);
                if (amplitude != null && !(amplitude >= 0 && amplitude <= 1)) {
                    problem(a.at("amplitude"), "expected an amplitude in [0, 1], got " + fmt(amplitude));
                    amplitude = null;
                }
                Long period = a.has("period") ? duration(a, "period", true) : Long.valueOf(86_400_000_000_000L);
                if (period != null && period <= 0) {
                    problem(a.at("period"), "expected a period longer than 0");
                    period = null;
                }
                Long peakAt = a.has("peakAt") ? duration(a, "peakAt", true) : Long.valueOf(43_200_000_000_000L);
                if (mean == null || amplitude == null || period == null || peakAt == null) {
                    return null;
                }
                return new ArrivalSpec.Diurnal(mean, amplitude, period, peakAt);
            }
            case "trace":
                return trace(a);
            default:
                throw new IllegalStateException(a.type);
        }
    }

    private ArrivalSpec steps(Fields a) {
        List<YamlNode> items = list(a, "steps", true, "a list of {at, rate} steps");
        if (items == null) {
            return null;
        }
        List<ArrivalSpec.Step> steps = new ArrayList<>();
        boolean ok = true;
        long previous = -1;
        for (int i = 0; i < items.size(); i++) {
            String path = a.at("steps") + "[" + i + "]";
            Fields s = fields(items.get(i), path, "a step such as {at: 10m, rate: 20/s}", STEP_KEYS);
            if (s == null) {
                ok = false;
                continue;
            }
            Long at = duration(s, "at", true);
            Double rate = rate(s, "rate", true);
            if (at != null) {
                if (i == 0 && at != 0) {
                    problem(s.at("at"), "the first step must start at 0s, got " + Quantities.formatDuration(at));
                    at = null;
                } else if (i > 0 && previous >= 0 && at <= previous) {
                    problem(s.at("at"), "steps must be in strictly increasing time: "
                            + Quantities.formatDuration(at) + " is not after " + Quantities.formatDuration(previous));
                    at = null;
                }
            }
            previous = at == null ? -1 : at;
            if (at == null || rate == null) {
                ok = false;
            } else {
                steps.add(new ArrivalSpec.Step(at, rate));
            }
        }
        return ok ? new ArrivalSpec.Steps(steps) : null;
    }

    private ArrivalSpec trace(Fields a) {
        String name = string(a, "file", true, "the trace file, relative to this scenario");
        Double scale = a.has("rateScale") ? number(a, "rateScale", true) : Double.valueOf(1.0);
        if (scale != null && !(scale > 0)) {
            problem(a.at("rateScale"), "expected a speed-up factor above 0 (2 replays twice as fast), got " + fmt(scale));
            scale = null;
        }
        Path path = name == null ? null : existingFile(name, a.at("file"), "trace file");
        if (path == null) {
            return null;
        }
        TraceFile.Rows rows = TraceFile.read(path, path.toString(), a.at("file"), problems);
        if (rows == null || scale == null) {
            return null;
        }
        return new ArrivalSpec.Trace(path, scale, rows.offsetsNs(), rows.promptTokens(), rows.outputTokens(),
                rows.skippedRows());
    }

    private Double positiveRate(Fields f, String key, boolean required) {
        Double r = rate(f, key, required);
        if (r != null && !(r > 0)) {
            problem(f.at(key), "expected a rate above 0");
            return null;
        }
        return r;
    }

    // ---------------------------------------------------------------- lengths

    private LengthSpec length(Fields w, String key, int maxLen) {
        YamlNode node = w.require(key, "a token-length distribution such as 512 or {type: lognormal, mean: 1000,"
                + " stddev: 400, max: 8192}");
        if (node == null) {
            return null;
        }
        String path = w.at(key);
        if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.ScalarKind.INTEGER) {
            Long v = integer(w, key, true, 1, Integer.MAX_VALUE);
            return v == null ? null : new LengthSpec.Fixed(v.intValue());
        }
        Fields l = typed(node, path, "a token count or a distribution", "length distribution", LENGTH_KEYS);
        if (l == null) {
            return null;
        }
        switch (l.type) {
            case "fixed": {
                Long v = integer(l, "value", true, 1, Integer.MAX_VALUE);
                return v == null ? null : new LengthSpec.Fixed(v.intValue());
            }
            case "uniform": {
                Long min = integer(l, "min", true, 1, Integer.MAX_VALUE);
                Long max = integer(l, "max", true, 1, Integer.MAX_VALUE);
                if (min != null && max != null && min > max) {
                    problem(l.at("max"), "max " + max + " is below min " + min);
                    return null;
                }
                return min == null || max == null ? null : new LengthSpec.Uniform(min.intValue(), max.intValue());
            }
            case "lognormal": {
                Double mean = number(l, "mean", true);
                if (mean != null && !(mean >= 1)) {
                    problem(l.at("mean"), "expected a mean of at least 1 token, got " + fmt(mean));
                    mean = null;
                }
                Double stddev = number(l, "stddev", true);
                if (stddev != null && !(stddev >= 0)) {
                    problem(l.at("stddev"), "expected a standard deviation of at least 0, got " + fmt(stddev));
                    stddev = null;
                }
                Long max = l.has("max") ? integer(l, "max", true, 1, Integer.MAX_VALUE) : Long.valueOf(maxLen);
                if (max != null && mean != null && mean > max) {
                    problem(l.has("max") ? l.at("max") : l.path, "the cap " + max + " is below the mean " + fmt(mean));
                    return null;
                }
                return mean == null || stddev == null || max == null ? null
                        : new LengthSpec.LogNormal(mean, stddev, max.intValue());
            }
            case "empirical": {
                String name = string(l, "file", true, "a file of token counts, one per line");
                Path file = name == null ? null : existingFile(name, l.at("file"), "length file");
                if (file == null) {
                    return null;
                }
                int[] values = LengthFile.read(file, file.toString(), l.at("file"), problems);
                return values == null ? null : new LengthSpec.Empirical(file, values);
            }
            default:
                throw new IllegalStateException(l.type);
        }
    }

    // ---------------------------------------------------------------- generic readers

    /** A mapping's keys, with unknown keys reported; null (after a problem) when the node is not a mapping. */
    private final class Fields {
        final String path;
        final YamlNode.Mapping map;
        String type;

        Fields(String path, YamlNode.Mapping map) {
            this.path = path;
            this.map = map;
        }

        boolean has(String key) {
            return map.entries().containsKey(key);
        }

        YamlNode node(String key) {
            return map.get(key);
        }

        String at(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        /** The value of a required key, or null after reporting it missing. */
        YamlNode require(String key, String expected) {
            YamlNode n = map.get(key);
            if (n == null) {
                missing(this, key, expected);
            }
            return n;
        }
    }

    private Fields fields(YamlNode node, String path, String what, List<String> allowed) {
        if (node == null) {
            return null;
        }
        if (!(node instanceof YamlNode.Mapping map)) {
            problem(path, "expected " + what + " (a mapping with keys " + String.join(", ", allowed) + "), got "
                    + node.describe());
            return null;
        }
        for (YamlNode.Entry e : map.entries().values()) {
            if (!allowed.contains(e.key())) {
                String hint = Suggestions.didYouMean(e.key(), allowed);
                problem(child(path, e.key()), "unknown key '" + e.key() + "'"
                        + (hint.isEmpty() ? "; expected one of: " + String.join(", ", allowed) : hint));
            }
        }
        return new Fields(path, map);
    }

    /**
     * A mapping with a {@code type} key choosing among variants with their own keys. Keys of
     * other variants are reported as not applying to this one.
     */
    private Fields typed(YamlNode node, String path, String what, String kind, Map<String, List<String>> variants) {
        return typed(node, path, what, kind, "type", variants);
    }

    /** Same, with the variant chosen by the key {@code discriminator}. */
    private Fields typed(YamlNode node, String path, String what, String kind, String discriminator,
            Map<String, List<String>> variants) {
        if (!(node instanceof YamlNode.Mapping map)) {
            problem(path, "expected " + what + " (a mapping with a " + discriminator + ": "
                    + String.join(" | ", variants.keySet()) + "), got " + node.describe());
            return null;
        }
        Fields f = new Fields(path, map);
        if (!f.has(discriminator)) {
            missing(f, discriminator, String.join(" | ", variants.keySet()));
            return null;
        }
        String type = choice(f, discriminator, kind + " " + discriminator, linkedKeys(variants.keySet()));
        if (type == null) {
            return null;
        }
        List<String> allowed = variants.get(type);
        boolean ok = true;
        for (YamlNode.Entry e : map.entries().values()) {
            if (allowed.contains(e.key())) {
                continue;
            }
            ok = false;
            List<String> owners = variants.entrySet().stream().filter(v -> v.getValue().contains(e.key()))
                    .map(Map.Entry::getKey).toList();
            String hint = Suggestions.didYouMean(e.key(), allowed);
            if (!hint.isEmpty() || owners.isEmpty()) {
                problem(child(path, e.key()), "unknown key '" + e.key() + "'"
                        + (hint.isEmpty() ? "; a " + type + " " + kind + " has keys " + String.join(", ", allowed) : hint));
            } else {
                problem(child(path, e.key()), "'" + e.key() + "' does not apply to a " + type + " " + kind
                        + " (it belongs to " + String.join(", ", owners) + "); a " + type + " " + kind + " has keys "
                        + String.join(", ", allowed));
            }
        }
        if (!ok) {
            return null;
        }
        f.type = type;
        return f;
    }

    private void missing(Fields f, String key, String expected) {
        problem(f.path, "missing required key '" + key + "' (" + expected + ")");
    }

    /** A scalar of the expected kind, or null (after a problem when present but wrong, or required and missing). */
    private YamlNode.Scalar scalar(Fields f, String key, boolean required, String expected) {
        YamlNode n = f.node(key);
        if (n == null) {
            if (required) {
                missing(f, key, expected);
            }
            return null;
        }
        if (n instanceof YamlNode.Scalar s && s.kind() != YamlNode.ScalarKind.NULL) {
            return s;
        }
        problem(f.at(key), "expected " + expected + ", got " + n.describe());
        return null;
    }

    private String string(Fields f, String key, boolean required, String expected) {
        YamlNode.Scalar s = scalar(f, key, required, expected);
        if (s == null) {
            return null;
        }
        if (s.kind() != YamlNode.ScalarKind.STRING) {
            problem(f.at(key), "expected " + expected + ", got " + s.describe() + " (quote it if it is a name: '"
                    + s.text() + "')");
            return null;
        }
        return s.text();
    }

    /** A required name matching {@link #NAME}, unique among {@code taken} when given. */
    private String name(Fields f, String key, Set<String> taken) {
        String name = string(f, key, true, "a name (" + NAME_HINT + ")");
        if (name == null) {
            return null;
        }
        if (!NAME.matcher(name).matches()) {
            problem(f.at(key), "'" + name + "' is not a valid name; use " + NAME_HINT);
            return null;
        }
        if (taken != null && taken.contains(name)) {
            problem(f.at(key), "the name '" + name + "' is already used; names must be unique");
            return null;
        }
        return name;
    }

    private Long integer(Fields f, String key, boolean required, long min, long max) {
        YamlNode.Scalar s = scalar(f, key, required, "an integer");
        if (s == null) {
            return null;
        }
        if (s.kind() != YamlNode.ScalarKind.INTEGER) {
            problem(f.at(key), "expected an integer, got " + s.describe());
            return null;
        }
        BigInteger v;
        try {
            v = new BigInteger(s.text().replace("_", ""));
        } catch (NumberFormatException e) {
            problem(f.at(key), "expected a decimal integer, got '" + s.text() + "'");
            return null;
        }
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            boolean bounded = min != Long.MIN_VALUE && min != Integer.MIN_VALUE;
            String range = bounded && (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) ? "at least " + min
                    : "from " + min + " to " + max;
            problem(f.at(key), "expected an integer " + range + ", got " + v);
            return null;
        }
        return v.longValue();
    }

    private Double number(Fields f, String key, boolean required) {
        YamlNode.Scalar s = scalar(f, key, required, "a number");
        if (s == null) {
            return null;
        }
        if (!s.isNumber()) {
            problem(f.at(key), "expected a number, got " + s.describe());
            return null;
        }
        double v;
        try {
            v = Double.parseDouble(s.text().replace("_", ""));
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!Double.isFinite(v)) {
            problem(f.at(key), "expected a finite number, got " + s.text());
            return null;
        }
        return v;
    }

    private Boolean bool(Fields f, String key) {
        YamlNode.Scalar s = scalar(f, key, true, "true or false");
        if (s == null) {
            return null;
        }
        if (s.kind() != YamlNode.ScalarKind.BOOLEAN) {
            problem(f.at(key), "expected true or false, got " + s.describe());
            return null;
        }
        return Boolean.parseBoolean(s.text());
    }

    /** A quantity written with its unit; numbers are accepted only when {@code bare} says so. */
    private <T> T quantity(Fields f, String key, boolean required, String hint, Function<String, T> parse) {
        YamlNode.Scalar s = scalar(f, key, required, hint.replaceFirst("^expected ", ""));
        if (s == null) {
            return null;
        }
        if (s.kind() == YamlNode.ScalarKind.BOOLEAN) {
            problem(f.at(key), hint + "; got " + s.describe());
            return null;
        }
        try {
            return parse.apply(s.text());
        } catch (IllegalArgumentException e) {
            problem(f.at(key), e.getMessage());
            return null;
        }
    }

    private Long duration(Fields f, String key, boolean required) {
        return quantity(f, key, required, Quantities.DURATION_HINT, Quantities::parseDurationNs);
    }

    private Double rate(Fields f, String key, boolean required) {
        return quantity(f, key, required, Quantities.RATE_HINT, Quantities::parseRatePerSec);
    }

    private Long bytes(Fields f, String key) {
        return quantity(f, key, true, Quantities.BYTES_HINT, Quantities::parseBytes);
    }

    private Double price(Fields f, String key) {
        return quantity(f, key, false, Quantities.PRICE_HINT, Quantities::parsePricePerHour);
    }

    private <E> E choice(Fields f, String key, String what, Map<String, E> options) {
        String expected = "one of " + String.join(", ", options.keySet());
        YamlNode.Scalar s = scalar(f, key, true, expected);
        if (s == null) {
            return null;
        }
        E value = options.get(s.text());
        if (value == null) {
            String hint = Suggestions.didYouMean(s.text(), options.keySet());
            problem(f.at(key), "unknown " + what + " '" + s.text() + "'" + hint
                    + (hint.isEmpty() ? "; expected " : " Expected ") + expected);
        }
        return value;
    }

    private List<YamlNode> list(Fields f, String key, boolean nonEmpty, String expected) {
        YamlNode n = f.require(key, expected);
        if (n == null) {
            return null;
        }
        if (!(n instanceof YamlNode.Sequence seq)) {
            problem(f.at(key), "expected " + expected + ", got " + n.describe());
            return null;
        }
        if (nonEmpty && seq.items().isEmpty()) {
            problem(f.at(key), "expected " + expected + ", got an empty list");
            return null;
        }
        return seq.items();
    }

    /**
     * A reference by name to an earlier definition. Optional when exactly one is defined.
     * Returns null after a problem; an invalid definition with that name still resolves, so that
     * its own problem is not repeated here.
     */
    private <T> T reference(Fields f, String key, String what, Map<String, T> defined, String where) {
        if (!f.has(key)) {
            if (defined.size() == 1) {
                return defined.values().iterator().next();
            }
            if (defined.size() > 1) {
                missing(f, key, "one of " + String.join(", ", defined.keySet())
                        + "; it may be left out only when exactly one " + what + " exists");
            }
            return null;
        }
        String name = string(f, key, true, "the name of a " + what + " in " + where);
        if (name == null) {
            return null;
        }
        T target = defined.get(name);
        if (target == null) {
            String hint = Suggestions.didYouMean(name, defined.keySet());
            problem(f.at(key), "unknown " + what + " '" + name + "'" + hint
                    + (defined.isEmpty() ? "; no valid " + what + " is defined in " + where
                    : (hint.isEmpty() ? "; defined: " : " Defined: ") + String.join(", ", defined.keySet())));
        }
        return target;
    }

    private String unknownId(String what, String id, List<String> known) {
        List<String> sorted = known.stream().sorted().toList();
        String list = sorted.size() > MAX_KNOWN_LISTED
                ? String.join(", ", sorted.subList(0, MAX_KNOWN_LISTED)) + ", ... (" + sorted.size() + " in all)"
                : String.join(", ", sorted);
        String hint = Suggestions.didYouMean(id, known);
        return "unknown " + what + " '" + id + "'" + hint + (hint.isEmpty() ? "; known: " : " Known: ") + list;
    }

    /** The file a scenario names, resolved against the scenario's folder; null after a problem if it is missing. */
    private Path existingFile(String name, String path, String what) {
        Path p = resolve(name, path);
        if (p == null) {
            return null;
        }
        if (!Files.isRegularFile(p)) {
            problem(path, what + " '" + name + "' not found (looked for " + p + ")");
            return null;
        }
        return p;
    }

    private Path resolve(String name, String path) {
        try {
            return baseDir.resolve(name).normalize();
        } catch (InvalidPathException e) {
            problem(path, "'" + name + "' is not a valid path: " + e.getReason());
            return null;
        }
    }

    // ---------------------------------------------------------------- lines and problems

    private void recordLines(YamlNode node, String path) {
        lines.putIfAbsent(path, node.line());
        if (node instanceof YamlNode.Mapping m) {
            for (YamlNode.Entry e : m.entries().values()) {
                String p = child(path, e.key());
                lines.put(p, e.keyLine());
                recordLines(e.value(), p);
            }
        } else if (node instanceof YamlNode.Sequence s) {
            for (int i = 0; i < s.items().size(); i++) {
                recordLines(s.items().get(i), path + "[" + i + "]");
            }
        }
    }

    private void problem(String path, String message) {
        problems.add(source.problem(path, message));
    }

    private static String fmt(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static <E extends Enum<E>> Map<String, E> enumLabels(E[] values) {
        Map<String, E> m = new LinkedHashMap<>();
        for (E v : values) {
            m.put(v.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), v);
        }
        return m;
    }

    private static Map<String, String> linkedKeys(Set<String> keys) {
        Map<String, String> m = new LinkedHashMap<>();
        keys.forEach(k -> m.put(k, k));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static <E> Map<String, E> labels(E[] values, Function<E, String> label) {
        Map<String, E> m = new LinkedHashMap<>();
        for (E v : values) {
            m.put(label.apply(v), v);
        }
        return m;
    }

    private static <V> Map<String, V> linked(Object... kv) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (V) kv[i + 1]);
        }
        return m;
    }

}
