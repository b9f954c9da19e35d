package org.infersim.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The published result of one run: what {@code summary.json} holds ({@code energy} is null in summaries written before it). */
public record RunSummary(
        String scenario,
        long seed,
        double durationS,
        double warmupS,
        double measuredS,
        RequestCounts requests,
        StreamSummary overall,
        List<StreamSummary> streams,
        List<ReplicaSummary> replicas,
        List<PoolSummary> pools,
        CostSummary cost,
        List<DeploymentSummary> deployments,
        List<GpuSummary> gpus,
        List<JobSummary> jobs,
        List<PriorityClassSummary> priorityClasses,
        @JsonInclude(JsonInclude.Include.NON_NULL) EnergySummary energy,
        @JsonInclude(JsonInclude.Include.NON_NULL) FleetCostSummary fleet,
        @JsonInclude(JsonInclude.Include.NON_NULL) BuildVsBuySummary buildVsBuy) {

    public RunSummary {
        streams = List.copyOf(streams);
        replicas = List.copyOf(replicas);
        pools = List.copyOf(pools);
        // Summaries written before a list existed read back with it empty.
        deployments = deployments == null ? List.of() : List.copyOf(deployments);
        gpus = gpus == null ? List.of() : List.copyOf(gpus);
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
        priorityClasses = priorityClasses == null ? List.of() : List.copyOf(priorityClasses);
    }
}
