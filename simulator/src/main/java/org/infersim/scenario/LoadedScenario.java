package org.infersim.scenario;

import org.infersim.catalog.Catalog;
import org.infersim.plugin.Policies;

/**
 * A validated scenario with what it was checked against: the catalog (built-in plus extra
 * directories) and the policies it may name, which the simulation built from it creates.
 */
public record LoadedScenario(Scenario scenario, Catalog catalog, Policies policies) {
    /** The same catalog and policies for another scenario (a variant of this one). */
    public LoadedScenario with(Scenario other) {
        return new LoadedScenario(other, catalog, policies);
    }
}
