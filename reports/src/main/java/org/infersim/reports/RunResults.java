package org.infersim.reports;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.results.ResultsFolder;
import org.infersim.results.RunSummary;
import org.infersim.results.SummaryJson;

/**
 * The files of one run's results folder, read and checked: the summary, the time series, the
 * latency distributions, the scenario text ({@code null} when the folder has no copy) and the
 * pools' time series ({@code null} in results written before it existed).
 */
record RunResults(Path dir, RunSummary summary, TimeSeriesTable series, LatencyTable latency, String scenarioText,
                  PoolSeriesTable pools) {

    static RunResults read(Path dir) throws InvalidInputException {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(new Problem(dir.toString(), 0, "", "not a folder"));
        }
        RunSummary summary = readSummary(dir.resolve(ResultsFolder.SUMMARY));
        TimeSeriesTable series = TimeSeriesTable.of(CsvTable.read(dir.resolve(ResultsFolder.TIME_SERIES)));
        LatencyTable latency = LatencyTable.of(CsvTable.read(dir.resolve(ResultsFolder.LATENCY)));
        String scenario = null;
        Path scenarioFile = dir.resolve(ResultsFolder.SCENARIO);
        if (Files.isRegularFile(scenarioFile)) {
            try {
                scenario = Files.readString(scenarioFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InvalidInputException(new Problem(scenarioFile.toString(), 0, "",
                        "cannot be read: " + e.getMessage()));
            }
        }
        Path poolsFile = dir.resolve(ResultsFolder.POOLS);
        PoolSeriesTable pools = Files.isRegularFile(poolsFile) ? PoolSeriesTable.of(CsvTable.read(poolsFile)) : null;
        return new RunResults(dir, summary, series, latency, scenario, pools);
    }

    private static RunSummary readSummary(Path file) throws InvalidInputException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(new Problem(file.toString(), 0, "",
                    "missing: a run's results folder has a summary.json written by infersim run"));
        }
        RunSummary summary;
        try {
            summary = SummaryJson.read(file);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidInputException(new Problem(file.toString(), at == null ? 0 : at.getLineNr(), "",
                    "not a summary written by infersim run: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidInputException(new Problem(file.toString(), 0, "", "cannot be read: " + e.getMessage()));
        }
        if (summary == null || summary.overall() == null || summary.requests() == null || summary.cost() == null
                || summary.streams() == null) {
            throw new InvalidInputException(new Problem(file.toString(), 0, "",
                    "incomplete: expected overall, streams, requests and cost as infersim run writes them"));
        }
        return summary;
    }
}
