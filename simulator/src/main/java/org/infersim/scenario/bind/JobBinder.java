package org.infersim.scenario.bind;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.infersim.input.Fields;
import org.infersim.input.YamlNode;
import org.infersim.scenario.Job;
import org.infersim.scenario.JobType;
import org.infersim.scenario.PriorityClass;
import org.infersim.scenario.bind.BindContext.PoolInfo;

/**
 * Binds {@code jobs:}: training and build jobs that hold whole GPUs beside the deployments, with
 * their pools, size (which must fit a node or be whole nodes), work, priority, preemption,
 * checkpoints, restart cost, grace period, submit time and copies.
 */
final class JobBinder {
    private static final List<String> JOB_KEYS = List.of("name", "type", "pool", "pools", "gpus", "duration", "priority",
            "preemptible", "checkpointInterval", "restartCost", "gracePeriod", "submitAt", "count");
    private static final Map<String, JobType> JOB_TYPES = Fields.choices(JobType.values());
    private static final int MAX_COUNT = 10_000;

    private final BindContext ctx;

    JobBinder(BindContext ctx) {
        this.ctx = ctx;
    }

    /** The jobs (none when the scenario has no {@code jobs:}), or null after a problem. */
    List<Job> bind(Fields scenario) {
        if (!scenario.has("jobs")) {
            return List.of();
        }
        List<YamlNode> items = scenario.list("jobs", false, "a list of training and build jobs");
        if (items == null) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>(ctx.deployments.keySet());
        return ctx.bindEach(items, "jobs", "a job", JOB_KEYS, (j, i) -> job(j, names));
    }

    private Job job(Fields j, Set<String> names) {
        String name = j.name("name", names);
        if (name != null) {
            names.add(name);
        }
        JobType type = j.has("type") ? j.choice("type", "job type", JOB_TYPES) : null;
        if (!j.has("type")) {
            j.missing("type", String.join(" | ", JOB_TYPES.keySet()));
        }
        List<PoolInfo> allowed = ctx.poolList(j);
        Long gpus = j.integer("gpus", true, 1, Integer.MAX_VALUE);
        if (gpus != null && allowed != null) {
            for (PoolInfo pool : allowed) {
                String problem = fitProblem(gpus, pool);
                if (problem != null) {
                    j.problem("gpus", problem);
                    gpus = null;
                    break;
                }
            }
        }
        Long work = j.duration("duration", true);
        if (work != null && work <= 0) {
            j.problem("duration", "expected how long the job runs uninterrupted, longer than 0");
            work = null;
        }
        Integer priority = type == null ? null : ctx.priority(j, type.defaultPriority());
        Boolean preemptible = j.has("preemptible") ? j.bool("preemptible")
                : priority == null ? null : Boolean.valueOf(PriorityClass.preemptibleByDefault(priority));
        Long checkpoint = j.has("checkpointInterval") ? j.positiveDuration("checkpointInterval")
                : Long.valueOf(Job.DEFAULT_CHECKPOINT_INTERVAL_NS);
        Long restart = j.has("restartCost") ? j.nonNegativeDuration("restartCost")
                : Long.valueOf(Job.DEFAULT_RESTART_COST_NS);
        Long grace = j.has("gracePeriod") ? j.nonNegativeDuration("gracePeriod")
                : Long.valueOf(Job.DEFAULT_GRACE_PERIOD_NS);
        Long submitAt = ctx.startTime(j, "submitAt");
        Long count = j.has("count") ? j.integer("count", true, 1, MAX_COUNT) : Long.valueOf(Job.DEFAULT_COUNT);
        if (name == null || type == null || allowed == null || gpus == null || work == null || priority == null
                || preemptible == null || checkpoint == null || restart == null || grace == null || submitAt == null
                || count == null) {
            return null;
        }
        return new Job(name, type, allowed.stream().map(PoolInfo::name).toList(), gpus.intValue(), work, priority,
                preemptible, checkpoint, restart, grace, submitAt, count.intValue());
    }

    /** Why a job of this many GPUs can never run on the pool, or null when it can. */
    private static String fitProblem(long gpus, PoolInfo pool) {
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
}
