package org.infersim.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.infersim.input.Quantities;
import org.infersim.results.BatchCsv.Figure;

/**
 * A section of a batch's report: it writes itself onto the page from what {@link BatchPage}
 * holds, and has at hand what several sections share (a run by its id, its configuration, the
 * variants and their means, the marks of the cheapest runs, the cells of figures).
 */
abstract class BatchSection {
    static final String LOG_Y = " The y axis is logarithmic: the overloaded runs' latencies are many times "
            + "the others'.";

    final BatchResults batch;
    final BatchResults.Parameter load;
    final List<BatchResults.Parameter> others;
    final Map<String, String> shortNames;
    final Set<String> cheapestRuns;
    final Set<String> paretoRuns;
    final HtmlPage page;

    BatchSection(BatchPage p) {
        this.batch = p.batch();
        this.load = p.load();
        this.others = p.others();
        this.shortNames = p.shortNames();
        this.cheapestRuns = p.cheapestRuns();
        this.paretoRuns = p.paretoRuns();
        this.page = p.page();
    }

    /** Writes the section onto the page. */
    abstract void add();

    String sloText() {
        BatchResults.Slo slo = batch.slo();
        List<String> parts = new ArrayList<>();
        if (slo.ttftP95Ms() != null) {
            parts.add("p95 TTFT ≤ " + Figures.msWithUnit(slo.ttftP95Ms()));
        }
        if (slo.tpotP95Ms() != null) {
            parts.add("p95 TPOT ≤ " + Figures.msWithUnit(slo.tpotP95Ms()));
        }
        if (slo.attainment() != null) {
            parts.add("at least " + Figures.percent(slo.attainment()) + " of requests within both");
        }
        return String.join(", ", parts);
    }

    BatchResults.Run run(String id) {
        if (id == null) {
            return null;
        }
        for (BatchResults.Run r : batch.runs()) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        return null;
    }

    /** {@code gpu=h100-sxm, rate=10/s}: every varied value of the run. */
    String configuration(BatchResults.Run r) {
        List<String> parts = new ArrayList<>();
        for (BatchResults.Parameter p : batch.parameters()) {
            parts.add(shortNames.get(p.path()) + "=" + r.values().get(p.path()));
        }
        return parts.isEmpty() ? "base scenario" : String.join(", ", parts);
    }

    String configurationOfOthers(BatchResults.Run r) {
        String key = configurationKey(r);
        return key.isEmpty() ? "base scenario" : key;
    }

    /** The values of the parameters other than the load: one line of the load charts. */
    String configurationKey(BatchResults.Run r) {
        List<String> parts = new ArrayList<>();
        for (BatchResults.Parameter p : others) {
            parts.add(shortNames.get(p.path()) + "=" + r.values().get(p.path()));
        }
        return String.join(", ", parts);
    }

    /** Runs grouped by every varied value (a variant), replications together, in batch order. */
    Map<String, List<BatchResults.Run>> variants(List<BatchResults.Run> runs) {
        return groupBy(runs, r -> String.join("\u0000", r.values().values()));
    }

    static Map<String, List<BatchResults.Run>> groupBy(List<BatchResults.Run> runs,
                                                               java.util.function.Function<BatchResults.Run, String> key) {
        Map<String, List<BatchResults.Run>> out = new LinkedHashMap<>();
        for (BatchResults.Run r : runs) {
            out.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    static double mean(List<BatchResults.Run> runs, Figure figure) {
        double sum = 0;
        int n = 0;
        for (BatchResults.Run r : runs) {
            double v = r.figure(figure);
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Log scale when the largest value is over fifty times the smallest: an overloaded run's
     * latency in minutes would otherwise flatten every healthy run onto the axis.
     */
    static boolean wideRange(List<BatchResults.Run> runs, Figure figure) {
        double low = Double.POSITIVE_INFINITY;
        double high = 0;
        for (BatchResults.Run r : runs) {
            double v = r.figure(figure);
            if (v > 0) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
        }
        return Double.isFinite(low) && high / low > 50;
    }

    void addCheapest(XyChart chart, List<double[]> points) {
        if (points.isEmpty()) {
            return;
        }
        chart.points("cheapest meeting the SLO", points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray(), ChartStyle.color(6), XyChart.diamond(8));
    }

    static Double rate(String text) {
        try {
            return Quantities.parseRatePerSec(text);
        } catch (IllegalArgumentException e) {
            try {
                return Double.parseDouble(text.strip());
            } catch (NumberFormatException e2) {
                return null;
            }
        }
    }

    static HtmlTable.Cell dollars(BatchResults.Run r, Figure figure, String suffix) {
        double v = r.figure(figure);
        return HtmlTable.number(v, Double.isFinite(v) ? Figures.dollars(v) + suffix : Figures.NONE);
    }

    static HtmlTable.Cell ms(BatchResults.Run r, Figure figure) {
        double v = r.figure(figure);
        return HtmlTable.number(v, Figures.ms(v));
    }
}
