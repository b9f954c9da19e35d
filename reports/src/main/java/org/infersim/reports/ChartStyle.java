package org.infersim.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;

/**
 * The look shared by every chart: fonts sized to stay legible when the chart is scaled to a
 * laptop's column, a colour-blind-safe palette (Okabe and Ito), and number formats fixed to one
 * locale so that a report reads the same, byte for byte, on every machine.
 */
final class ChartStyle {
    static final String FONT_FAMILY = "SansSerif";
    static final Font TITLE = new Font(FONT_FAMILY, Font.BOLD, 15);
    static final Font AXIS_LABEL = new Font(FONT_FAMILY, Font.PLAIN, 13);
    static final Font TICK_LABEL = new Font(FONT_FAMILY, Font.PLAIN, 12);
    static final Font LEGEND = new Font(FONT_FAMILY, Font.PLAIN, 12);
    static final Font NOTE = new Font(FONT_FAMILY, Font.PLAIN, 11);

    static final Color BACKGROUND = Color.WHITE;
    static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    static final Color AXIS = new Color(0x55, 0x55, 0x55);
    static final Color TEXT = new Color(0x22, 0x22, 0x22);
    static final Color REFERENCE = new Color(0xB0, 0x00, 0x20);
    static final Color BAND = new Color(0x99, 0x99, 0x99, 0x33);
    static final Color LABEL_BACKGROUND = new Color(0xFF, 0xFF, 0xFF, 0xD0);
    static final Color MUTED = new Color(0x99, 0x99, 0x99);

    /** Okabe–Ito, without the yellow that vanishes on white. */
    private static final Color[] PALETTE = {
        new Color(0x00, 0x72, 0xB2), // blue
        new Color(0xD5, 0x5E, 0x00), // vermillion
        new Color(0x00, 0x9E, 0x73), // bluish green
        new Color(0xCC, 0x79, 0xA7), // reddish purple
        new Color(0xE6, 0x9F, 0x00), // orange
        new Color(0x56, 0xB4, 0xE9), // sky blue
        new Color(0x00, 0x00, 0x00), // black
        new Color(0x88, 0x88, 0x88), // grey
    };

    static final Stroke LINE = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {6f, 4f}, 0f);
    static final Stroke REFERENCE_LINE = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {8f, 4f}, 0f);

    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.US);

    private ChartStyle() {}

    /** How many colours the palette has before {@link #color} repeats them. */
    static int colors() {
        return PALETTE.length;
    }

    /** The i-th colour of the palette, cycling when a chart has more series than colours. */
    static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    static NumberFormat format(String pattern) {
        return new DecimalFormat(pattern, SYMBOLS);
    }

    static NumberAxis linearAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.US));
        axis.setAutoRangeIncludesZero(false);
        return style(axis);
    }

    /** Powers of ten labelled as plain numbers (10, 100, 1,000), which a reader takes in faster than 10^2. */
    static LogAxis logAxis(String label) {
        LogAxis axis = new TextLabelLogAxis(label, format("#,##0.###"));
        axis.setBase(10);
        axis.setSmallestValue(1e-3);
        axis.setTickUnit(new NumberTickUnit(1.0, format("#,##0.###")));
        axis.setNumberFormatOverride(format("#,##0.###"));
        axis.setMinorTickMarksVisible(true);
        return style(axis);
    }

    static SymbolAxis symbolAxis(String label, String[] symbols) {
        SymbolAxis axis = new SymbolAxis(label, symbols);
        axis.setGridBandsVisible(false);
        return style(axis);
    }

    /**
     * A log axis whose tick labels are plain strings. JFreeChart's own are attributed strings,
     * which reach the SVG as glyph outlines instead of text: heavier, blurrier, and not text.
     */
    private static final class TextLabelLogAxis extends LogAxis {
        private static final long serialVersionUID = 1L;
        private final NumberFormat labels;

        TextLabelLogAxis(String label, NumberFormat labels) {
            super(label);
            this.labels = labels;
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
            List<ValueTick> plain = new ArrayList<>();
            for (Object o : super.refreshTicks(g2, state, dataArea, edge)) {
                ValueTick t = (ValueTick) o;
                String text = t.getTickType() == TickType.MAJOR ? labels.format(t.getValue()) : "";
                plain.add(new NumberTick(t.getTickType(), t.getValue(), text, t.getTextAnchor(), t.getRotationAnchor(),
                        t.getAngle()));
            }
            return plain;
        }
    }

    static <A extends ValueAxis> A style(A axis) {
        axis.setLabelFont(AXIS_LABEL);
        axis.setLabelPaint(TEXT);
        axis.setTickLabelFont(TICK_LABEL);
        axis.setTickLabelPaint(TEXT);
        axis.setAxisLinePaint(AXIS);
        axis.setTickMarkPaint(AXIS);
        return axis;
    }
}
