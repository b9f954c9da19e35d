package org.infersim.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.infersim.run.BuiltInPolicies;
import org.infersim.run.ScenarioValidation;
import org.infersim.study.VariantRun;
import scala.collection.Iterator;

/**
 * The task an executor runs: one partition holds one run, simulated single-threaded in a
 * scratch folder of the executor's, whose files go back to the driver. The validation is made
 * here, with the policies on the executor's class path and the shipped catalog overlays. An
 * exception (a lost disk, the heap) fails the task, which Spark retries; a variant that fails
 * its checks, or a defect of the simulator, is an answer, not retried (as on local threads).
 */
final class SimulatePartition implements scala.Function1<Iterator<RunTask>, RunOutput>, Serializable {
    private static final long serialVersionUID = 1L;

    private final CatalogFiles catalog;

    SimulatePartition(CatalogFiles catalog) {
        this.catalog = catalog;
    }

    @Override
    public RunOutput apply(Iterator<RunTask> tasks) {
        RunTask task = tasks.next();
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("infersim-run");
            ScenarioValidation validation = new ScenarioValidation(BuiltInPolicies.load(),
                    catalog.writeUnder(scratch.resolve("catalogs")));
            Path out = scratch.resolve("run");
            VariantRun.Outcome outcome = VariantRun.run(validation, task.text(), task.name(), Path.of(task.baseDir()), out);
            return outcome.failure() != null ? RunOutput.failed(outcome.failure()) : RunOutput.of(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(scratch);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a scratch folder left in the executor's temporary directory costs nothing of the results
        }
    }
}
