package org.infersim.reports;

import static org.infersim.results.TimeSeriesCsv.Column.*;

import org.infersim.input.InvalidInputException;
import org.infersim.results.TimeSeriesCsv.Column;

/** "Traffic and queues": arrivals, completions and rejections, queued and running requests, output tokens. */
final class TrafficSection extends RunSection {
    TrafficSection(RunPage p) {
        super(p);
    }

    @Override
    void add() throws InvalidInputException {
        page.section("traffic", "Traffic and queues");
        page.beginGrid();
        if (series.has(ARRIVAL_RATE_RPS) || series.has(COMPLETION_RATE_RPS)) {
            XyChart chart = timeChart("Arrival and completion rate", "requests per second").yFromZero();
            boolean rejections = false;
            for (int d = 0; d < deployments.size(); d++) {
                String dep = deployments.get(d);
                double[] t = time.of(series.times(dep));
                addIfPresent(chart, dep, "arrivals", ARRIVAL_RATE_RPS, t, d, false);
                addIfPresent(chart, dep, "completions", COMPLETION_RATE_RPS, t, d, true);
                if (series.has(REJECTIONS)) {
                    double[] rejected = series.values(dep, REJECTIONS);
                    if (anyPositive(rejected)) {
                        rejections = true;
                        double[] perSecond = new double[rejected.length];
                        for (int i = 0; i < rejected.length; i++) {
                            perSecond[i] = rejected[i] / interval;
                        }
                        chart.points(label(dep, "rejections"), t, perSecond, ChartStyle.color(d), XyChart.square(3));
                    }
                }
            }
            page.chart(chart, "Requests arriving (solid) and completing (dashed) per second, averaged over each "
                    + Figures.duration(interval) + " interval, per deployment. Completions that keep up with "
                    + "arrivals mean the deployment is keeping pace; a persistent gap means a growing backlog."
                    + (rejections ? " Squares are requests rejected per second." : "") + " " + warmupSentence(),
                    HtmlPage.Size.HALF);
        } else {
            missing("Arrival and completion rate", ARRIVAL_RATE_RPS, COMPLETION_RATE_RPS);
        }
        if (series.has(QUEUE_LENGTH) || series.has(RUNNING)) {
            XyChart chart = timeChart("Queued and running requests", "requests").yFromZero().integerY();
            for (int d = 0; d < deployments.size(); d++) {
                String dep = deployments.get(d);
                double[] t = time.of(series.times(dep));
                addIfPresent(chart, dep, "queued", QUEUE_LENGTH, t, d, false);
                addIfPresent(chart, dep, "running", RUNNING, t, d, true);
            }
            page.chart(chart, "Requests waiting for admission (solid) and sequences in the running batch (dashed) "
                    + "at the end of each interval, summed over the deployment's replicas. A queue that grows "
                    + "and does not drain means the deployment is overloaded. " + warmupSentence(),
                    HtmlPage.Size.HALF);
        } else {
            missing("Queued and running requests", QUEUE_LENGTH, RUNNING);
        }
        if (series.has(OUTPUT_TOKENS_PER_S)) {
            XyChart chart = timeChart("Output tokens per second", "tokens per second").yFromZero();
            for (int d = 0; d < deployments.size(); d++) {
                String dep = deployments.get(d);
                chart.line(label(dep, "output tokens/s"), time.of(series.times(dep)),
                        series.values(dep, OUTPUT_TOKENS_PER_S), d);
            }
            page.chart(chart, "Tokens generated per second over each interval, per deployment: the decode "
                    + "throughput the users received. " + warmupSentence(), HtmlPage.Size.HALF);
        }
        page.endGrid();
    }

    private void addIfPresent(XyChart chart, String dep, String what, Column column, double[] t, int color,
                              boolean dashed) throws InvalidInputException {
        if (series.has(column)) {
            chart.add(new XyChart.Series(label(dep, what), t, series.values(dep, column), ChartStyle.color(color),
                    true, dashed, false, null));
        }
    }

    private static boolean anyPositive(double[] v) {
        for (double x : v) {
            if (x > 0) {
                return true;
            }
        }
        return false;
    }
}
