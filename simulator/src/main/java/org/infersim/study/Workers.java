package org.infersim.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.infersim.run.ScenarioValidation;

/**
 * Where a command's studies run: this machine's threads, or a cluster that a {@link Provider} on
 * the class path connects to (the Spark module). Open for one command, which may run several
 * studies' runs on it (a size search's rounds), and closed after.
 */
public interface Workers extends AutoCloseable {

    /** The executor of one study's runs on these workers. */
    RunExecutor executor(StudyRuns study);

    @Override
    default void close() {}

    /** This machine: {@code threads} runs at once, each loaded with {@code validation}. */
    static Workers local(ScenarioValidation validation, int threads) {
        return study -> new BatchRunner(study, validation, threads);
    }

    /**
     * The provider of a cluster registered on the class path
     * ({@code META-INF/services/org.infersim.study.Workers$Provider}); empty when none is.
     */
    static Optional<Provider> cluster() {
        return ServiceLoader.load(Provider.class).findFirst();
    }

    /** Connects to a cluster; registered as a service so that the command line does not depend on it. */
    interface Provider {
        /**
         * @param master where the cluster is, as its own tools write it ({@code local[4]}, {@code yarn}, ...);
         *               empty for the one the job was submitted to
         * @param catalogDirs the {@code --catalog} directories, whose files the runs need wherever they run
         */
        Workers open(String master, List<Path> catalogDirs) throws IOException;
    }
}
