package org.infersim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.infersim.input.InvalidInputException;
import org.infersim.run.ScenarioValidation;
import org.infersim.scenario.LoadedScenario;
import org.infersim.study.Workers;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * A command that runs a study, many runs of one base scenario (batch, size, compare): its
 * options (results folder, threads or a Spark cluster, catalogs) and the checks it makes before
 * it runs anything.
 * Each check prints what is wrong and answers null, and the command then returns {@link
 * Main#BAD_INPUT}.
 */
abstract class StudyCommand implements Callable<Integer> {
    @Mixin
    ResultsOptions results;

    @Mixin
    ThreadsOption parallel;

    @Mixin
    CatalogOptions catalogs;

    @ParentCommand
    Main main;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Run the runs as tasks on Apache Spark at MASTER (local[*], spark://HOST:7077, yarn, "
                    + "k8s://...) instead of on local threads; the results folder stays on this machine. Needs the "
                    + "Spark module: run through ./infersim, or spark-submit the spark jar (see the README).")
    String spark;

    /**
     * Where the runs go: this machine's threads, or the Spark cluster of {@code --spark}, found on
     * the class path (the command line does not depend on Spark); null after saying why not.
     */
    final Workers workers(String command, ScenarioValidation validation, int threads) throws IOException {
        if (spark == null) {
            return Workers.local(validation, threads);
        }
        Optional<Workers.Provider> cluster = Workers.cluster();
        if (cluster.isEmpty()) {
            System.err.println("infersim " + command + ": --spark needs the Spark module: run through ./infersim, "
                    + "which adds it, or spark-submit the spark jar (simulator/spark/target/infersim-spark.jar)");
            return null;
        }
        return cluster.get().open(spark, catalogs.dirs);
    }

    /** Where the runs go, as the commands' first line says it. */
    final String where(int threads, int runs) {
        return spark == null ? String.format(Locale.ROOT, "on %d threads", Math.min(threads, runs))
                : "on Spark" + (spark.isEmpty() ? "" : " " + spark);
    }

    /** Validation with the process's policies and this command's catalog directories. */
    final ScenarioValidation validation() {
        return main.validation(catalogs.dirs);
    }

    /** Something the user wrote, read and checked. */
    interface Input<T> {
        T read() throws InvalidInputException, IOException;
    }

    /**
     * A study file with the base scenario it varies, the validation its variants go through, the
     * threads to run it on and where its results go.
     */
    record Study<S>(S spec, LoadedScenario base, ScenarioValidation validation, int workers, Path dir) {}

    /** Checks a study's variants against the scenarios they make, before any runs. */
    interface VariantsCheck<S> {
        void check(S spec, ScenarioValidation validation) throws InvalidInputException, IOException;
    }

    /**
     * The preamble of a study described by a file (batch, size): the threads, the file and its
     * base scenario, every variant checked, and the results folder named for the study; null
     * after saying what is wrong.
     */
    final <S> Study<S> prepare(String command, Input<S> file, Function<S, Path> baseOf, Function<S, String> nameOf,
                               VariantsCheck<S> variants) throws IOException {
        int workers = parallel.workers(command);
        if (workers < 0) {
            return null;
        }
        S spec = read(file);
        ScenarioValidation validation = validation();
        LoadedScenario base = spec == null ? null : read(() -> validation.load(baseOf.apply(spec)));
        if (base == null || read(() -> {
            variants.check(spec, validation);
            return spec;
        }) == null) {
            return null;
        }
        Path dir = results.folder(command, nameOf.apply(spec));
        return dir == null ? null : new Study<>(spec, base, validation, workers, dir);
    }

    /** Reads {@code input}; null after printing its problems, one a line, on standard error. */
    static <T> T read(Input<T> input) throws IOException {
        try {
            return input.read();
        } catch (InvalidInputException e) {
            e.problems().forEach(System.err::println);
            return null;
        }
    }
}
