package org.infersim.model.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.infersim.catalog.Catalog;
import org.infersim.catalog.GpuSpec;
import org.infersim.catalog.ModelSpec;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.model.performance.ServedModel;
import org.infersim.model.performance.StepTimeModel;
import org.infersim.plugin.Policies;
import org.infersim.plugin.PolicyFamily;
import org.infersim.scenario.Deployment;
import org.infersim.scenario.Pool;
import org.infersim.scenario.Scenario;
import org.infersim.scenario.ScenarioCheck;

/**
 * Asks each deployment's step-time model, before any run, whether it can time the deployment on
 * every GPU type its pools offer (a measured table may have no rows for it, or be unreadable),
 * so that a scenario fails validation rather than a run.
 */
public final class StepTimeCheck implements ScenarioCheck {
    private final Policies policies;

    /** @param policies those the scenarios it checks were validated against */
    public StepTimeCheck(Policies policies) {
        this.policies = policies;
    }

    @Override
    public List<Problem> check(Scenario scenario, Catalog catalog) {
        Set<Problem> problems = new LinkedHashSet<>(); // two deployments naming one bad file report it once
        for (int i = 0; i < scenario.deployments().size(); i++) {
            Deployment d = scenario.deployments().get(i);
            ModelSpec model = catalog.model(d.model()).orElse(null);
            if (model == null) {
                continue;
            }
            Map<String, ServedModel> placements = new LinkedHashMap<>();
            for (String poolName : d.pools()) {
                Pool pool = scenario.pools().stream().filter(p -> p.name().equals(poolName)).findFirst().orElse(null);
                GpuSpec gpu = pool == null ? null : catalog.gpu(pool.gpu()).orElse(null);
                if (gpu != null && !placements.containsKey(gpu.id())) {
                    placements.put(gpu.id(), DeploymentPlan.of(d, gpu, model, policies).servedModel());
                }
            }
            StepTimeModel.Provider provider = policies.provider(PolicyFamily.STEP_TIME, StepTimeModel.Provider.class,
                    d.stepTime().name());
            try {
                for (String message : provider.check(d.stepTime().settings(), new ArrayList<>(placements.values()))) {
                    problems.add(scenario.source().problem("deployments[" + i + "].stepTime", message));
                }
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        return new ArrayList<>(problems);
    }
}
