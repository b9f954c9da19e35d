package org.infersim.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A chart of lines and points on an x–y plane: every chart of the reports is one (CDFs, time
 * series, cost curves, the Pareto front; categorical x values become a symbol axis). Undefined
 * values (NaN) leave a gap rather than a misleading zero.
 */
final class XyChart {
    enum Scale { LINEAR, LOG }

    /** A line longer than twice this is thinned to the extremes of this many runs of values. */
    static final int BUCKETS = 800;

    /** How one series is drawn. */
    record Series(String name, double[] x, double[] y, Color color, boolean lines, boolean dashed,
                  boolean points, Shape shape) {}

    private record Reference(double value, String label, boolean onX) {}

    private record Note(double x, double y, String text) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();
    private Scale xScale = Scale.LINEAR;
    private Scale yScale = Scale.LINEAR;
    private String[] xSymbols;
    private boolean steps;
    private boolean yFromZero;
    private boolean integerY;
    private Double xMin;
    private Double xMax;
    private Double yMax;
    private double bandFrom = Double.NaN;
    private double bandTo = Double.NaN;
    private String subtitle;
    private int visibleReferences;
    private final List<Series> rightSeries = new ArrayList<>();
    private String rightLabel;

    XyChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** A solid line in the i-th colour of the palette. */
    XyChart line(String name, double[] x, double[] y, int color) {
        return add(new Series(name, x, y, ChartStyle.color(color), true, false, false, null));
    }

    /** A dashed line: the companion of a solid one in the same colour (p50 beside p95). */
    XyChart dashedLine(String name, double[] x, double[] y, int color) {
        return add(new Series(name, x, y, ChartStyle.color(color), true, true, false, null));
    }

    /** A line with a dot at each value: for series with few points or gaps. */
    XyChart lineWithPoints(String name, double[] x, double[] y, int color) {
        // Past the palette's colours, a series repeats a colour but not its look: dashed, with squares.
        boolean again = color >= ChartStyle.colors();
        return add(new Series(name, x, y, ChartStyle.color(color), true, again, true, again ? square(3.2) : dot(3.5)));
    }

    /**
     * How many lines the legend takes at {@code width} (items flow left to right, each as wide as
     * its name at about 6.5 units a character plus its swatch): what the chart's height must add
     * so that a long legend does not squash the plot.
     */
    int legendLines(int width) {
        int n = series.size() + rightSeries.size();
        if (n <= 1) {
            return 0;
        }
        int longest = 0;
        for (Series s : series) {
            longest = Math.max(longest, s.name().length());
        }
        int perLine = Math.max(1, (int) (width / (longest * 6.5 + 28)));
        return (n + perLine - 1) / perLine;
    }

    /** Points only. */
    XyChart points(String name, double[] x, double[] y, Color color, Shape shape) {
        return add(new Series(name, x, y, color, false, false, true, shape));
    }

    XyChart add(Series s) {
        series.add(s);
        return this;
    }

    /**
     * A line on a second y axis at the right, from zero (the load behind a count of replicas):
     * two quantities in different units on one time axis, so that a reader sees one follow the other.
     */
    XyChart rightLine(String axisLabel, String name, double[] x, double[] y, Color color) {
        rightLabel = axisLabel;
        rightSeries.add(new Series(name, x, y, color, true, false, false, null));
        return this;
    }

    XyChart logX() {
        xScale = Scale.LOG;
        return this;
    }

    XyChart logY() {
        yScale = Scale.LOG;
        return this;
    }

    /** Categorical x: value i of every series sits at the i-th symbol. */
    XyChart xSymbols(List<String> symbols) {
        xSymbols = symbols.toArray(String[]::new);
        return this;
    }

    /** Values held until the next sample (counts per interval, replicas). */
    XyChart steps() {
        steps = true;
        return this;
    }

    XyChart yFromZero() {
        yFromZero = true;
        return this;
    }

    /** Whole-number ticks on y (requests in a queue, replicas). */
    XyChart integerY() {
        integerY = true;
        return this;
    }

    XyChart xRange(double min, double max) {
        xMin = min;
        xMax = max;
        return this;
    }

    /** An upper bound for y (100 for percentages), never cutting a value off. */
    XyChart yMax(double max) {
        yMax = max;
        return this;
    }

    /** A horizontal reference line (a target) drawn across the plot, labelled. */
    XyChart yReference(double y, String label) {
        references.add(new Reference(y, label, false));
        return this;
    }

    /** A vertical reference line, labelled. */
    XyChart xReference(double x, String label) {
        references.add(new Reference(x, label, true));
        return this;
    }

    /** A shaded span of x (the warm-up). */
    XyChart band(double from, double to) {
        bandFrom = from;
        bandTo = to;
        return this;
    }

    /** A short text at a point of the plot. */
    XyChart note(double x, double y, String text) {
        notes.add(new Note(x, y, text));
        return this;
    }

    XyChart subtitle(String text) {
        subtitle = text;
        return this;
    }

    boolean isEmpty() {
        for (Series s : series) {
            for (double v : s.y()) {
                if (Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    JFreeChart build() {
        XYSeriesCollection data = dataset();
        XYLineAndShapeRenderer renderer = renderer();
        ValueAxis xAxis = xSymbols != null ? ChartStyle.symbolAxis(xLabel, xSymbols)
                : xScale == Scale.LOG ? ChartStyle.logAxis(xLabel) : ChartStyle.linearAxis(xLabel);
        ValueAxis yAxis = yAxis();
        XYPlot plot = plot(data, xAxis, yAxis, renderer);
        addMarkers(plot);
        addNotes(plot);
        if (!rightSeries.isEmpty()) {
            addRightAxis(plot);
        }
        String offChart = fitRanges(xAxis, yAxis);
        if (xAxis instanceof NumberAxis n && xScale == Scale.LINEAR && xSymbols == null) {
            n.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(niceStep(n.getRange().getLength() / MAX_X_TICKS),
                    ChartStyle.format("#,##0.###")));
        }
        return chart(plot, offChart);
    }

    /**
     * At most this many steps along a linear x axis: JFreeChart sizes its ticks by font metrics the
     * SVG it draws does not keep, so on a 3-hour run it labelled every 0.1 h and the labels ran together.
     */
    static final int MAX_X_TICKS = 8;

    /** The smallest step of 1, 2, 2.5 or 5 times a power of ten that is at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * power >= raw * (1 - 1e-9)) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** The series' values; an undefined one (or one a log axis cannot show) is a gap. */
    private XYSeriesCollection dataset() {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Series s : series) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            int[] kept = s.lines() && !s.points() ? decimated(s.y()) : null;
            int n = kept == null ? s.x().length : kept.length;
            for (int k = 0; k < n; k++) {
                int i = kept == null ? k : kept[k];
                double x = s.x()[i];
                double y = s.y()[i];
                boolean defined = Double.isFinite(x) && Double.isFinite(y)
                        && (xScale != Scale.LOG || x > 0) && (yScale != Scale.LOG || y > 0);
                if (Double.isFinite(x) && (xScale != Scale.LOG || x > 0)) {
                    xy.add(x, defined ? Double.valueOf(y) : null);
                }
            }
            data.addSeries(xy);
        }
        return data;
    }

    private XYLineAndShapeRenderer renderer() {
        XYLineAndShapeRenderer renderer = steps ? new XYStepRenderer() : new XYLineAndShapeRenderer();
        renderer.setDrawSeriesLineAsPath(!steps);
        renderer.setAutoPopulateSeriesShape(false);
        renderer.setAutoPopulateSeriesStroke(false);
        renderer.setAutoPopulateSeriesPaint(false);
        renderer.setDefaultShape(dot(3));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            renderer.setSeriesPaint(i, s.color());
            renderer.setSeriesStroke(i, s.dashed() ? ChartStyle.DASHED : ChartStyle.LINE);
            renderer.setSeriesLinesVisible(i, s.lines());
            renderer.setSeriesShapesVisible(i, s.points());
            renderer.setSeriesShape(i, s.shape() != null ? s.shape() : dot(3));
        }
        return renderer;
    }

    private ValueAxis yAxis() {
        ValueAxis yAxis = yScale == Scale.LOG ? ChartStyle.logAxis(yLabel) : ChartStyle.linearAxis(yLabel);
        if (yAxis instanceof NumberAxis n && yScale == Scale.LINEAR) {
            n.setAutoRangeIncludesZero(yFromZero);
            if (integerY) {
                n.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.US));
            }
        }
        return yAxis;
    }

    private static XYPlot plot(XYSeriesCollection data, ValueAxis xAxis, ValueAxis yAxis,
                               XYLineAndShapeRenderer renderer) {
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(ChartStyle.BACKGROUND);
        plot.setOutlinePaint(ChartStyle.GRID);
        plot.setDomainGridlinePaint(ChartStyle.GRID);
        plot.setRangeGridlinePaint(ChartStyle.GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setNoDataMessage("no data: nothing was measured for this chart");
        plot.setNoDataMessageFont(ChartStyle.AXIS_LABEL);
        return plot;
    }

    /** The warm-up band and the reference lines with their labels. */
    private void addMarkers(XYPlot plot) {
        if (Double.isFinite(bandFrom) && bandTo > bandFrom) {
            // Unlabelled: a label inside the plot would sit on the lines; captions say what the band is.
            plot.addDomainMarker(new IntervalMarker(bandFrom, bandTo, ChartStyle.BAND), Layer.BACKGROUND);
        }
        int xLabels = 0;
        int yLabels = 0;
        for (Reference r : references) {
            ValueMarker m = new ValueMarker(r.value(), ChartStyle.REFERENCE, ChartStyle.REFERENCE_LINE);
            m.setLabel(r.label());
            m.setLabelFont(ChartStyle.NOTE);
            m.setLabelPaint(ChartStyle.REFERENCE);
            m.setLabelBackgroundColor(ChartStyle.LABEL_BACKGROUND);
            if (r.onX()) {
                // Left of the line, where there is room even for a line at the right edge; labels of
                // several lines step down so that they do not overlap.
                m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
                m.setLabelOffset(new RectangleInsets(4 + 16 * xLabels++, 4, 4, 4));
                plot.addDomainMarker(m, Layer.FOREGROUND);
            } else {
                m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
                m.setLabelOffset(new RectangleInsets(2, 6 + 120 * yLabels++, 2, 6));
                plot.addRangeMarker(m, Layer.FOREGROUND);
            }
        }
    }

    private void addNotes(XYPlot plot) {
        for (Note n : notes) {
            // A short leader up and to the right, so the text clears the marker it names.
            XYPointerAnnotation a = new XYPointerAnnotation(n.text(), n.x(), n.y(), -Math.PI / 4);
            a.setFont(ChartStyle.NOTE);
            a.setPaint(ChartStyle.TEXT);
            a.setArrowPaint(ChartStyle.AXIS);
            a.setArrowStroke(new BasicStroke(1f));
            a.setArrowLength(0);
            a.setArrowWidth(0);
            a.setTipRadius(9);
            a.setBaseRadius(20);
            a.setLabelOffset(3);
            a.setTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addAnnotation(a);
        }
    }

    /** The chart around the plot: title, the subtitle (with what lies off the chart) and the legend. */
    private JFreeChart chart(XYPlot plot, String offChart) {
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, series.size() + rightSeries.size() > 1);
        chart.setBackgroundPaint(ChartStyle.BACKGROUND);
        chart.setPadding(new RectangleInsets(6, 6, 6, 12));
        chart.getTitle().setPaint(ChartStyle.TEXT);
        String sub = subtitle == null ? offChart : offChart == null ? subtitle : subtitle + "; " + offChart;
        if (sub != null) {
            TextTitle text = new TextTitle(sub, ChartStyle.NOTE);
            text.setPaint(ChartStyle.AXIS);
            chart.addSubtitle(text);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(ChartStyle.LEGEND);
            legend.setItemPaint(ChartStyle.TEXT);
            legend.setFrame(BlockBorder.NONE);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setBackgroundPaint(ChartStyle.BACKGROUND);
        }
        return chart;
    }

    private void addRightAxis(XYPlot plot) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setDrawSeriesLineAsPath(true);
        renderer.setAutoPopulateSeriesPaint(false);
        renderer.setAutoPopulateSeriesStroke(false);
        double highest = 0;
        for (int i = 0; i < rightSeries.size(); i++) {
            Series s = rightSeries.get(i);
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (int k = 0; k < s.x().length; k++) {
                if (Double.isFinite(s.x()[k])) {
                    boolean defined = Double.isFinite(s.y()[k]);
                    xy.add(s.x()[k], defined ? Double.valueOf(s.y()[k]) : null);
                    if (defined) {
                        highest = Math.max(highest, s.y()[k]);
                    }
                }
            }
            data.addSeries(xy);
            renderer.setSeriesPaint(i, s.color());
            renderer.setSeriesStroke(i, s.dashed() ? ChartStyle.DASHED : ChartStyle.LINE);
        }
        NumberAxis axis = ChartStyle.linearAxis(rightLabel);
        axis.setRange(0, highest > 0 ? highest * 1.08 : 1);
        int index = 1;
        plot.setRangeAxis(index, axis);
        plot.setDataset(index, data);
        plot.mapDatasetToRangeAxis(index, index);
        plot.setRenderer(index, renderer);
    }

    /**
     * Fixed bounds where asked, a little room above the highest value (a line at 100% should not
     * merge with the frame), and room for the reference lines, so that a target just above the
     * data is seen; one far above is left out of the range and said in a subtitle instead, rather
     * than squashing the data into the bottom of the chart. Returns that subtitle, or null.
     */
    private String fitRanges(ValueAxis xAxis, ValueAxis yAxis) {
        if (xMin != null && xSymbols == null) {
            xAxis.setRange(xMin, xMax);
        }
        if (xSymbols != null) {
            xAxis.setRange(-0.5, xSymbols.length - 0.5);
        }
        Range y = yAxis.getRange();
        double lower = y.getLowerBound();
        double upper = y.getUpperBound();
        double highest = dataMax(false);
        if (yScale == Scale.LINEAR && yFromZero) {
            lower = 0;
            if (highest > 0) {
                // Whole numbers get a whole step of headroom, so a constant count is not drawn on the frame.
                upper = Math.max(upper, integerY ? highest + Math.max(1, Math.ceil(highest * 0.1)) : highest * 1.08);
            } else {
                upper = 1; // nothing but zeros: show them at the bottom, not in the middle
            }
        }
        if (yMax != null && !isEmpty() && highest <= yMax) {
            upper = yMax + 0.04 * (yMax - lower);
        }
        for (Reference r : references) {
            if (r.onX()) {
                Range x = xAxis.getRange();
                if (r.value() > x.getUpperBound() && r.value() <= 2.5 * x.getUpperBound()) {
                    xAxis.setRange(x.getLowerBound(), r.value() * 1.08);
                }
                continue;
            }
            if (r.value() > upper && (isEmpty() || r.value() <= 2.5 * highest)) {
                upper = r.value() * (yScale == Scale.LOG ? 1.3 : 1.08);
            }
        }
        if (upper > lower && (upper != y.getUpperBound() || lower != y.getLowerBound())) {
            yAxis.setRange(lower, upper);
        }
        List<String> offChart = new ArrayList<>();
        visibleReferences = 0;
        for (Reference r : references) {
            Range axis = r.onX() ? xAxis.getRange() : yAxis.getRange();
            if (axis.contains(r.value())) {
                visibleReferences++;
            } else {
                offChart.add(r.label() + (r.value() > axis.getUpperBound() ? " is above" : " is below")
                        + " this range");
            }
        }
        return offChart.isEmpty() ? null : String.join("; ", offChart);
    }

    /** How many reference lines the last {@link #build()} drew inside the plot. */
    int visibleReferences() {
        return visibleReferences;
    }

    /**
     * The indices of the values to draw when a line has far more values than the chart has
     * pixels (a day at one-second resolution): in each of {@link #BUCKETS} runs of consecutive
     * values, the lowest and the highest, in their order, so that spikes survive. Null when the
     * line is short enough to draw whole. Gaps shorter than a run are not drawn.
     */
    static int[] decimated(double[] y) {
        if (y.length <= 2 * BUCKETS) {
            return null;
        }
        int[] kept = new int[2 * BUCKETS + 2];
        int n = 0;
        double per = (double) y.length / BUCKETS;
        for (int b = 0; b < BUCKETS; b++) {
            int from = (int) Math.floor(b * per);
            int to = (int) Math.min(y.length, Math.floor((b + 1) * per));
            int low = -1;
            int high = -1;
            for (int i = from; i < to; i++) {
                if (Double.isFinite(y[i])) {
                    if (low < 0 || y[i] < y[low]) {
                        low = i;
                    }
                    if (high < 0 || y[i] > y[high]) {
                        high = i;
                    }
                }
            }
            if (low < 0) {
                kept[n++] = from; // all undefined: keep the gap
            } else if (low == high) {
                kept[n++] = low;
            } else {
                kept[n++] = Math.min(low, high);
                kept[n++] = Math.max(low, high);
            }
        }
        return java.util.Arrays.copyOf(kept, n);
    }

    private double dataMax(boolean onX) {
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            double[] v = onX ? s.x() : s.y();
            for (double d : v) {
                if (Double.isFinite(d)) {
                    max = Math.max(max, d);
                }
            }
        }
        return max;
    }

    static Shape dot(double radius) {
        return new Ellipse2D.Double(-radius, -radius, 2 * radius, 2 * radius);
    }

    static Shape diamond(double radius) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, -radius);
        p.lineTo(radius, 0);
        p.lineTo(0, radius);
        p.lineTo(-radius, 0);
        p.closePath();
        return p;
    }

    static Shape square(double half) {
        return new java.awt.geom.Rectangle2D.Double(-half, -half, 2 * half, 2 * half);
    }
}
