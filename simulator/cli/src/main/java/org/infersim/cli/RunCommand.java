package org.infersim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.infersim.input.InputFile;
import org.infersim.input.InvalidInputException;
import org.infersim.reports.HtmlReportRenderer;
import org.infersim.results.RequestLog;
import org.infersim.results.ResultsFolder;
import org.infersim.run.ClusterRun;
import org.infersim.run.RunResult;
import org.infersim.scenario.LoadedScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "run", description = "Simulates a scenario and writes summary.json and timeseries.csv.")
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Scenario file (YAML).")
    Path file;

    @Option(names = "--requests", description = "Also write requests.csv, one row per finished request.")
    boolean requests;

    @Mixin
    ResultsOptions results;

    @Mixin
    CatalogOptions catalogs;

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        // The text is read once: what scenario.yaml records is what was simulated, even when the
        // file is a pipe (run <(...)) or is edited while the run goes on.
        String text;
        LoadedScenario loaded;
        try {
            text = InputFile.readText(file, "a YAML scenario file");
            StudyFileKind study = StudyFileKind.of(text, file.toString());
            if (study != null) {
                System.err.println(study.misused(file.toString(), "run"));
                return Main.BAD_INPUT;
            }
            Path baseDir = file.getParent() != null ? file.getParent() : Path.of("");
            loaded = main.validation(catalogs.dirs).parse(text, file.toString(), baseDir);
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> System.err.println(p));
            return Main.BAD_INPUT;
        }
        var scenario = loaded.scenario();
        Path dir = results.folder("run", scenario.name());
        if (dir == null) {
            return Main.BAD_INPUT;
        }

        long wallStart = System.nanoTime();
        RunResult result;
        ProgressLine progress = new ProgressLine(results.quiet);
        try (RequestLog log = requests ? new RequestLog(dir.resolve("requests.csv")) : null) {
            result = new ClusterRun(loaded, log).run(progress);
            if (log != null) {
                log.commit();
            }
        }
        progress.finish();
        double wallS = (System.nanoTime() - wallStart) / 1e9;

        ResultsFolder.write(dir, result.summary(), result.timeSeries(), result.latencies(), text);
        Path reportFile = null;
        if (results.report) {
            reportFile = new HtmlReportRenderer().renderRun(dir);
        }

        if (!results.quiet) {
            System.out.print(SummaryTable.render(result.summary()));
            System.out.printf("%nSimulated %.0f s in %.1f s of wall time (%,d events, %,.0f requests/s).%n",
                    result.summary().durationS(), wallS, result.eventsProcessed(),
                    result.summary().requests().arrived() / wallS);
            System.out.println("Results in " + dir + "/ (summary.json, timeseries.csv, pools.csv, latency.csv"
                    + (requests ? ", requests.csv" : "") + (reportFile != null ? ", report.html" : "") + ")");
        }
        return 0;
    }
}
