package org.infersim.scenario.bind;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.infersim.catalog.Catalog;
import org.infersim.input.InputFile;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.input.YamlNode;
import org.infersim.input.YamlReader;
import org.infersim.plugin.Policies;
import org.infersim.scenario.LoadedScenario;
import org.infersim.scenario.Scenario;
import org.infersim.scenario.ScenarioCheck;

/**
 * Reads a scenario file: YAML with lines → binding to the records with every problem collected
 * (file, line, path, what was expected) → semantic checks. Bad input ends in one
 * {@link InvalidInputException} carrying all problems, never a stack trace.
 */
public final class ScenarioLoader {

    private ScenarioLoader() {}

    /** Parses, binds and checks a scenario file, whose policies must be among {@code policies}; all problems at once. */
    public static LoadedScenario load(Path file, List<Path> extraCatalogDirs, Policies policies)
            throws InvalidInputException {
        return load(file, extraCatalogDirs, policies, List.of());
    }

    /**
     * Same, then the given semantic checks (run only on a scenario that bound without problems),
     * so that packages downstream (the physics' memory fit) can add theirs without a cycle.
     */
    public static LoadedScenario load(Path file, List<Path> extraCatalogDirs, Policies policies,
            List<ScenarioCheck> checks) throws InvalidInputException {
        String name = file.toString();
        String text = InputFile.readText(file, "a YAML scenario file");
        Path dir = file.getParent() != null ? file.getParent() : Path.of("");
        return parse(text, name, file, dir, extraCatalogDirs, policies, checks);
    }

    /** Same from text (tests); fileName is used in messages and baseDir resolves relative paths (traces, empirical files, catalogs). */
    public static LoadedScenario parse(String yaml, String fileName, Path baseDir, List<Path> extraCatalogDirs,
            Policies policies) throws InvalidInputException {
        return parse(yaml, fileName, baseDir, extraCatalogDirs, policies, List.of());
    }

    /** Same from text, with extra semantic checks. */
    public static LoadedScenario parse(String yaml, String fileName, Path baseDir, List<Path> extraCatalogDirs,
            Policies policies, List<ScenarioCheck> checks) throws InvalidInputException {
        Path file;
        try {
            file = Path.of(fileName);
        } catch (InvalidPathException e) {
            file = null;
        }
        return parse(yaml, fileName, file, baseDir, extraCatalogDirs, policies, checks);
    }

    static LoadedScenario parse(String yaml, String fileName, Path file, Path baseDir, List<Path> extraCatalogDirs,
            Policies policies, List<ScenarioCheck> checks) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        YamlNode root = YamlReader.read(yaml, fileName, problems);
        ScenarioBinder binder = new ScenarioBinder(fileName, baseDir, root, problems, policies);

        List<Path> scenarioCatalogs = binder.catalogs();
        List<Path> dirs = new ArrayList<>(extraCatalogDirs);
        dirs.addAll(scenarioCatalogs);
        Catalog catalog = null;
        try {
            catalog = Catalog.load(dirs);
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
        }

        Scenario scenario = binder.bind(catalog, scenarioCatalogs, file);
        if (!problems.isEmpty() || scenario == null || catalog == null) {
            if (problems.isEmpty()) { // defensive: a failed binding always says why
                problems.add(new Problem(fileName, 0, "", "the scenario could not be read"));
            }
            throw new InvalidInputException(ordered(problems, fileName));
        }
        catalog = catalog.withModels(binder.modelsFromConfigs());
        for (ScenarioCheck check : checks) {
            problems.addAll(check.check(scenario, catalog));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(ordered(problems, fileName));
        }
        return new LoadedScenario(scenario, catalog, policies);
    }

    /** The scenario file's problems in line order, then those of other files (traces, catalogs) as found. */
    private static List<Problem> ordered(List<Problem> problems, String fileName) {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt((Problem p) -> fileName.equals(p.file()) ? 0 : 1)
                .thenComparingInt(p -> fileName.equals(p.file()) ? p.line() : 0));
        return sorted;
    }
}
