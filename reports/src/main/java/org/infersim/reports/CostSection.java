package org.infersim.reports;

import static org.infersim.results.TimeSeriesCsv.Column.*;

import org.infersim.input.InvalidInputException;

/** "Cost": dollars spent over the run, and the cost per million output tokens interval by interval. */
final class CostSection extends RunSection {
    CostSection(RunPage p) {
        super(p);
    }

    @Override
    void add() throws InvalidInputException {
        page.section("cost", "Cost");
        if (!series.has(COST_SO_FAR_USD) || deployments.isEmpty()) {
            missing("Cost over time", COST_SO_FAR_USD);
            return;
        }
        // The cost column is the whole fleet's, repeated on every deployment's row.
        String first = deployments.get(0);
        double[] t = series.times(first);
        double[] cost = series.values(first, COST_SO_FAR_USD);
        page.beginGrid();
        XyChart soFar = timeChart("Cost so far", "US dollars").yFromZero()
                .line("whole fleet", time.of(withOrigin(t)), withOrigin(cost), 0);
        page.chart(soFar, "Dollars spent on GPUs from the start of the run to each moment: GPU-hours allocated "
                + "times each pool's price, warm-up included. Its slope is the cost per hour ("
                + Figures.dollars(summary.cost().perHour()) + "/h here); it ends at the run's total of "
                + Figures.dollars(summary.cost().total()) + ".", HtmlPage.Size.HALF);
        if (series.has(OUTPUT_TOKENS_PER_S)) {
            double[] tokens = new double[t.length];
            for (String dep : deployments) {
                double[] v = series.values(dep, OUTPUT_TOKENS_PER_S);
                for (int i = 0; i < Math.min(v.length, tokens.length); i++) {
                    tokens[i] += Double.isFinite(v[i]) ? v[i] : 0;
                }
            }
            double[] perMillion = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                double spent = cost[i] - (i == 0 ? 0 : cost[i - 1]);
                double generated = tokens[i] * (t[i] - (i == 0 ? 0 : t[i - 1]));
                perMillion[i] = generated > 0 ? spent / generated * 1e6 : Double.NaN;
            }
            XyChart perToken = timeChart("Cost per million output tokens over time", "US dollars per million tokens")
                    .yFromZero().line("whole fleet", time.of(t), perMillion, 0);
            page.chart(perToken, "The fleet's cost in each interval divided by the tokens it generated in that "
                    + "interval, per million: low when the GPUs are busy producing tokens, high when they are idle "
                    + "or stalled. Gaps are intervals without a generated token. Over the whole measured window the figure is "
                    + Figures.dollars(summary.cost().perMillionOutputTokens()) + ".", HtmlPage.Size.HALF);
        }
        page.endGrid();
    }

    /** Cost so far is zero at time zero, which the first sample (at the end of the first interval) leaves out. */
    private static double[] withOrigin(double[] v) {
        if (v.length == 0) {
            return v;
        }
        double[] out = new double[v.length + 1];
        System.arraycopy(v, 0, out, 1, v.length);
        return out;
    }
}
