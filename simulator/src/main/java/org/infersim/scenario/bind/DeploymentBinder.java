package org.infersim.scenario.bind;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.infersim.catalog.ModelSpec;
import org.infersim.input.Fields;
import org.infersim.input.Suggestions;
import org.infersim.input.YamlNode;
import org.infersim.plugin.PolicyChoice;
import org.infersim.plugin.PolicyFamily;
import org.infersim.scenario.AutoscalerConfig;
import org.infersim.scenario.ColdStartConfig;
import org.infersim.scenario.Deployment;
import org.infersim.scenario.EngineConfig;
import org.infersim.scenario.GpuShare;
import org.infersim.scenario.NumericFormat;
import org.infersim.scenario.Precision;
import org.infersim.scenario.PriorityClass;
import org.infersim.scenario.StorageTier;
import org.infersim.scenario.bind.BindContext.DeploymentInfo;
import org.infersim.scenario.bind.BindContext.PoolInfo;

/**
 * Binds {@code deployments:}: each model on its pools, with its precision, tensor parallelism
 * (which must divide the model's heads and fit a node), replicas, GPU share, engine settings,
 * router, cold start and autoscaler (bound by {@link AutoscalerBinder}). Every default is the
 * record's own ({@link EngineConfig#defaults()}, {@link ColdStartConfig}, {@link Deployment}).
 */
final class DeploymentBinder {
    private static final List<String> DEPLOYMENT_KEYS = List.of("name", "model", "pool", "pools", "precision",
            "tensorParallel", "replicas", "gpuShare", "priority", "startAt", "engine", "router", "autoscaler", "coldStart",
            "drainTimeout", "stepTime");
    private static final List<String> PRECISION_KEYS = List.of("weights", "kvCache");
    private static final List<String> ENGINE_KEYS = List.of("blockSize", "gpuMemoryUtilization", "maxNumSeqs",
            "maxNumBatchedTokens", "chunkedPrefill", "scheduling", "preemption", "swapSpace", "maxModelLen",
            "prefixCaching", "cpuOffload", "requestOverhead");
    private static final List<String> COLD_START_KEYS = List.of("image", "registryBandwidth", "storage",
            "storageBandwidth", "engineInit", "firstIteration");
    private static final Map<String, List<String>> SHARE_KEYS = Fields.ordered(
            "time-slicing", List.of("mode", "fraction"),
            "mps", List.of("mode", "fraction", "compute"),
            "mig", List.of("mode", "profile"));
    private static final Map<String, NumericFormat> WEIGHT_FORMATS = Fields.choices(NumericFormat.values());
    private static final Map<String, NumericFormat> KV_FORMATS = Fields.ordered(
            "bf16", NumericFormat.BF16, "fp16", NumericFormat.FP16, "fp8", NumericFormat.FP8);
    private static final Map<String, StorageTier> STORAGE_TIERS = Fields.choices(StorageTier.values(), StorageTier::label);
    private static final List<Integer> BLOCK_SIZES = List.of(8, 16, 32);

    private final BindContext ctx;
    private final AutoscalerBinder autoscalers;
    private final ModelBinder models;

    DeploymentBinder(BindContext ctx) {
        this.ctx = ctx;
        this.autoscalers = new AutoscalerBinder(ctx);
        this.models = new ModelBinder(ctx);
    }

    /** The models the deployments read from config.json files, for the catalog the run is built from. */
    List<ModelSpec> modelsFromConfigs() {
        return models.fromConfigs();
    }

    /** The deployments, or null after a problem. */
    List<Deployment> bind(Fields scenario) {
        List<YamlNode> items = scenario.list("deployments", true, "a list of deployments, each a model served on a pool");
        if (items == null) {
            return null;
        }
        return ctx.bindEach(items, "deployments", "a deployment", DEPLOYMENT_KEYS, this::deployment);
    }

    private Deployment deployment(Fields d, int index) {
        String name = d.name("name", ctx.deployments.keySet());
        ModelSpec model = models.model(d);
        String modelId = model == null ? null : model.id(); // the catalog's spelling
        List<PoolInfo> allowed = ctx.poolList(d);
        Precision precision = precision(d);
        Integer tp = tensorParallel(d, model, allowed);
        Long replicas = d.integer("replicas", false, d.has("autoscaler") ? 0 : 1, Integer.MAX_VALUE);
        GpuShare share = d.has("gpuShare") ? gpuShare(d, allowed) : null;
        boolean shareOk = share != null || !d.has("gpuShare");
        if (share != null && tp != null && tp > 1) {
            d.problem("gpuShare", "a replica with a GPU share runs on one GPU, but tensorParallel is " + tp
                    + "; remove one of them");
            shareOk = false;
        }
        Integer priority = ctx.priority(d, PriorityClass.INFERENCE);
        Long startAt = ctx.startTime(d, "startAt");
        EngineConfig engine = engine(d, model);
        PolicyChoice router = ctx.policies.policy(d, "router", PolicyFamily.ROUTING, Deployment.DEFAULT_ROUTER);
        PolicyChoice stepTime = ctx.policies.policy(d, "stepTime", PolicyFamily.STEP_TIME, Deployment.DEFAULT_STEP_TIME);
        AutoscalerConfig autoscaler = d.has("autoscaler") ? autoscalers.autoscaler(d, replicas) : null;
        boolean autoscalerOk = autoscaler != null || !d.has("autoscaler");
        Integer replicaValue = replicas == null ? (d.has("replicas") ? null
                : Integer.valueOf(autoscaler == null ? Deployment.DEFAULT_REPLICAS
                        : Math.min(autoscaler.max(), Math.max(autoscaler.min(), 1))))
                : Integer.valueOf(replicas.intValue());
        ColdStartConfig coldStart = d.has("coldStart") ? coldStart(d) : ColdStartConfig.DEFAULTS;
        Long drainTimeout = d.has("drainTimeout") ? d.duration("drainTimeout", true)
                : Long.valueOf(Deployment.DEFAULT_DRAIN_TIMEOUT_NS);
        // With maxModelLen: auto the length is known only once memory is planned: the model's context bounds it.
        int maxLen = engine != null && engine.maxModelLen().isPresent() && !engine.autoMaxModelLen()
                ? engine.maxModelLen().getAsInt() : model != null ? model.maxContext() : Integer.MAX_VALUE;
        if (name != null && !ctx.deployments.containsKey(name)) {
            ctx.deployments.put(name, info(name, index, maxLen, engine, allowed));
        }
        if (name == null || modelId == null || allowed == null
                || precision == null || tp == null || replicaValue == null || engine == null || router == null
                || !shareOk || priority == null || startAt == null || !autoscalerOk || coldStart == null
                || drainTimeout == null || stepTime == null) {
            return null;
        }
        return new Deployment(name, modelId, allowed.stream().map(PoolInfo::name).toList(), precision, tp,
                replicaValue, engine, router, share, priority, startAt, autoscaler, coldStart, drainTimeout, stepTime);
    }

    /** The tensor-parallel degree (the deployment's default when absent); null after a problem. */
    private static Integer tensorParallel(Fields d, ModelSpec model, List<PoolInfo> pools) {
        Long tp = d.integer("tensorParallel", false, 1, Integer.MAX_VALUE);
        if (tp != null && model != null) {
            String tpProblem = tensorParallelProblem(tp.intValue(), model, pools);
            if (tpProblem != null) {
                d.problem("tensorParallel", tpProblem);
                tp = null;
            }
        } else if (tp != null && Long.bitCount(tp) != 1) {
            d.problem("tensorParallel", tp + " is not a power of two (1, 2, 4, 8, ...)");
            tp = null;
        }
        return tp == null ? (d.has("tensorParallel") ? null : Integer.valueOf(Deployment.DEFAULT_TENSOR_PARALLEL))
                : Integer.valueOf(tp.intValue());
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
        if (node instanceof YamlNode.Mapping) {
            Fields p = d.child("precision", "a precision", PRECISION_KEYS);
            NumericFormat weights = p.has("weights") ? p.choice("weights", "weight format", WEIGHT_FORMATS) : null;
            if (!p.has("weights")) {
                p.missing("weights", "one of " + String.join(", ", WEIGHT_FORMATS.keySet()));
            }
            NumericFormat kv = p.has("kvCache") ? p.choice("kvCache", "KV-cache format", KV_FORMATS)
                    : weights == null ? null : Precision.defaultKvCache(weights);
            return weights == null || kv == null ? null : new Precision(weights, kv);
        }
        NumericFormat weights = d.choice("precision", "precision", WEIGHT_FORMATS);
        return weights == null ? null : new Precision(weights, Precision.defaultKvCache(weights));
    }

    /** {@code engine:}, every key defaulting to {@link EngineConfig#defaults()}; null after a problem. */
    private EngineConfig engine(Fields d, ModelSpec model) {
        EngineConfig def = EngineConfig.defaults();
        if (!d.has("engine")) {
            return def;
        }
        Fields e = d.child("engine", "engine settings", ENGINE_KEYS);
        if (e == null) {
            return null;
        }
        boolean ok = true;
        Integer blockSize = e.has("blockSize") ? blockSize(e) : Integer.valueOf(def.blockSize());
        Double util = e.has("gpuMemoryUtilization") ? e.number("gpuMemoryUtilization", true)
                : Double.valueOf(def.gpuMemoryUtilization());
        if (util != null && !(util > 0 && util <= 1)) {
            e.problem("gpuMemoryUtilization", "expected a fraction in (0, 1], got " + Fields.format(util));
            util = null;
        }
        OptionalInt maxSeqs = optionalInt(e, "maxNumSeqs", def.maxNumSeqs());
        OptionalInt maxTokens = optionalInt(e, "maxNumBatchedTokens", def.maxNumBatchedTokens());
        ok &= maxSeqs != null && maxTokens != null;
        Boolean chunked = e.has("chunkedPrefill") ? e.bool("chunkedPrefill") : Boolean.valueOf(def.chunkedPrefill());
        Boolean prefixCaching = e.has("prefixCaching") ? e.bool("prefixCaching") : Boolean.valueOf(def.prefixCaching());
        PolicyChoice scheduling = ctx.policies.policy(e, "scheduling", PolicyFamily.BATCH_SCHEDULING, def.scheduling());
        PolicyChoice preemption = ctx.policies.policy(e, "preemption", PolicyFamily.KV_PREEMPTION, def.preemption());
        Long swap = e.has("swapSpace") ? e.bytes("swapSpace") : Long.valueOf(def.swapSpaceBytes());
        OptionalInt maxLen = maxModelLen(e, def.maxModelLen());
        if (maxLen != null && maxLen.isPresent() && model != null && maxLen.getAsInt() > model.maxContext()) {
            e.problem("maxModelLen", maxLen.getAsInt() + " exceeds the " + model.maxContext() + "-token context of "
                    + model.id());
            maxLen = null;
        }
        ok &= maxLen != null;
        Long offload = e.has("cpuOffload") ? e.bytes("cpuOffload") : Long.valueOf(0);
        OptionalLong requestOverhead = OptionalLong.empty();
        if (e.has("requestOverhead")) {
            Long ns = e.nonNegativeDuration("requestOverhead");
            ok &= ns != null;
            requestOverhead = ns == null ? requestOverhead : OptionalLong.of(ns);
        }
        if (!ok || offload == null || blockSize == null || util == null || chunked == null || scheduling == null || preemption == null
                || swap == null || prefixCaching == null) {
            return null;
        }
        return new EngineConfig(blockSize, util, maxSeqs, maxTokens, chunked, scheduling, preemption, swap, maxLen,
                prefixCaching, offload, requestOverhead);
    }

    /**
     * What a workload's prompts must stay below. Without chunked prefill vLLM refuses to start
     * when max_num_batched_tokens is below max_model_len, as a whole prompt must fit one
     * iteration; here the deployment starts and takes the smaller of the two. Where the budget is
     * the GPU's default, the largest over the deployment's pools counts, so that only a prompt no
     * pool could take is refused.
     */
    private static DeploymentInfo info(String name, int index, int maxLen, EngineConfig engine, List<PoolInfo> allowed) {
        if (engine == null || engine.chunkedPrefill()) {
            return new DeploymentInfo(name, index, maxLen);
        }
        int budget = engine.maxNumBatchedTokens().orElse(allowed == null ? Integer.MAX_VALUE
                : allowed.stream().filter(p -> p.gpu() != null)
                        .mapToInt(p -> p.gpu().batchDefaultsFor(p.gpu().memoryBytes()).maxNumBatchedTokens())
                        .max().orElse(Integer.MAX_VALUE));
        if (budget >= maxLen) {
            return new DeploymentInfo(name, index, maxLen);
        }
        return new DeploymentInfo(name, index, maxLen, budget, "max batched tokens " + budget
                + " (with chunkedPrefill: false a whole prompt must fit one iteration)");
    }

    /** An optional count of at least 1, the default when absent; null after a problem. */
    /** A positive token count, or {@code auto} (vLLM's {@code --max-model-len auto}): the longest that fits. */
    private static OptionalInt maxModelLen(Fields e, OptionalInt absent) {
        YamlNode n = e.node("maxModelLen");
        if (n instanceof YamlNode.Scalar s && s.kind() == YamlNode.ScalarKind.STRING) {
            if (s.text().equals("auto")) {
                return OptionalInt.of(EngineConfig.MAX_MODEL_LEN_AUTO);
            }
            e.problem("maxModelLen", "expected a number of tokens, or auto (the longest the KV cache holds), got '"
                    + s.text() + "'");
            return null;
        }
        return optionalInt(e, "maxModelLen", absent);
    }

    private static OptionalInt optionalInt(Fields e, String key, OptionalInt absent) {
        Long v = e.integer(key, false, 1, Integer.MAX_VALUE);
        if (!e.has(key)) {
            return absent;
        }
        return v == null ? null : OptionalInt.of(v.intValue());
    }

    private static Integer blockSize(Fields e) {
        Long v = e.integer("blockSize", true, Long.MIN_VALUE, Long.MAX_VALUE);
        if (v == null) {
            return null;
        }
        if (!BLOCK_SIZES.contains(v.intValue()) || v != v.intValue()) {
            e.problem("blockSize", "expected 8, 16 or 32 tokens per KV block, got " + v);
            return null;
        }
        return v.intValue();
    }

    /** What part of one GPU a replica asks for; null after a problem. */
    private static GpuShare gpuShare(Fields d, List<PoolInfo> pools) {
        Fields f = d.typedChild("gpuShare", "a GPU share such as {mode: time-slicing, fraction: 0.25}", "GPU share",
                "mode", SHARE_KEYS);
        if (f == null) {
            return null;
        }
        switch (f.type()) {
            case "time-slicing": {
                Double fraction = f.fraction("fraction", true, "of the GPU's memory");
                return fraction == null ? null : new GpuShare.TimeSlicing(fraction);
            }
            case "mps": {
                Double fraction = f.fraction("fraction", true, "of the GPU's memory");
                Double compute = f.has("compute") ? f.fraction("compute", true, "of the GPU's SMs") : fraction;
                return fraction == null || compute == null ? null : new GpuShare.Mps(fraction, compute);
            }
            case "mig": {
                String profile = f.string("profile", true, "a MIG profile such as 1g.20gb");
                return profile == null || !migProfileFits(f, profile, pools) ? null : new GpuShare.Mig(profile);
            }
            default:
                throw new IllegalStateException(f.type());
        }
    }

    /** Whether every pool's GPU has the MIG profile; a problem says which does not. */
    private static boolean migProfileFits(Fields f, String profile, List<PoolInfo> pools) {
        for (PoolInfo pool : pools == null ? List.<PoolInfo>of() : pools) {
            if (pool.gpu() == null) {
                continue;
            }
            List<String> names = pool.gpu().migProfiles().stream().map(m -> m.name()).toList();
            if (names.isEmpty()) {
                f.problem("profile", pool.gpu().id() + " (pool '" + pool.name() + "') does not support MIG;"
                        + " use time-slicing or mps, or a pool of a MIG-capable GPU");
                return false;
            }
            if (!names.contains(profile)) {
                String hint = Suggestions.didYouMean(profile, names);
                f.problem("profile", "unknown MIG profile '" + profile + "' for " + pool.gpu().id() + " (pool '"
                        + pool.name() + "')" + hint + (hint.isEmpty() ? "; its profiles: " : " Its profiles: ")
                        + String.join(", ", names));
                return false;
            }
        }
        return true;
    }

    /** {@code coldStart: {image, registryBandwidth, storage, storageBandwidth, engineInit, firstIteration}}. */
    private static ColdStartConfig coldStart(Fields d) {
        ColdStartConfig def = ColdStartConfig.DEFAULTS;
        Fields c = d.child("coldStart", "cold-start settings", COLD_START_KEYS);
        if (c == null) {
            return null;
        }
        Long image = c.has("image") ? c.bytes("image") : Long.valueOf((long) def.imageBytes());
        Double registry = c.has("registryBandwidth") ? c.bandwidth("registryBandwidth")
                : Double.valueOf(def.registryBytesPerSec());
        StorageTier tier = c.has("storage") ? c.choice("storage", "storage tier", STORAGE_TIERS)
                : ColdStartConfig.DEFAULT_STORAGE;
        Double storage = c.has("storageBandwidth") ? c.bandwidth("storageBandwidth")
                : tier == null ? null : Double.valueOf(tier.bytesPerSec());
        Long init = c.has("engineInit") ? c.duration("engineInit", true) : Long.valueOf(def.engineInitNs());
        Long first = c.has("firstIteration") ? c.duration("firstIteration", true)
                : Long.valueOf(def.firstIterationPenaltyNs());
        if (image == null || registry == null || storage == null || init == null || first == null) {
            return null;
        }
        return new ColdStartConfig(image, registry, storage, init, first);
    }
}
