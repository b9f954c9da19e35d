package org.infersim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.infersim.reports.HtmlReportRenderer;
import org.infersim.run.ScenarioValidation;
import org.infersim.study.BatchAnalysis;
import org.infersim.study.BatchOutput;
import org.infersim.study.StudyRuns;
import org.infersim.study.Workers;
import org.infersim.study.size.SizeFile;
import org.infersim.study.compare.Negligible;
import org.infersim.study.size.SizeOutput;
import org.infersim.study.size.SizeSpec;
import org.infersim.study.size.Sizing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "size", description = "Finds the cheapest fleet that meets an SLO: for each candidate GPU type, "
        + "precision and tensor-parallel degree, searches the fewest replicas that meet it.")
final class SizeCommand extends StudyCommand {
    @Parameters(paramLabel = "FILE", description = "Size file (YAML).")
    Path file;

    @Mixin
    NegligibleOptions negligibleOptions;

    @Override
    public Integer call() throws Exception {
        Negligible negligible = negligibleOptions.threshold("size");
        if (negligible == null) {
            return Main.BAD_INPUT;
        }
        Study<SizeSpec> study = prepare("size", () -> SizeFile.load(file), SizeSpec::base, SizeSpec::name,
                SizeFile::check);
        if (study == null) {
            return Main.BAD_INPUT;
        }
        SizeSpec spec = study.spec();
        ScenarioValidation validation = study.validation();
        int workers = study.workers();
        Path dir = study.dir();
        Workers on = workers("size", validation, workers);
        if (on == null) {
            return Main.BAD_INPUT;
        }
        long start = System.nanoTime();
        StudyRuns runs = new StudyRuns(Files.readString(spec.base()), spec.base(), spec.fixed(), spec.slo(), dir);
        int candidates = spec.gpus().size() * spec.precisions().size() * spec.tensorParallel().size();
        Sizing.Result result;
        try (on) {
            result = new Sizing(spec, on.executor(runs), study.base().scenario().seed(), negligible).run(
                    (round, done, searching) -> {
                        if (!results.quiet) {
                            System.err.printf(Locale.ROOT, "  round %d: %d runs so far, %d of %d candidates still searching%n",
                                    round, done, searching, candidates);
                        }
                    });
        }
        double wallS = (System.nanoTime() - start) / 1e9;

        BatchAnalysis analysis = new BatchAnalysis(result.rows(), null, spec.slo());
        BatchOutput.write(dir, spec.name(), spec.base(), BatchOutput.columns(result.variants()), spec.replications(),
                null, spec.slo(), result.rows(), analysis);
        SizeOutput.write(dir, spec, result, negligible);
        Path reportFile = results.report ? new HtmlReportRenderer().renderBatch(dir) : null;

        if (!results.quiet) {
            new SizeTable(spec, result, negligible).print(System.out);
            System.out.printf(Locale.ROOT, "%d runs in %.1f s of wall time. Results in %s/ (size.json, batch.csv, batch.json, runs/%s)%n",
                    result.rows().size(), wallS, dir, reportFile != null ? ", report.html" : "");
        }
        return 0;
    }
}
