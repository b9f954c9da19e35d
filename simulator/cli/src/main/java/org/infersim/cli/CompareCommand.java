package org.infersim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.infersim.input.InputFile;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.reports.HtmlReportRenderer;
import org.infersim.run.ScenarioValidation;
import org.infersim.scenario.LoadedScenario;
import org.infersim.study.compare.ComparisonPlan;
import org.infersim.study.compare.ComparisonRunner;
import org.infersim.study.Workers;
import org.infersim.study.compare.Negligible;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", description = "Runs one scenario under each of several policies with common random numbers "
        + "(replication r of every policy on the same seed, so the same arrivals), several replications each, and "
        + "reports each figure's mean with a Student's t confidence interval and the paired differences between "
        + "policies. Writes compare.csv, compare.json, batch.csv, batch.json and runs/<policy>-r<k>/. Run it again "
        + "to resume.")
final class CompareCommand extends StudyCommand {
    @Parameters(paramLabel = "FILE", description = "Scenario file (YAML).")
    Path file;

    @Option(names = "--policies", required = true, split = ",", paramLabel = "POLICY",
            description = "The policies to compare, such as kpa,hpa,predictive; each is written at the policy path.")
    List<String> policies = new ArrayList<>();

    @Option(names = "--replications", paramLabel = "N", defaultValue = "5",
            description = "Replications per policy, each on its own seed shared by every policy (default: ${DEFAULT-VALUE}).")
    int replications;

    @Option(names = "--path", split = ",", paramLabel = "PATH",
            description = "Where the policy name goes in the scenario (repeatable; [*] means every entry of a list). "
                    + "Default: " + ComparisonPlan.DEFAULT_PATH + ", every deployment with an autoscaler. "
                    + "For example --path deployments[0].router compares routers.")
    List<String> paths = new ArrayList<>();

    @Mixin
    NegligibleOptions negligibleOptions;

    @Override
    public Integer call() throws Exception {
        int workers = parallel.workers("compare");
        if (workers < 0) {
            return Main.BAD_INPUT;
        }
        Negligible negligible = negligibleOptions.threshold("compare");
        if (negligible == null) {
            return Main.BAD_INPUT;
        }
        ScenarioValidation validation = validation();
        // Read once: the runs vary the text that was checked, whatever happens to the file meanwhile.
        String text = read(() -> InputFile.readText(file, "a YAML scenario file"));
        StudyFileKind study = text == null ? null : StudyFileKind.of(text, file.toString());
        if (study != null) {
            System.err.println(study.misused(file.toString(), "compare"));
            return Main.BAD_INPUT;
        }
        Path baseDir = file.getParent() != null ? file.getParent() : Path.of("");
        LoadedScenario base = text == null ? null : read(() -> validation.parse(text, file.toString(), baseDir));
        if (base == null) {
            return Main.BAD_INPUT;
        }
        String name = base.scenario().name() + "-compare";
        ComparisonPlan plan = read(() -> ComparisonPlan.of(name, file, text, Map.of(), null, policies,
                paths, replications, base.scenario().seed(), base.policies(),
                (input, message) -> new Problem("infersim compare", 0, "--" + input, message)));
        if (plan == null) {
            return Main.BAD_INPUT;
        }
        Path dir = results.folder("compare", name);
        if (dir == null) {
            return Main.BAD_INPUT;
        }
        return run(this, "compare", plan, dir, workers, validation, negligible);
    }

    /** Runs a plan and prints its table: shared with {@code infersim batch} for a batch file's compare section. */
    static int run(StudyCommand command, String name, ComparisonPlan plan, Path dir, int workers, ScenarioValidation validation,
                   Negligible negligible) throws IOException, InvalidInputException {
        boolean quiet = command.results.quiet;
        boolean report = command.results.report;
        Workers on = command.workers(name, validation, workers);
        if (on == null) {
            return Main.BAD_INPUT;
        }
        int runs = plan.policies().size() * plan.replications();
        if (!quiet) {
            System.err.printf(Locale.ROOT, "%s: %d policies x %d replications = %d runs %s; policy at %s%n",
                    plan.name(), plan.policies().size(), plan.replications(), runs, command.where(workers, runs),
                    plan.paths().isEmpty() ? "(set by the compare section)" : String.join(", ", plan.paths()));
        }
        long start = System.nanoTime();
        ComparisonRunner.Outcome outcome;
        try (on) {
            outcome = ComparisonRunner.run(plan, on, dir, new BatchProgressBar(quiet), negligible);
        }
        double wallS = (System.nanoTime() - start) / 1e9;
        Path reportFile = report ? new HtmlReportRenderer().renderBatch(dir) : null;
        if (!quiet) {
            System.out.print(ComparisonTable.render(outcome.comparison()));
            long fresh = outcome.rows().stream().filter(r -> !r.resumed()).count();
            System.out.printf(Locale.ROOT, "%n%d runs (%d run now, %d already done) in %.1f s of wall time%n",
                    outcome.rows().size(), fresh, outcome.rows().size() - fresh, wallS);
            System.out.println("Results in " + dir + "/ (compare.csv, compare.json, batch.csv, batch.json, runs/"
                    + (reportFile != null ? ", report.html" : "") + ")");
        }
        return 0;
    }
}
