package org.infersim.run;

import java.nio.file.Path;
import java.util.List;
import org.infersim.catalog.Catalog;
import org.infersim.input.InvalidInputException;
import org.infersim.model.cluster.OwnershipCheck;
import org.infersim.model.deployment.MemoryFitCheck;
import org.infersim.model.deployment.StepTimeCheck;
import org.infersim.plugin.Policies;
import org.infersim.scenario.LoadedScenario;
import org.infersim.scenario.ScenarioCheck;
import org.infersim.scenario.bind.ScenarioLoader;

/**
 * Loads scenarios with every check, including those that need the physics (does the model fit
 * its GPUs), which the scenario package cannot know about without depending on the simulation.
 * Made once by the command line with the policies of the process and the catalog directories it
 * was given, and handed to whatever loads scenarios (the studies load one per run, on many
 * threads: it keeps no state of its own).
 */
public final class ScenarioValidation {
    private final Policies policies;
    private final List<Path> extraCatalogDirs;
    private final List<ScenarioCheck> checks;

    public ScenarioValidation(Policies policies, List<Path> extraCatalogDirs) {
        this.policies = policies;
        this.extraCatalogDirs = List.copyOf(extraCatalogDirs);
        this.checks = List.of(new MemoryFitCheck(policies), new StepTimeCheck(policies), new OwnershipCheck());
    }

    public LoadedScenario load(Path file) throws InvalidInputException {
        return ScenarioLoader.load(file, extraCatalogDirs, policies, checks);
    }

    /** A scenario from text: {@code fileName} names it in messages, {@code baseDir} resolves its relative paths. */
    public LoadedScenario parse(String yaml, String fileName, Path baseDir) throws InvalidInputException {
        return ScenarioLoader.parse(yaml, fileName, baseDir, extraCatalogDirs, policies, checks);
    }

    /**
     * A scenario from text, bound and checked for what it says but not against the physics (does
     * the model fit its GPUs): what a study checks of each run before any runs, since a variant
     * that does not fit is an answer of the study rather than a mistake in its file.
     */
    public LoadedScenario bind(String yaml, String fileName, Path baseDir) throws InvalidInputException {
        return ScenarioLoader.parse(yaml, fileName, baseDir, extraCatalogDirs, policies, List.of());
    }

    /** The catalog scenarios are checked against: built-in plus the extra directories. */
    public Catalog catalog() throws InvalidInputException {
        return Catalog.load(extraCatalogDirs);
    }

    public Policies policies() {
        return policies;
    }
}
