package org.infersim.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.infersim.batch.BatchAnalysis;
import org.infersim.batch.BatchOutput;
import org.infersim.batch.BatchRunner;
import org.infersim.batch.SizeFile;
import org.infersim.batch.SizeSpec;
import org.infersim.batch.Sizing;
import org.infersim.results.AtomicFile;
import org.infersim.run.ScenarioValidation;
import org.infersim.scenario.InvalidInputException;
import org.infersim.scenario.LoadedScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "size", description = "Finds the cheapest fleet that meets an SLO: for each candidate GPU type, "
        + "precision and tensor-parallel degree, searches the fewest replicas that meet it.")
final class SizeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Size file (YAML).")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Results folder (default: results/<name>).")
    Path output;

    @Option(names = {"-j", "--threads"}, paramLabel = "N", description = "Runs at once (default: the number of cores).")
    Integer threads;

    @Option(names = "--report", description = "Also write report.html.")
    boolean report;

    @Option(names = {"-q", "--quiet"}, description = "No progress and no table.")
    boolean quiet;

    @Mixin
    CatalogOptions catalogs;

    @Override
    public Integer call() throws IOException {
        if (threads != null && threads < 1) {
            System.err.println("infersim size: --threads: expected at least 1, got " + threads);
            return Main.BAD_INPUT;
        }
        SizeSpec spec;
        LoadedScenario base;
        try {
            spec = SizeFile.load(file);
            base = ScenarioValidation.load(spec.base(), catalogs.dirs);
        } catch (InvalidInputException e) {
            e.problems().forEach(System.err::println);
            return Main.BAD_INPUT;
        }
        Path dir = output != null ? output : Path.of("results", spec.name());
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            System.err.println("infersim size: --output " + dir + ": exists and is not a directory");
            return Main.BAD_INPUT;
        }
        Files.createDirectories(dir);
        long start = System.nanoTime();
        BatchRunner runner = new BatchRunner(Files.readString(spec.base()), spec.base(), catalogs.dirs, spec.fixed(),
                spec.slo(), dir);
        int candidates = spec.gpus().size() * spec.precisions().size() * spec.tensorParallel().size();
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Sizing.Result result = new Sizing(spec, runner, base.scenario().seed()).run(workers,
                (round, runs, searching) -> {
                    if (!quiet) {
                        System.err.printf(Locale.ROOT, "  round %d: %d runs so far, %d of %d candidates still searching%n",
                                round, runs, searching, candidates);
                    }
                });
        double wallS = (System.nanoTime() - start) / 1e9;

        BatchAnalysis analysis = new BatchAnalysis(result.rows(), null, spec.slo());
        BatchOutput.write(dir, spec.name(), spec.base(), BatchOutput.columns(result.variants()), spec.replications(),
                null, spec.slo(), result.rows(), analysis);
        AtomicFile.write(dir.resolve("size.json"), JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(result.candidates()) + "\n");
        Path reportFile = report ? Reports.renderBatch(dir) : null;

        if (!quiet) {
            System.out.printf(Locale.ROOT, "%n%-28s %8s %5s %10s %12s %12s %6s%n", "candidate", "replicas", "gpus",
                    "$/h", "p95 TTFT ms", "p95 TPOT ms", "runs");
            for (Sizing.Candidate c : result.candidates()) {
                if (c.replicas() == null) {
                    System.out.printf(Locale.ROOT, "%-28s %8s  %s (%d runs)%n", c.label(), "-", c.reason(), c.runs());
                } else {
                    var f = c.figures();
                    System.out.printf(Locale.ROOT, "%-28s %8d %5d %10.2f %12.0f %12.1f %6d%s%n", c.label(), c.replicas(),
                            f.gpus(), f.costPerHourUsd(), f.ttftP95Ms(), f.tpotP95Ms(), c.runs(),
                            c == result.cheapest() ? "  <- cheapest" : "");
                }
            }
            System.out.println(result.cheapest() == null
                    ? "\nNo candidate meets the SLO within maxReplicas " + spec.maxReplicas() + "."
                    : String.format(Locale.ROOT, "%nCheapest: %d x %s ($%.2f/h).", result.cheapest().replicas(),
                            result.cheapest().label(), result.cheapest().figures().costPerHourUsd()));
            System.out.printf(Locale.ROOT, "%d runs in %.1f s of wall time. Results in %s/ (size.json, batch.csv, batch.json, runs/%s)%n",
                    result.rows().size(), wallS, dir, reportFile != null ? ", report.html" : "");
        }
        return 0;
    }
}
