package org.infersim.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.infersim.input.InvalidInputException;
import org.infersim.run.ScenarioValidation;
import org.infersim.scenario.LoadedScenario;
import org.infersim.study.BatchPlan;
import org.infersim.study.BatchSpec;
import org.infersim.study.batch.BatchFile;
import org.infersim.study.size.SizeFile;
import org.infersim.study.size.SizeSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "validate", description = "Checks scenario files (and batch and size files, by their .batch.yaml and "
        + ".size.yaml names) and reports every problem with its file, line and path.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Scenario, batch or size files (YAML).")
    List<Path> files;

    @Mixin
    CatalogOptions catalogs;

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws java.io.IOException {
        int status = 0;
        ScenarioValidation validation = main.validation(catalogs.dirs);
        for (Path file : files) {
            try {
                String name = file.getFileName().toString();
                if (name.endsWith(".batch.yaml")) {
                    BatchSpec batch = BatchFile.load(file);
                    validation.load(batch.base());
                    BatchFile.check(batch, validation);
                    System.out.println(file + ": ok (a batch of " + count(BatchPlan.variants(batch).size(), "variant")
                            + " x " + count(batch.replications(), "replication") + ")");
                    continue;
                }
                if (name.endsWith(".size.yaml")) {
                    SizeSpec size = SizeFile.load(file);
                    validation.load(size.base());
                    SizeFile.check(size, validation);
                    System.out.println(file + ": ok (sizing " + count(size.gpus().size() * size.precisions().size()
                            * size.tensorParallel().size(), "candidate") + ")");
                    continue;
                }
                LoadedScenario loaded = validation.load(file);
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
