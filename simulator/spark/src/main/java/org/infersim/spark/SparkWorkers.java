package org.infersim.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.infersim.study.RunExecutor;
import org.infersim.study.StudyRuns;
import org.infersim.study.Workers;

/**
 * A Spark application for one command: its runs go to the cluster's executors, its results
 * folder stays on this machine (the driver). Opened by {@code --spark MASTER}; the Spark
 * settings of the environment ({@code spark-submit --conf}, {@code spark.*} system properties)
 * apply.
 */
public final class SparkWorkers implements Workers {
    private final SparkContext spark;
    private final CatalogFiles catalog;

    SparkWorkers(String master, List<Path> catalogDirs) throws IOException {
        this.catalog = CatalogFiles.read(catalogDirs);
        SparkConf conf = new SparkConf().setAppName("infersim");
        if (!master.isEmpty()) {
            conf.setMaster(master);
        }
        // Every run's files come back to the driver; a sweep of thousands adds up past Spark's
        // default 1 GiB of results per job, though the driver holds one run's at a time.
        conf.setIfMissing("spark.driver.maxResultSize", "0");
        this.spark = new SparkContext(conf);
    }

    @Override
    public RunExecutor executor(StudyRuns study) {
        return new SparkRunExecutor(spark, study, catalog);
    }

    SparkContext context() {
        return spark;
    }

    @Override
    public void close() {
        spark.stop();
    }

    /** Registered in {@code META-INF/services}: what {@code --spark} finds on the class path. */
    public static final class Provider implements Workers.Provider {
        @Override
        public Workers open(String master, List<Path> catalogDirs) throws IOException {
            return new SparkWorkers(master, catalogDirs);
        }
    }
}
