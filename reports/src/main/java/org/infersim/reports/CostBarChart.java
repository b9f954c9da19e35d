package org.infersim.reports;

import java.awt.BasicStroke;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Monthly cost per cost model as horizontal stacked bars: a model priced by the hour is one
 * segment, the on-prem one is split into what its month is made of (depreciation, space,
 * electricity), so that a reader sees which part of owning dominates.
 */
final class CostBarChart {
    /** One bar: a cost model and its parts, each named, in dollars a month. */
    record Bar(String model, List<Part> parts) {}

    record Part(String name, double dollars) {}

    private final String title;
    private final String xLabel;
    private final DefaultCategoryDataset data = new DefaultCategoryDataset();

    CostBarChart(String title, String xLabel) {
        this.title = title;
        this.xLabel = xLabel;
    }

    CostBarChart bar(Bar bar) {
        for (Part p : bar.parts()) {
            data.addValue(p.dollars(), p.name(), bar.model());
        }
        return this;
    }

    JFreeChart build() {
        StackedBarRenderer bars = new StackedBarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setMaximumBarWidth(0.25);
        for (int i = 0; i < data.getRowCount(); i++) {
            bars.setSeriesPaint(i, ChartStyle.color(i));
        }
        CategoryAxis models = new CategoryAxis(null);
        models.setTickLabelFont(ChartStyle.AXIS_LABEL);
        models.setTickLabelPaint(ChartStyle.TEXT);
        models.setAxisLinePaint(ChartStyle.AXIS);
        models.setCategoryMargin(0.3);
        NumberAxis dollars = ChartStyle.linearAxis(xLabel);
        dollars.setAutoRangeIncludesZero(true);
        dollars.setNumberFormatOverride(ChartStyle.format("$#,##0"));
        CategoryPlot plot = new CategoryPlot(data, models, dollars, bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        plot.setBackgroundPaint(ChartStyle.BACKGROUND);
        plot.setOutlinePaint(ChartStyle.GRID);
        plot.setRangeGridlinePaint(ChartStyle.GRID);
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        chart.setBackgroundPaint(ChartStyle.BACKGROUND);
        chart.setPadding(new RectangleInsets(6, 6, 6, 12));
        chart.getTitle().setPaint(ChartStyle.TEXT);
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(ChartStyle.LEGEND);
        legend.setItemPaint(ChartStyle.TEXT);
        legend.setFrame(BlockBorder.NONE);
        legend.setPosition(RectangleEdge.BOTTOM);
        return chart;
    }
}
