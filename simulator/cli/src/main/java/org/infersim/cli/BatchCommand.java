package org.infersim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.reports.HtmlReportRenderer;
import org.infersim.run.ScenarioValidation;
import org.infersim.scenario.LoadedScenario;
import org.infersim.study.BatchAnalysis;
import org.infersim.study.BatchOutput;
import org.infersim.study.BatchPlan;
import org.infersim.study.BatchRow;
import org.infersim.study.BatchSpec;
import org.infersim.study.RunSpec;
import org.infersim.study.StudyRuns;
import org.infersim.study.Variant;
import org.infersim.study.Workers;
import org.infersim.study.batch.BatchFile;
import org.infersim.study.compare.ComparisonPlan;
import org.infersim.study.compare.Negligible;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "batch", description = "Runs every variant of a base scenario that a batch file describes, in parallel, "
        + "and writes batch.csv, batch.json and one results folder per run; a batch file with a compare section "
        + "compares policies as infersim compare does. Run it again to resume.")
final class BatchCommand extends StudyCommand {
    @Parameters(paramLabel = "FILE", description = "Batch file (YAML).")
    Path file;

    @Override
    public Integer call() throws Exception {
        Study<BatchSpec> study = prepare("batch", () -> BatchFile.load(file), BatchSpec::base, BatchSpec::name,
                BatchFile::check);
        if (study == null) {
            return Main.BAD_INPUT;
        }
        BatchSpec spec = study.spec();
        LoadedScenario base = study.base();
        int workers = study.workers();
        Path dir = study.dir();
        ScenarioValidation validation = study.validation();
        if (spec.compare() != null) {
            return compare(spec, base, validation, dir, workers);
        }

        List<Variant> variants = BatchPlan.variants(spec);
        List<RunSpec> runs = BatchPlan.runs(variants, spec.replications(), base.scenario().seed());
        Workers on = workers("batch", validation, workers);
        if (on == null) {
            return Main.BAD_INPUT;
        }
        if (!results.quiet) {
            System.err.printf(Locale.ROOT, "%s: %d variants x %d replications = %d runs %s%n",
                    spec.name(), variants.size(), spec.replications(), runs.size(), where(workers, runs.size()));
        }
        long start = System.nanoTime();
        List<BatchRow> rows;
        try (on) {
            rows = on.executor(new StudyRuns(Files.readString(spec.base()), spec.base(), spec.fixed(), spec.slo(), dir))
                    .run(runs, new BatchProgressBar(results.quiet));
        }
        double wallS = (System.nanoTime() - start) / 1e9;
        BatchAnalysis analysis = new BatchAnalysis(rows, spec.loadPath(), spec.slo());
        BatchOutput.write(dir, spec.name(), spec.base(), BatchOutput.columns(variants), spec.replications(),
                spec.loadPath(), spec.slo(), rows, analysis);
        Path reportFile = results.report ? new HtmlReportRenderer().renderBatch(dir) : null;

        if (!results.quiet) {
            System.out.print(BatchTable.render(rows, analysis, spec.slo() != null));
            long fresh = rows.stream().filter(r -> !r.resumed()).count();
            System.out.printf(Locale.ROOT, "%n%d runs (%d run now, %d already done) in %.1f s of wall time: %.1f runs/min%n",
                    rows.size(), fresh, rows.size() - fresh, wallS, fresh / wallS * 60);
            System.out.println("Results in " + dir + "/ (batch.csv, batch.json, runs/"
                    + (reportFile != null ? ", report.html" : "") + ")");
        }
        return 0;
    }

    /** A batch file with a compare section: its policies under common random numbers, with the statistics. */
    private int compare(BatchSpec spec, LoadedScenario base, ScenarioValidation validation, Path dir, int workers)
            throws IOException, InvalidInputException {
        BatchSpec.CompareSection section = spec.compare();
        ComparisonPlan plan = read(() -> ComparisonPlan.of(spec.name(), spec.base(), Files.readString(spec.base()),
                spec.fixed(), spec.slo(), section.policies(), section.paths(), spec.replications(), base.scenario().seed(),
                base.policies(), (input, message) -> new Problem(file.toString(), switch (input) {
                    case "policies" -> section.policiesLine();
                    case "path" -> section.pathsLine();
                    default -> 0;
                }, input.equals("replications") ? "replications" : "compare." + input, message)));
        if (plan == null) {
            return Main.BAD_INPUT;
        }
        return CompareCommand.run(this, "batch", plan, dir, workers, validation, Negligible.DEFAULT);
    }
}
