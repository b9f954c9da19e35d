package org.infersim.scenario;

import java.nio.file.Path;
import java.util.List;
import org.infersim.input.SourceMap;
import org.infersim.plugin.PolicyChoice;

/**
 * A validated scenario: what to simulate, for how long, on which hardware, under which traffic.
 * Times are in nanoseconds of simulated time.
 *
 * @param file            the file it was read from (for messages), or null when built in code
 * @param catalogs        extra catalog directories named by the scenario, resolved against its folder
 * @param placement       how the cluster scheduler chooses among the GPUs where a workload fits
 * @param jobs            training and build jobs that hold GPUs beside the deployments
 * @param source          where each path of the scenario was written, for semantic validation messages
 */
public record Scenario(
        String name,
        long seed,
        long durationNs,
        long warmupNs,
        long metricsIntervalNs,
        List<Pool> pools,
        PolicyChoice placement,
        List<Deployment> deployments,
        List<Workload> workloads,
        List<Job> jobs,
        List<Path> catalogs,
        Path file,
        SourceMap source) {

    /** The seed of a scenario that gives none. */
    public static final long DEFAULT_SEED = 1;
    /** No warm-up: every request counts. */
    public static final long DEFAULT_WARMUP_NS = 0;
    /** Time-series samples every 10 s. */
    public static final long DEFAULT_METRICS_INTERVAL_NS = 10_000_000_000L;
    /** The first node (or GPU) in pool order where it fits. */
    public static final PolicyChoice DEFAULT_PLACEMENT = PolicyChoice.of("first-fit");

    public Scenario {
        pools = List.copyOf(pools);
        deployments = List.copyOf(deployments);
        workloads = List.copyOf(workloads);
        jobs = List.copyOf(jobs);
        catalogs = List.copyOf(catalogs);
    }
}
