package org.infersim.scenario.bind;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.infersim.catalog.GpuSpec;
import org.infersim.input.Fields;
import org.infersim.input.YamlNode;
import org.infersim.plugin.PolicyChoice;
import org.infersim.plugin.PolicyFamily;
import org.infersim.scenario.DurationSpec;
import org.infersim.scenario.GpuSharing;
import org.infersim.scenario.ImageCache;
import org.infersim.scenario.Pool;
import org.infersim.scenario.Pricing;
import org.infersim.scenario.Provisioning;
import org.infersim.scenario.ProvisioningMode;
import org.infersim.scenario.Scenario;
import org.infersim.scenario.bind.BindContext.PoolInfo;

/**
 * Binds {@code cluster:}: the placement policy and the GPU pools, with their size in nodes and
 * GPUs, price, GPU sharing, provisioning (static, dynamic, serverless) and image cache. Every
 * pool with a name, even an invalid one, goes into the context for the sections that use it.
 */
final class PoolBinder {
    private static final List<String> CLUSTER_KEYS = List.of("placement", "pools");
    private static final List<String> POOL_KEYS = List.of("name", "gpu", "count", "nodes", "gpusPerNode", "price",
            "imageCache", "pue", "pricing",
            "sharing", "provisioning", "minNodes", "maxNodes", "provisioningDelay", "scaleDownDelay");
    private static final List<String> SHARING_KEYS = List.of("contextSwitch", "mpsInterference");
    private static final Map<String, ProvisioningMode> PROVISIONING = Fields.choices(ProvisioningMode.values());
    private static final Map<String, ImageCache> IMAGE_CACHES = Fields.choices(ImageCache.values(), ImageCache::label);
    /** A bound on maxNodes that keeps GPU numbering within an int; far beyond any real node group. */
    private static final int MAX_NODES = 100_000;

    private final BindContext ctx;
    private PolicyChoice placement = Scenario.DEFAULT_PLACEMENT;

    /** A pool's size as written: its GPUs and GPUs per node, each null when unknown (after a problem). */
    private record Size(Long count, Long perNode) {}

    PoolBinder(BindContext ctx) {
        this.ctx = ctx;
    }

    /** The placement policy: first fit unless the cluster says otherwise; null after a problem. */
    PolicyChoice placement() {
        return placement;
    }

    /** The pools, or null after a problem. */
    List<Pool> bind(Fields scenario) {
        Fields cluster = ctx.in.fields(scenario.require("cluster", "a mapping with the GPU pools"), "cluster",
                "the cluster", CLUSTER_KEYS);
        if (cluster == null) {
            return null;
        }
        placement = ctx.policies.policy(cluster, "placement", PolicyFamily.PLACEMENT, Scenario.DEFAULT_PLACEMENT);
        List<YamlNode> items = cluster.list("pools", true, "a list of GPU pools");
        if (items == null) {
            return null;
        }
        return ctx.bindEach(items, "cluster.pools", "a pool", POOL_KEYS, (p, i) -> pool(p));
    }

    private Pool pool(Fields p) {
        String name = p.name("name", ctx.pools.keySet());
        String gpu = p.string("gpu", true, "a GPU id from the catalog");
        GpuSpec spec = null;
        if (gpu != null && ctx.catalog != null) {
            spec = ctx.catalog.gpu(gpu).orElse(null);
            if (spec == null) {
                p.problem("gpu", ctx.unknownId("GPU", gpu, ctx.catalog.gpus().stream().map(GpuSpec::id).toList()));
            }
            gpu = spec == null ? null : spec.id(); // the catalog's spelling
        }
        ProvisioningMode mode = p.has("provisioning")
                ? p.choice("provisioning", "provisioning mode", PROVISIONING) : ProvisioningMode.STATIC;
        Size size = size(p, mode);
        Long count = size.count();
        Double price = p.price("price");
        Double pue = p.has("pue") ? p.number("pue", true) : Double.valueOf(Pool.DEFAULT_PUE);
        if (pue != null && pue < 1) {
            p.problem("pue", "expected a power usage effectiveness of at least 1 (facility power over IT power), got "
                    + pue);
            pue = null;
        }
        GpuSharing sharing = sharing(p);
        Pricing pricing = mode == null ? null : PricingBinder.pricing(p, mode);
        Integer gpn = size.perNode() != null ? Integer.valueOf(size.perNode().intValue())
                : p.has("gpusPerNode") ? null
                : count != null && count > 0 ? Integer.valueOf((int) Math.min(count, Pool.DEFAULT_GPUS_PER_NODE))
                : count != null || mode != ProvisioningMode.STATIC ? Integer.valueOf(Pool.DEFAULT_GPUS_PER_NODE) : null;
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
        if (pricing instanceof Pricing.OnPrem && provisioning != null && !provisioning.isStatic()
                && provisioning.maxNodes() == Provisioning.UNLIMITED) {
            p.problem("pricing", "an owned pool has the servers it bought: give the dynamic pool's maxNodes");
            pricing = null;
        }
        ImageCache imageCache = p.has("imageCache") ? p.choice("imageCache", "image cache", IMAGE_CACHES)
                : provisioning == null ? null : ImageCache.defaultFor(provisioning.mode());
        Pool pool = null;
        if (name != null && gpu != null && c != null && gpn != null && (price != null || !p.has("price"))
                && pue != null && sharing != null && provisioning != null && imageCache != null && pricing != null) {
            pool = new Pool(name, gpu, c, gpn, price == null ? OptionalDouble.empty() : OptionalDouble.of(price),
                    sharing, provisioning, imageCache, pue, pricing);
        }
        if (name != null && !ctx.pools.containsKey(name)) {
            ctx.pools.put(name, new PoolInfo(name, maxGpus, gpn, spec, pool));
        }
        return pool;
    }

    /** count, nodes and gpusPerNode, which must agree with each other and make whole nodes. */
    private Size size(Fields p, ProvisioningMode mode) {
        boolean serverless = mode == ProvisioningMode.SERVERLESS;
        if (serverless) {
            for (String key : List.of("count", "nodes")) {
                if (p.has(key)) {
                    p.problem(key, "a serverless pool has no nodes of its own: capacity appears when a workload"
                            + " asks for it, and only the GPU time held is billed; remove " + key
                            + " (maxNodes caps it)");
                }
            }
        }
        // A static pool has at least one node; a dynamic one may start from none.
        long least = mode == ProvisioningMode.STATIC ? 1 : 0;
        Long count = serverless ? null : p.integer("count", false, least, Integer.MAX_VALUE);
        Long nodes = serverless ? null : p.integer("nodes", false, least, Integer.MAX_VALUE);
        Long perNode = p.integer("gpusPerNode", false, 1, Integer.MAX_VALUE);
        if (mode == ProvisioningMode.STATIC && !p.has("count") && !p.has("nodes")) {
            p.missing("count", "the number of GPUs, or give nodes and gpusPerNode");
        }
        if (nodes != null) {
            long per = perNode != null ? perNode : p.has("gpusPerNode") ? -1 : Pool.DEFAULT_GPUS_PER_NODE;
            long gpus = per < 0 ? -1 : nodes * per;
            if (gpus > Integer.MAX_VALUE) {
                p.problem("nodes", nodes + " nodes × " + per + " GPUs is more GPUs than infersim can hold");
            } else if (count != null && gpus >= 0 && count != gpus) {
                p.problem("count", count + " GPUs disagrees with nodes × gpusPerNode = " + nodes + " × " + per
                        + " = " + gpus + "; give one of count and nodes");
                count = null;
            } else if (gpus >= 0) {
                count = gpus;
                perNode = per;
            }
        } else if (perNode != null && count != null && count % perNode != 0) {
            p.problem("gpusPerNode", perNode + " GPUs per node does not divide the pool's " + count
                    + " GPUs (a pool is made of whole nodes)");
            perNode = null;
        }
        if (count != null && !p.has("gpusPerNode") && !p.has("nodes") && count > Pool.DEFAULT_GPUS_PER_NODE
                && count % Pool.DEFAULT_GPUS_PER_NODE != 0) {
            p.problem("count", count + " GPUs cannot be split into nodes of " + Pool.DEFAULT_GPUS_PER_NODE
                    + " (the default gpusPerNode); set gpusPerNode to a divisor of " + count);
            count = null;
        }
        return new Size(count, perNode);
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
        if (mode == ProvisioningMode.STATIC) {
            return staticProvisioning(p);
        }
        if (mode == ProvisioningMode.SERVERLESS) {
            return serverless(p);
        }
        boolean ok = true;
        Long min = p.has("minNodes") ? p.integer("minNodes", true, 0, MAX_NODES)
                : Long.valueOf(Provisioning.DEFAULT_MIN_NODES);
        Long max = p.has("maxNodes") ? p.integer("maxNodes", true, 1, MAX_NODES) : null;
        if (!p.has("maxNodes")) {
            p.missing("maxNodes", "the most nodes the cluster autoscaler may run in this pool, as its node group's"
                    + " max size");
        }
        if (min != null && max != null && min > max) {
            p.problem("minNodes", "minNodes " + min + " is above maxNodes " + max);
            min = null;
        }
        if (min != null && max != null && initialGpus != null && gpusPerNode != null) {
            long start = initialGpus / gpusPerNode;
            if (start < min || start > max) {
                String key = p.has("nodes") ? "nodes" : "count";
                p.problem(key, "the pool starts with " + start + (start == 1 ? " node" : " nodes")
                        + ", outside minNodes..maxNodes (" + min + ".." + max + ")");
                ok = false;
            }
        }
        DurationSpec delay = p.has("provisioningDelay") ? DistributionBinder.duration(p, "provisioningDelay")
                : Provisioning.DEFAULT_DELAY;
        Long scaleDown = p.has("scaleDownDelay") ? p.nonNegativeDuration("scaleDownDelay")
                : Long.valueOf(Provisioning.DEFAULT_SCALE_DOWN_DELAY_NS);
        if (!ok || sizeInvalid || min == null || max == null || delay == null || scaleDown == null) {
            return null;
        }
        return new Provisioning(ProvisioningMode.DYNAMIC, min.intValue(), max.intValue(), delay, scaleDown);
    }

    private static Provisioning staticProvisioning(Fields p) {
        boolean ok = true;
        for (String key : List.of("minNodes", "maxNodes", "provisioningDelay", "scaleDownDelay")) {
            if (p.has(key)) {
                p.problem(key, "'" + key + "' applies to a pool that grows and shrinks (provisioning: "
                        + (key.equals("maxNodes") ? "dynamic or serverless" : "dynamic") + "); this pool is static"
                        + " (a fixed count of nodes, paid always)");
                ok = false;
            }
        }
        return ok ? Provisioning.STATIC : null;
    }

    private static Provisioning serverless(Fields p) {
        boolean ok = true;
        Map<String, String> why = Fields.ordered(
                "minNodes", "a serverless pool keeps no idle nodes (idle capacity is not billed)",
                "provisioningDelay", "the serverless provider hides node start-up (a replica's own cold start"
                        + " still applies)",
                "scaleDownDelay", "a serverless pool lets capacity go as soon as no workload holds it");
        for (Map.Entry<String, String> e : why.entrySet()) {
            if (p.has(e.getKey())) {
                p.problem(e.getKey(), "'" + e.getKey() + "' does not apply to a serverless pool: " + e.getValue());
                ok = false;
            }
        }
        Long max = p.has("maxNodes") ? p.integer("maxNodes", true, 1, MAX_NODES) : Long.valueOf(Provisioning.UNLIMITED);
        return ok && max != null ? Provisioning.serverless(max.intValue()) : null;
    }

    /** A pool's GPU-sharing settings, every key optional. */
    private GpuSharing sharing(Fields p) {
        GpuSharing def = GpuSharing.DEFAULTS;
        if (!p.has("sharing")) {
            return def;
        }
        Fields f = p.child("sharing", "GPU-sharing settings", SHARING_KEYS);
        if (f == null) {
            return null;
        }
        Long contextSwitch = f.has("contextSwitch") ? f.nonNegativeDuration("contextSwitch")
                : Long.valueOf(def.contextSwitchNs());
        Double interference = f.has("mpsInterference") ? f.number("mpsInterference", true)
                : Double.valueOf(def.mpsInterference());
        if (interference != null && !(interference >= 0)) {
            f.problem("mpsInterference", "expected a slowdown of at least 0 per unit of neighbour share, got "
                    + Fields.format(interference));
            interference = null;
        }
        return contextSwitch == null || interference == null ? null : new GpuSharing(contextSwitch, interference);
    }
}
