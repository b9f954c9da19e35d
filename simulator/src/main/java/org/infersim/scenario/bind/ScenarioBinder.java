package org.infersim.scenario.bind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.infersim.catalog.Catalog;
import org.infersim.catalog.ModelSpec;
import org.infersim.input.Fields;
import org.infersim.input.InputFile;
import org.infersim.input.Problem;
import org.infersim.input.Quantities;
import org.infersim.input.SourceMap;
import org.infersim.input.YamlNode;
import org.infersim.plugin.Policies;
import org.infersim.plugin.PolicyChoice;
import org.infersim.scenario.Deployment;
import org.infersim.scenario.HostedApi;
import org.infersim.scenario.Job;
import org.infersim.scenario.Pool;
import org.infersim.scenario.Scenario;
import org.infersim.scenario.ScenarioCheck;
import org.infersim.scenario.Workload;

/**
 * Binds a {@link YamlNode} tree to the scenario records, collecting every problem (with its
 * file, line and path) instead of stopping at the first. This class reads the root keys and
 * hands each section to its binder, in the order they refer to each other: pools
 * ({@link PoolBinder}), deployments and their autoscalers ({@link DeploymentBinder}), workloads
 * ({@link WorkloadBinder}), jobs ({@link JobBinder}). Semantic checks that need the catalog (ids
 * exist, tensor parallelism divides the heads and fits a node) are made there; checks that need
 * the physics (memory fit) run later as {@link ScenarioCheck}s.
 */
public final class ScenarioBinder {
    private static final List<String> ROOT_KEYS = List.of("name", "seed", "duration", "warmup", "metricsInterval",
            "catalogs", "cluster", "deployments", "workloads", "jobs", "hostedApi");
    private static final List<String> API_KEYS = List.of("name", "input", "output", "priceDate");
    private static final String PER_MILLION_HINT = "expected dollars per million tokens such as $0.90/M";

    private final YamlNode root;
    private final InputFile in;
    private final PolicyBinder policies;
    private List<ModelSpec> modelsFromConfigs = List.of();

    /** {@code policies}: the policies the scenario may name, family by family. */
    ScenarioBinder(String file, Path baseDir, YamlNode root, List<Problem> problems, Policies policies) {
        this.root = root;
        this.in = new InputFile(file, baseDir, root, problems);
        this.policies = new PolicyBinder(in, policies);
    }

    SourceMap source() {
        return in.source();
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
            in.problem("catalogs", "expected a list of catalog directories, relative to this file, got " + node.describe());
            return dirs;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            String path = "catalogs[" + i + "]";
            YamlNode item = seq.items().get(i);
            if (!(item instanceof YamlNode.Scalar s) || s.kind() != YamlNode.ScalarKind.STRING) {
                in.problem(path, "expected a directory name, got " + item.describe());
                continue;
            }
            Path dir = in.resolve(s.text(), path);
            if (dir == null) {
                continue;
            }
            if (!Files.isDirectory(dir)) {
                in.problem(path, "catalog directory '" + s.text() + "' not found (looked for " + dir + ")");
                continue;
            }
            dirs.add(dir);
        }
        return dirs;
    }

    // ---------------------------------------------------------------- phase 2: the scenario

    /** The models the deployments read from config.json files (after {@link #bind}). */
    List<ModelSpec> modelsFromConfigs() {
        return modelsFromConfigs;
    }

    /** The shortest interval that keeps a run of this duration to {@link Scenario#MAX_SAMPLES}, rounded up to its unit. */
    private static long shortestInterval(long durationNs) {
        long needed = (durationNs + Scenario.MAX_SAMPLES - 1) / Scenario.MAX_SAMPLES;
        long unit = 1;
        for (long u : new long[] {1_000L, 1_000_000L, 1_000_000_000L}) {
            if (needed >= u) {
                unit = u;
            }
        }
        return (needed + unit - 1) / unit * unit;
    }

    /** The bound scenario, or null when it could not be built (the problems say why). */
    Scenario bind(Catalog catalog, List<Path> catalogDirs, Path scenarioFile) {
        Fields f = in.fields(root, "", "a scenario", ROOT_KEYS);
        if (f == null) {
            return null;
        }
        String name = f.name("name", null);
        Long seed = f.integer("seed", false, Long.MIN_VALUE, Long.MAX_VALUE);
        Long duration = f.duration("duration", true);
        Long warmup = f.duration("warmup", false);
        Long interval = f.duration("metricsInterval", false);
        if (duration != null && duration <= 0) {
            f.problem("duration", "the duration must be longer than 0");
        }
        if (warmup != null && duration != null && duration > 0 && warmup >= duration) {
            f.problem("warmup", "the warm-up (" + Quantities.formatDuration(warmup)
                    + ") must be shorter than the duration (" + Quantities.formatDuration(duration) + ")");
        }
        if (interval != null && interval <= 0) {
            f.problem("metricsInterval", "the metrics interval must be longer than 0");
        } else if (interval != null && duration != null && duration > 0 && duration / interval > Scenario.MAX_SAMPLES) {
            f.problem("metricsInterval", "a sample every " + Quantities.formatDuration(interval) + " over "
                    + Quantities.formatDuration(duration) + " is " + String.format(Locale.ROOT, "%,d", duration / interval)
                    + " samples, more than the " + String.format(Locale.ROOT, "%,d", Scenario.MAX_SAMPLES)
                    + " a run keeps (each is a row per deployment and pool, held in memory); the shortest interval"
                    + " that works here is " + Quantities.formatDuration(shortestInterval(duration)));
        }

        BindContext ctx = new BindContext(in, catalog, duration != null && duration > 0 ? duration : null, policies);
        PoolBinder pools = new PoolBinder(ctx);
        List<Pool> poolList = pools.bind(f);
        DeploymentBinder deployments = new DeploymentBinder(ctx);
        List<Deployment> deploymentList = deployments.bind(f);
        modelsFromConfigs = deployments.modelsFromConfigs();
        List<Workload> workloadList = new WorkloadBinder(ctx).bind(f);
        List<Job> jobList = new JobBinder(ctx).bind(f);

        PolicyChoice placement = pools.placement();
        HostedApi api = f.has("hostedApi") ? hostedApi(f) : null;
        if (f.has("hostedApi") && api == null) {
            return null;
        }
        if (name == null || duration == null || poolList == null || placement == null || deploymentList == null
                || workloadList == null || jobList == null) {
            return null;
        }
        return new Scenario(name, seed == null ? Scenario.DEFAULT_SEED : seed, duration,
                warmup == null ? Scenario.DEFAULT_WARMUP_NS : warmup,
                interval == null ? Scenario.defaultMetricsIntervalNs(duration) : interval, poolList, placement,
                deploymentList, workloadList, jobList, catalogDirs, scenarioFile, in.source(), api);
    }

    /** The hosted API to compare with: its prices per million input and output tokens; null after a problem. */
    private static HostedApi hostedApi(Fields f) {
        Fields a = f.child("hostedApi", "a hosted API's prices, such as {name: ..., input: $0.90/M, output: $0.90/M}",
                API_KEYS);
        if (a == null) {
            return null;
        }
        String name = a.has("name") ? a.string("name", true, "a label for the API") : "hosted API";
        Double input = perMillion(a, "input");
        Double output = perMillion(a, "output");
        String date = a.has("priceDate") ? a.string("priceDate", true, "when the prices were read, such as 2024-10") : "";
        return name == null || input == null || output == null || date == null ? null
                : new HostedApi(name, input, output, date);
    }

    private static Double perMillion(Fields a, String key) {
        var v = a.quantity(key, true, PER_MILLION_HINT,
                t -> Quantities.parseDollarsPer(t, List.of("M", "Mtok", "M tokens"), PER_MILLION_HINT));
        return v == null ? null : v.getKey();
    }
}
