package org.infersim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.infersim.input.InvalidInputException;
import org.infersim.run.ScenarioValidation;
import org.infersim.scenario.LoadedScenario;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * A command that runs a study, many runs of one base scenario (batch, size, compare): its
 * options (results folder, threads, catalogs) and the checks it makes before it runs anything.
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
