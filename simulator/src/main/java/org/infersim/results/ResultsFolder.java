package org.infersim.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.infersim.metrics.TimeSeries;

/**
 * The files of one run's results folder. Each is written to a temporary name and renamed, and
 * {@code summary.json} goes last: a folder whose summary is present is complete, which is what
 * an interrupted batch checks to resume.
 */
public final class ResultsFolder {
    public static final String SUMMARY = "summary.json";
    public static final String TIME_SERIES = "timeseries.csv";
    public static final String POOLS = "pools.csv";
    public static final String LATENCY = "latency.csv";
    public static final String SCENARIO = "scenario.yaml";
    public static final String REQUESTS = "requests.csv";
    public static final String REPORT = "report.html";

    private ResultsFolder() {}

    public static void write(Path dir, RunSummary summary, TimeSeries series, List<LatencyDistribution> latencies,
                             String scenarioText) throws IOException {
        Instant started = Instant.now();
        Files.createDirectories(dir);
        AtomicFile.write(dir.resolve(SCENARIO), scenarioText);
        try (AtomicFile csv = new AtomicFile(dir.resolve(TIME_SERIES))) {
            TimeSeriesCsv.write(series, csv.writer());
            csv.commit();
        }
        try (AtomicFile csv = new AtomicFile(dir.resolve(POOLS))) {
            PoolsCsv.write(series.pools(), csv.writer());
            csv.commit();
        }
        try (AtomicFile csv = new AtomicFile(dir.resolve(LATENCY))) {
            LatencyCsv.write(latencies, csv.writer());
            csv.commit();
        }
        AtomicFile.write(dir.resolve(SUMMARY), SummaryJson.write(summary));
        // A run killed while it logged requests leaves a temporary log that a run without
        // --requests would never replace; this run's own log, if any, is committed by now.
        AtomicFile.removeStale(dir.resolve(REQUESTS), FileTime.from(started));
    }

    /** True when the folder holds a finished run's results. */
    public static boolean isComplete(Path dir) {
        return Files.isRegularFile(dir.resolve(SUMMARY));
    }
}
