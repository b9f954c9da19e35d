package org.infersim.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * One figure compared across policies: each policy's mean as a dot with its confidence interval
 * as an error bar, and the replications' own values as small faint dots beside it, so that a
 * reader sees both the estimate and the spread it comes from. A policy without results leaves
 * its place empty.
 */
final class IntervalChart {
    /** One policy's estimate; mean NaN when it has none, low and high NaN when it has no interval. */
    record Estimate(String policy, double mean, double low, double high, double[] values) {}

    /** Where the replications' dots sit, right of the error bar. */
    private static final double VALUES_OFFSET = 0.2;

    private final String title;
    private final String yLabel;
    private final List<Estimate> estimates = new ArrayList<>();
    private double floor = Double.NEGATIVE_INFINITY;
    private double ceiling = Double.POSITIVE_INFINITY;

    IntervalChart(String title, String yLabel) {
        this.title = title;
        this.yLabel = yLabel;
    }

    /** Values the figure cannot pass (0 and 100 for a percentage), so that the padding does not suggest 105%. */
    IntervalChart bounds(double min, double max) {
        floor = min;
        ceiling = max;
        return this;
    }

    IntervalChart add(Estimate e) {
        estimates.add(e);
        return this;
    }

    JFreeChart build() {
        YIntervalSeriesCollection means = new YIntervalSeriesCollection();
        XYSeriesCollection values = new XYSeriesCollection();
        XYErrorRenderer bars = new XYErrorRenderer();
        bars.setDrawXError(false);
        bars.setDrawYError(true);
        bars.setCapLength(12);
        bars.setErrorStroke(new BasicStroke(2f));
        bars.setDefaultLinesVisible(false);
        bars.setDefaultShapesVisible(true);
        bars.setAutoPopulateSeriesShape(false);
        bars.setAutoPopulateSeriesPaint(false);
        bars.setDefaultShape(XyChart.dot(5.5));
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        dots.setAutoPopulateSeriesShape(false);
        dots.setAutoPopulateSeriesPaint(false);
        dots.setDefaultShape(XyChart.dot(2.5));
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < estimates.size(); i++) {
            Estimate e = estimates.get(i);
            Color color = ChartStyle.color(i);
            YIntervalSeries s = new YIntervalSeries(e.policy());
            if (Double.isFinite(e.mean())) {
                // Without an interval (one replication) the bar shrinks to the dot.
                double lo = Double.isFinite(e.low()) ? e.low() : e.mean();
                double hi = Double.isFinite(e.high()) ? e.high() : e.mean();
                s.add(i, e.mean(), lo, hi);
                low = Math.min(low, lo);
                high = Math.max(high, hi);
            }
            means.addSeries(s);
            bars.setSeriesPaint(i, color);
            bars.setSeriesShape(i, XyChart.dot(5.5));
            XYSeries v = new XYSeries(e.policy() + " replications", false, true);
            for (double x : e.values()) {
                if (Double.isFinite(x)) {
                    v.add(i + VALUES_OFFSET, x);
                    low = Math.min(low, x);
                    high = Math.max(high, x);
                }
            }
            values.addSeries(v);
            dots.setSeriesPaint(i, new Color(color.getRed(), color.getGreen(), color.getBlue(), 0x80));
            dots.setSeriesShape(i, XyChart.dot(2.5));
        }

        SymbolAxis x = ChartStyle.symbolAxis("policy",
                estimates.stream().map(Estimate::policy).toArray(String[]::new));
        x.setRange(-0.5, estimates.size() - 0.5);
        NumberAxis y = ChartStyle.linearAxis(yLabel);
        if (Double.isFinite(low)) {
            // A little room around the data, and a span even when every value is the same.
            double pad = high > low ? 0.12 * (high - low) : Math.max(Math.abs(high) * 0.05, 0.5);
            double from = Math.max(floor, low - pad);
            double to = Math.min(ceiling, high + pad);
            double room = 0.03 * (to - from); // a dot at the bound is not cut by the frame
            y.setRange(from - (from == floor ? room : 0), to + (to == ceiling ? room : 0));
        }
        XYPlot plot = new XYPlot(means, x, y, bars);
        plot.setDataset(1, values);
        plot.setRenderer(1, dots);
        plot.setBackgroundPaint(ChartStyle.BACKGROUND);
        plot.setOutlinePaint(ChartStyle.GRID);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinePaint(ChartStyle.GRID);
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setNoDataMessage("no data: no policy reported this figure");
        plot.setNoDataMessageFont(ChartStyle.AXIS_LABEL);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, false);
        chart.setBackgroundPaint(ChartStyle.BACKGROUND);
        chart.setPadding(new RectangleInsets(6, 6, 6, 12));
        chart.getTitle().setPaint(ChartStyle.TEXT);
        return chart;
    }
}
