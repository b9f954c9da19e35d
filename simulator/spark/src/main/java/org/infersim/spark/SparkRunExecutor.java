package org.infersim.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.rdd.RDD;
import org.infersim.study.BatchListener;
import org.infersim.study.BatchRow;
import org.infersim.study.RunExecutor;
import org.infersim.study.RunSpec;
import org.infersim.study.StudyRuns;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.BoxedUnit;

/**
 * A study's runs as one Spark job, one task per run. The driver plans: runs whose results are
 * already in the results folder are picked up and not submitted (resume, exactly as on local
 * threads); the others are parallelized one per partition. Each task's files come back to the
 * driver as the task ends and are written into {@code runs/<id>/} there (atomically, the summary
 * last), so an interrupted job leaves every finished run resumable, and the driver holds one
 * run's files at a time.
 */
final class SparkRunExecutor implements RunExecutor {
    private static final ClassTag<RunOutput> OUTPUT = ClassTag$.MODULE$.apply(RunOutput.class);
    private static final ClassTag<RunTask> TASK = ClassTag$.MODULE$.apply(RunTask.class);

    private final SparkContext spark;
    private final StudyRuns study;
    private final CatalogFiles catalog;

    SparkRunExecutor(SparkContext spark, StudyRuns study, CatalogFiles catalog) {
        this.spark = spark;
        this.study = study;
        this.catalog = catalog;
    }

    @Override
    public List<BatchRow> run(List<RunSpec> specs, BatchListener listener) {
        BatchRow[] rows = new BatchRow[specs.size()];
        List<RunTask> tasks = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        int[] done = {0};
        try {
            for (int i = 0; i < specs.size(); i++) {
                RunSpec spec = specs.get(i);
                String text = study.text(spec);
                BatchRow earlier = study.earlier(spec, text);
                if (earlier != null) {
                    rows[i] = earlier;
                    listener.runFinished(earlier, ++done[0], specs.size());
                } else {
                    study.clear(spec);
                    tasks.add(new RunTask(text, study.name(spec), study.baseDir().toString()));
                    positions.add(i);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!tasks.isEmpty()) {
            RDD<RunTask> rdd = spark.parallelize(scala.jdk.javaapi.CollectionConverters.asScala(tasks).toSeq(),
                    tasks.size(), TASK);
            // Called on the driver as each task's result arrives, one at a time.
            scala.Function2<Object, RunOutput, BoxedUnit> written = (partition, output) -> {
                int i = positions.get((Integer) partition);
                RunSpec spec = specs.get(i);
                rows[i] = record(spec, tasks.get((Integer) partition), output);
                listener.runFinished(rows[i], ++done[0], specs.size());
                return BoxedUnit.UNIT;
            };
            spark.setJobDescription("infersim: " + tasks.size() + " runs");
            spark.runJob(rdd, new SimulatePartition(catalog), written, OUTPUT);
        }
        return Arrays.asList(rows);
    }

    private BatchRow record(RunSpec spec, RunTask task, RunOutput output) {
        if (output.failure() != null) {
            return study.failed(spec, task.text(), output.failure());
        }
        try {
            return study.written(spec, output.texts());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
