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
 * @param hostedApi       the hosted API the fleet is compared with (build versus buy); null when none
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
        SourceMap source,
        HostedApi hostedApi) {

    /** The seed of a scenario that gives none. */
    public static final long DEFAULT_SEED = 1;
    /** No warm-up: every request counts. */
    public static final long DEFAULT_WARMUP_NS = 0;
    /** Time-series samples every 10 s (in runs of up to {@link #DEFAULT_MAX_SAMPLES} of them). */
    public static final long DEFAULT_METRICS_INTERVAL_NS = 10_000_000_000L;
    /**
     * The most samples a run takes by default: past 11.6 days, 10 s would be millions of rows (a year
     * held 490 MB of them at one request an hour), more than a chart or a planner reads.
     */
    public static final long DEFAULT_MAX_SAMPLES = 100_000;
    /** The most samples a run may ask for: each is a row per deployment and per pool, held until the end. */
    public static final long MAX_SAMPLES = 1_000_000;
    /** The first node (or GPU) in pool order where it fits. */
    public static final PolicyChoice DEFAULT_PLACEMENT = PolicyChoice.of("first-fit");

    /** Every 10 s, or in a run too long for that, every whole number of minutes that keeps to {@link #DEFAULT_MAX_SAMPLES}. */
    public static long defaultMetricsIntervalNs(long durationNs) {
        if (durationNs / DEFAULT_METRICS_INTERVAL_NS <= DEFAULT_MAX_SAMPLES) {
            return DEFAULT_METRICS_INTERVAL_NS;
        }
        long minute = 60_000_000_000L;
        long needed = (durationNs + DEFAULT_MAX_SAMPLES - 1) / DEFAULT_MAX_SAMPLES;
        return (needed + minute - 1) / minute * minute;
    }

    public Scenario {
        pools = List.copyOf(pools);
        deployments = List.copyOf(deployments);
        workloads = List.copyOf(workloads);
        jobs = List.copyOf(jobs);
        catalogs = List.copyOf(catalogs);
    }
}
