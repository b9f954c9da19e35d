package org.infersim.scenario;

import java.util.List;
import org.infersim.catalog.Catalog;
import org.infersim.input.Problem;

/**
 * A semantic check run on a scenario that bound without problems (for example: do the weights
 * and the KV cache fit in GPU memory). Report problems with {@code scenario.source().problem(path,
 * message)} so that they point at the line. The scenario loader (in {@code scenario.bind}, above this
 * package) takes the checks to run.
 */
@FunctionalInterface
public interface ScenarioCheck {
    List<Problem> check(Scenario scenario, Catalog catalog);
}
