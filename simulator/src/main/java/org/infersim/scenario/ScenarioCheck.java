package org.infersim.scenario;

import java.util.List;
import org.infersim.catalog.Catalog;
import org.infersim.input.Problem;
import org.infersim.scenario.bind.ScenarioLoader;

/**
 * A semantic check run on a scenario that bound without problems (for example: do the weights
 * and the KV cache fit in GPU memory). Report problems with {@code scenario.source().problem(path,
 * message)} so that they point at the line. Pass checks to {@link ScenarioLoader#load(java.nio.file.Path, java.util.List, org.infersim.plugin.Policies, java.util.List)}.
 */
@FunctionalInterface
public interface ScenarioCheck {
    List<Problem> check(Scenario scenario, Catalog catalog);
}
