package org.infersim.run;

import java.nio.file.Path;
import java.util.List;
import org.infersim.input.InvalidInputException;
import org.infersim.model.deployment.MemoryFitCheck;
import org.infersim.scenario.LoadedScenario;
import org.infersim.scenario.ScenarioCheck;
import org.infersim.scenario.bind.ScenarioLoader;

/**
 * Loads a scenario with every check, including those that need the physics (does the model fit
 * its GPUs), which the scenario package cannot know about without depending on the simulation.
 */
public final class ScenarioValidation {
    private static final List<ScenarioCheck> CHECKS = List.of(new MemoryFitCheck());

    private ScenarioValidation() {}

    public static LoadedScenario load(Path file, List<Path> extraCatalogDirs) throws InvalidInputException {
        return ScenarioLoader.load(file, extraCatalogDirs, CHECKS);
    }

    public static LoadedScenario parse(String yaml, String fileName, Path baseDir, List<Path> extraCatalogDirs)
            throws InvalidInputException {
        return ScenarioLoader.parse(yaml, fileName, baseDir, extraCatalogDirs, CHECKS);
    }
}
