package org.infersim.model.cluster;

import java.util.ArrayList;
import java.util.List;
import org.infersim.catalog.Catalog;
import org.infersim.catalog.GpuSpec;
import org.infersim.input.Problem;
import org.infersim.scenario.Pool;
import org.infersim.scenario.Pricing;
import org.infersim.scenario.Scenario;
import org.infersim.scenario.ScenarioCheck;

/** Fails an owned pool that cannot be priced or racked: no server price or height, or a server above the rack's power. */
public final class OwnershipCheck implements ScenarioCheck {
    @Override
    public List<Problem> check(Scenario scenario, Catalog catalog) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < scenario.pools().size(); i++) {
            Pool pool = scenario.pools().get(i);
            GpuSpec gpu = catalog.gpu(pool.gpu()).orElse(null);
            if (gpu != null && pool.pricing() instanceof Pricing.OnPrem terms) {
                String why = Ownership.problem(gpu, terms);
                if (why != null) {
                    problems.add(scenario.source().problem("cluster.pools[" + i + "].pricing", why));
                }
            }
        }
        return problems;
    }
}
