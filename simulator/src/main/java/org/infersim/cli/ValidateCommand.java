package org.infersim.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.infersim.scenario.InvalidInputException;
import org.infersim.scenario.LoadedScenario;
import org.infersim.run.ScenarioValidation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "validate", description = "Checks scenario files and reports every problem with its file, line and path.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Scenario files (YAML).")
    List<Path> files;

    @Mixin
    CatalogOptions catalogs;

    @Override
    public Integer call() {
        int status = 0;
        for (Path file : files) {
            try {
                LoadedScenario loaded = ScenarioValidation.load(file, catalogs.dirs);
                var s = loaded.scenario();
                System.out.println(file + ": ok (" + count(s.deployments().size(), "deployment")
                        + ", " + count(s.workloads().size(), "workload")
                        + (s.jobs().isEmpty() ? "" : ", " + count(s.jobs().stream().mapToInt(j -> j.count()).sum(), "job"))
                        + ")");
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> System.err.println(p));
                status = Main.BAD_INPUT;
            }
        }
        return status;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
