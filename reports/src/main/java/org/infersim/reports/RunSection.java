package org.infersim.reports;

import java.util.ArrayList;
import java.util.List;
import org.infersim.input.InvalidInputException;
import org.infersim.results.RunSummary;
import org.infersim.results.TimeSeriesCsv.Column;

/**
 * A section of a run's report: it writes itself onto the page from what {@link RunPage} holds,
 * and has at hand the pieces several sections share (a chart over the run's time, the warm-up
 * sentence, the note for a chart a results folder cannot draw).
 */
abstract class RunSection {
    final RunResults run;
    final RunSummary summary;
    final ScenarioBrief brief;
    final TimeSeriesTable series;
    final List<String> deployments;
    final TimeUnit time;
    final double interval;
    final HtmlPage page;

    RunSection(RunPage p) {
        this.run = p.run();
        this.summary = p.summary();
        this.brief = p.brief();
        this.series = p.series();
        this.deployments = p.deployments();
        this.time = p.time();
        this.interval = p.interval();
        this.page = p.page();
    }

    /** Writes the section onto the page. */
    abstract void add() throws InvalidInputException;

    XyChart timeChart(String title, String yLabel) {
        XyChart chart = new XyChart(title, "time since start (" + time.label() + ")", yLabel)
                .xRange(0, time.of(summary.durationS()));
        if (summary.warmupS() > 0) {
            chart.band(0, time.of(summary.warmupS()));
        }
        return chart;
    }

    String warmupSentence() {
        return summary.warmupS() > 0 ? "The grey band is the warm-up, left out of the summary figures." : "";
    }

    void missing(String chart, Column... columns) {
        List<String> names = new ArrayList<>();
        for (Column c : columns) {
            names.add(c.header());
        }
        page.html("<p class=\"note\">" + HtmlPage.escape(chart + ": not drawn, because timeseries.csv has no "
                + String.join(" and ", names) + " column.") + "</p>");
    }

    /** The series name: the deployment's name is left out when there is only one. */
    String label(String deployment, String what) {
        return deployments.size() == 1 ? what : deployment + " " + what;
    }

    /** A share as a table cell: sorted by its value, shown as a percentage. */
    static HtmlTable.Cell pct(double fraction) {
        return HtmlTable.number(fraction, Figures.percent(fraction));
    }
}
