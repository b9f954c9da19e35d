package org.infersim.model.deployment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.infersim.catalog.Catalog;
import org.infersim.catalog.GpuSpec;
import org.infersim.catalog.ModelSpec;
import org.infersim.input.Problem;
import org.infersim.plugin.Policies;
import org.infersim.scenario.Deployment;
import org.infersim.scenario.GpuShare;
import org.infersim.scenario.Pool;
import org.infersim.scenario.Scenario;
import org.infersim.scenario.ScenarioCheck;

/**
 * Fails a deployment whose model does not fit its GPUs, or its share of one: the weights, the
 * runtime reserve and the activation peak must leave room for a KV cache of at least one
 * full-length sequence. A fraction's memory is partitioned and enforced (Run:ai), so a replica
 * that needs more than its share is refused here rather than left to run out of memory.
 */
public final class MemoryFitCheck implements ScenarioCheck {
    private final Policies policies;

    /** @param policies those the scenarios it checks were validated against */
    public MemoryFitCheck(Policies policies) {
        this.policies = policies;
    }

    @Override
    public List<Problem> check(Scenario scenario, Catalog catalog) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < scenario.deployments().size(); i++) {
            Deployment d = scenario.deployments().get(i);
            ModelSpec model = catalog.model(d.model()).orElse(null);
            // Each GPU type it may land on once; a replica must fit wherever the scheduler puts it.
            Set<String> checked = new LinkedHashSet<>();
            for (String poolName : d.pools()) {
                Pool pool = scenario.pools().stream().filter(p -> p.name().equals(poolName)).findFirst().orElse(null);
                GpuSpec gpu = pool == null ? null : catalog.gpu(pool.gpu()).orElse(null);
                if (gpu == null || model == null || !checked.add(gpu.id())) {
                    continue;
                }
                String problem = DeploymentPlan.of(d, gpu, model, policies).fitProblem();
                if (problem != null) {
                    String path = "deployments[" + i + "]." + (problem.startsWith("maxModelLen") ? "engine.maxModelLen"
                            : d.gpuShare() instanceof GpuShare.Mig ? "gpuShare.profile"
                            : d.gpuShare() != null ? "gpuShare.fraction" : "model");
                    String where = d.pools().size() > 1 ? " (pool '" + poolName + "')" : "";
                    problems.add(scenario.source().problem(path, problem + where));
                    break;
                }
            }
        }
        return problems;
    }
}
