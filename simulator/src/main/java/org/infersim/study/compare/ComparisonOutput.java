package org.infersim.study.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.infersim.results.AtomicFile;
import org.infersim.results.CompareCsv;
import org.infersim.results.CompareCsv.Column;
import org.infersim.results.Csv;
import org.infersim.results.Decimal;
import org.infersim.study.BatchAnalysis;
import org.infersim.study.BatchOutput;
import org.infersim.study.BatchRow;
import org.infersim.study.Variant;

/**
 * Writes a comparison's files: {@code compare.csv} (one row per policy and figure, then one per
 * pair of policies and figure: the table a notebook or a spreadsheet reads) and
 * {@code compare.json} (the same with each replication's values, the failures and the check of
 * common random numbers: the file the report reads). The runs are also written as a batch
 * ({@code batch.csv}, {@code batch.json}), so that batch tools and the batch report read them.
 */
public final class ComparisonOutput {
    public static final String JSON = "compare.json";


    private static final ObjectMapper JSON_MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ComparisonOutput() {}

    public static void write(Path dir, ComparisonPlan plan, List<BatchRow> rows, PolicyComparison comparison)
            throws IOException {
        List<Variant> variants = plan.variants();
        BatchOutput.write(dir, plan.name(), plan.baseFile(), BatchOutput.columns(variants), plan.replications(), null,
                plan.slo(), rows, new BatchAnalysis(rows, null, plan.slo()));
        try (AtomicFile f = new AtomicFile(dir.resolve(CompareCsv.FILE))) {
            writeCsv(f.writer(), comparison);
            f.commit();
        }
        AtomicFile.write(dir.resolve(JSON), JSON_MAPPER.writeValueAsString(json(plan, comparison)) + "\n");
    }

    static void writeCsv(Writer out, PolicyComparison c) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (ComparedFigure f : c.figures()) {
            for (PolicyComparison.PolicyResult p : c.policies()) {
                rows.add(new Row(f, CompareCsv.MEAN, p.policy(), null, p.intervals().get(f), null, null, null));
            }
            for (PolicyComparison.Difference d : c.differences()) {
                if (d.figure() == f) {
                    rows.add(new Row(f, CompareCsv.DIFFERENCE, d.policy(), d.versus(), d.interval(),
                            d.interval().n() < 2 ? null : d.significant(), d.better(), d.negligible()));
                }
            }
        }
        Csv.write(out, Column.values(), rows, ComparisonOutput::cell);
    }

    /** One line of compare.csv; versus, significant and better are null where the cell is empty. */
    private record Row(ComparedFigure figure, String kind, String policy, String versus, ConfidenceInterval interval,
                       Boolean significant, String better, Boolean negligible) {}

    private static String cell(Column c, Row r) {
        ConfidenceInterval ci = r.interval();
        return switch (c) {
            case FIGURE -> r.figure().key();
            case KIND -> r.kind();
            case POLICY -> Csv.text(r.policy());
            case VERSUS -> r.versus() == null ? "" : Csv.text(r.versus());
            case N -> Integer.toString(ci.n());
            case MEAN -> Csv.number(ci.mean());
            case HALF_WIDTH -> Csv.number(ci.halfWidth());
            case LOW -> Csv.number(ci.low());
            case HIGH -> Csv.number(ci.high());
            case SIGNIFICANT -> r.significant() == null ? "" : r.significant().toString();
            case BETTER -> r.better() == null ? "" : Csv.text(r.better());
            case NEGLIGIBLE -> r.negligible() == null ? "" : r.negligible().toString();
        };
    }

    static ObjectNode json(ComparisonPlan plan, PolicyComparison c) {
        ObjectNode root = NODES.objectNode();
        root.put("name", plan.name());
        root.put("base", BatchOutput.displayPath(plan.baseFile()));
        ArrayNode paths = root.putArray("paths");
        plan.paths().forEach(paths::add);
        root.put("replications", plan.replications());
        root.put("confidenceLevel", c.level());
        root.putObject("negligible").put("relative", c.negligible().relative())
                .put("latencyMs", c.negligible().latencyMs());
        root.put("interval", "Student's t on the replications' values; differences paired by replication (same seed)");

        ArrayNode figures = root.putArray("figures");
        for (ComparedFigure f : c.figures()) {
            figures.addObject().put("key", f.key()).put("label", f.label()).put("unit", f.unit())
                    .put("better", f.higherIsBetter() ? "higher" : "lower");
        }

        ArrayNode policies = root.putArray("policies");
        for (PolicyComparison.PolicyResult p : c.policies()) {
            ObjectNode node = policies.addObject();
            node.put("policy", p.policy());
            ObjectNode values = node.putObject("settings");
            ArrayNode leftOut = node.putArray("leftOut");
            plan.policies().stream().filter(cp -> cp.name().equals(p.policy())).findFirst()
                    .ifPresent(cp -> cp.values().forEach((path, v) -> {
                        if (v.isMissingNode()) {
                            leftOut.add(path); // a setting of the base's policy this one does not take
                        } else {
                            values.set(path, v);
                        }
                    }));
            ArrayNode runs = node.putArray("runs");
            p.runs().forEach(runs::add);
            ArrayNode failed = node.putArray("failed");
            p.failures().forEach((run, why) -> failed.addObject().put("run", run).put("message", why));
            ObjectNode fig = node.putObject("figures");
            for (ComparedFigure f : c.figures()) {
                ObjectNode one = interval(fig.putObject(f.key()), p.intervals().get(f));
                ArrayNode v = one.putArray("values");
                p.values().get(f).forEach(x -> v.add(x == null ? null : Decimal.of(x)));
            }
        }

        ArrayNode differences = root.putArray("differences");
        for (PolicyComparison.Difference d : c.differences()) {
            ObjectNode node = differences.addObject();
            node.put("figure", d.figure().key()).put("policy", d.policy()).put("versus", d.versus());
            interval(node, d.interval());
            if (d.interval().n() < 2) {
                node.putNull("significant"); // no interval, so no verdict
            } else {
                node.put("significant", d.significant());
            }
            node.put("better", d.better());
            node.put("negligible", d.negligible());
        }

        ObjectNode crn = root.putObject("commonRandomNumbers");
        crn.put("sameArrivals", c.sameArrivals());
        crn.put("arrivalsFollowAnswers", c.arrivalsFollowAnswers());
        ArrayNode reps = crn.putArray("replications");
        for (PolicyComparison.Arrivals a : c.arrivals()) {
            ObjectNode node = reps.addObject();
            node.put("replication", a.replication()).put("seed", a.seed());
            ObjectNode arrived = node.putObject("arrived");
            a.arrived().forEach((policy, n) -> {
                if (n == null) {
                    arrived.putNull(policy);
                } else {
                    arrived.put(policy, n);
                }
            });
        }
        return root;
    }

    /** An interval as its n, mean, half-width and bounds, rounded; an undefined figure is null. */
    public static ObjectNode interval(ObjectNode node, ConfidenceInterval ci) {
        node.put("n", ci.n());
        putNumber(node, "mean", ci.mean());
        putNumber(node, "halfWidth", ci.halfWidth());
        putNumber(node, "low", ci.low());
        putNumber(node, "high", ci.high());
        return node;
    }

    private static void putNumber(ObjectNode node, String key, double v) {
        Double rounded = Decimal.of(v);
        if (rounded == null) {
            node.putNull(key);
        } else {
            node.put(key, rounded);
        }
    }
}
