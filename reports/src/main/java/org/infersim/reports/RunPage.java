package org.infersim.reports;

import java.util.List;
import org.infersim.input.InvalidInputException;
import org.infersim.results.ResultsFolder;
import org.infersim.results.RunSummary;

/**
 * What every section of a run's report reads: the run's results, its scenario in brief, the time
 * series and its deployments, the unit of the time axis and the metrics interval, and the page
 * the sections are written onto.
 */
record RunPage(RunResults run, RunSummary summary, ScenarioBrief brief, TimeSeriesTable series,
               List<String> deployments, TimeUnit time, double interval, HtmlPage page) {

    static RunPage of(RunResults run) throws InvalidInputException {
        RunSummary summary = run.summary();
        ScenarioBrief brief = run.scenarioText() == null ? ScenarioBrief.none()
                : ScenarioBrief.parse(run.scenarioText(), run.dir().resolve(ResultsFolder.SCENARIO).toString());
        TimeSeriesTable series = run.series();
        List<String> deployments = series.deployments();
        TimeUnit time = TimeUnit.forDuration(summary.durationS());
        double interval = intervalSeconds(series, deployments);
        HtmlPage page = new HtmlPage("Run report: " + summary.scenario(),
                "infersim simulation of " + Figures.duration(summary.durationS()) + " (the first "
                        + Figures.duration(summary.warmupS()) + " are warm-up, left out of the statistics), seed "
                        + summary.seed() + ".");
        return new RunPage(run, summary, brief, series, deployments, time, interval, page);
    }

    /** The interval of the time series, from its first two samples of one deployment. */
    private static double intervalSeconds(TimeSeriesTable series, List<String> deployments)
            throws InvalidInputException {
        if (!deployments.isEmpty()) {
            double[] t = series.times(deployments.get(0));
            if (t.length >= 2 && t[1] > t[0]) {
                return t[1] - t[0];
            }
            if (t.length == 1 && t[0] > 0) {
                return t[0];
            }
        }
        return Double.NaN;
    }
}
