package org.infersim.study.size;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.infersim.results.AtomicFile;
import org.infersim.results.Decimal;
import org.infersim.study.compare.ComparisonOutput;
import org.infersim.study.compare.ConfidenceInterval;
import org.infersim.study.compare.Negligible;

/**
 * {@code size.json}: the sizing's answer. Each candidate with the fewest replicas that met the
 * SLO (or why none did), its figures as means with 95% intervals over the replications, and
 * whether it is borderline; the cheapest; and each other candidate that met the SLO set beside the
 * cheapest, with the verdict on each difference.
 */
public final class SizeOutput {
    public static final String FILE = "size.json";

    private SizeOutput() {}

    public static void write(Path dir, SizeSpec spec, Sizing.Result result, Negligible negligible) throws IOException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("name", spec.name());
        root.put("replications", spec.replications());
        root.put("confidenceLevel", ConfidenceInterval.LEVEL);
        root.putObject("negligible").put("relative", negligible.relative()).put("latencyMs", negligible.latencyMs());
        if (result.cheapest() == null) {
            root.putNull("cheapest");
        } else {
            root.put("cheapest", result.cheapest().label());
        }
        ObjectNode byModel = root.putObject("cheapestByCostModel");
        result.cheapestByCostModel().forEach((model, c) -> {
            ObjectNode node = byModel.putObject(model);
            node.put("candidate", c.label()).put("replicas", c.replicas());
            ComparisonOutput.interval(node.putObject("perHourUsd"), c.estimate().perHour(model));
        });
        Sizing.BuildVsBuy b = result.buildVsBuy();
        if (b != null) {
            root.putObject("buildVsBuy").put("candidate", b.candidate().label())
                    .put("apiPerMonthUsd", Decimal.round(b.apiPerMonthUsd()))
                    .put("ownedPerMonthUsd", Decimal.round(b.ownedPerMonthUsd()))
                    .put("breakEvenUtilization", Decimal.round(b.breakEvenUtilization()));
        }
        ArrayNode candidates = root.putArray("candidates");
        for (Sizing.Candidate c : result.candidates()) {
            candidates.add(candidate(c));
        }
        ArrayNode rivals = root.putArray("rivals");
        for (Rival r : result.rivals()) {
            ObjectNode node = rivals.addObject();
            node.put("label", r.label());
            node.put("notDistinguishable", r.notDistinguishable());
            ObjectNode d = node.putObject("difference");
            ComparisonOutput.interval(d.putObject("costPerHourUsd"), r.costPerHourUsd()).put("verdict", r.cost().name());
            ComparisonOutput.interval(d.putObject("ttftP95Ms"), r.ttftP95Ms()).put("verdict", r.ttft().name());
            ComparisonOutput.interval(d.putObject("tpotP95Ms"), r.tpotP95Ms()).put("verdict", r.tpot().name());
        }
        AtomicFile.write(dir.resolve(FILE), JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(root) + "\n");
    }

    private static ObjectNode candidate(Sizing.Candidate c) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("label", c.label()).put("gpu", c.gpu()).put("precision", c.precision())
                .put("tensorParallel", c.tensorParallel());
        if (c.replicas() == null) {
            node.putNull("replicas");
            node.put("reason", c.reason());
        } else {
            node.put("replicas", c.replicas());
            node.put("gpus", c.figures().gpus());
            node.put("runId", c.runId());
            node.put("borderline", c.borderline());
            if (c.belowMetIn() == null) {
                node.putNull("belowMetIn");
            } else {
                node.put("belowMetIn", c.belowMetIn());
            }
            ObjectNode e = node.putObject("estimate");
            FleetEstimate f = c.estimate();
            ComparisonOutput.interval(e.putObject("costPerHourUsd"), f.costPerHourUsd());
            ComparisonOutput.interval(e.putObject("costPerMillionOutputTokensUsd"), f.costPerMillionOutputTokensUsd());
            ComparisonOutput.interval(e.putObject("ttftP95Ms"), f.ttftP95Ms());
            ComparisonOutput.interval(e.putObject("tpotP95Ms"), f.tpotP95Ms());
            ComparisonOutput.interval(e.putObject("sloAttainment"), f.sloAttainment());
            ComparisonOutput.interval(e.putObject("onDemandPerHourUsd"), f.onDemandPerHourUsd());
            ComparisonOutput.interval(e.putObject("onPremPerHourUsd"), f.onPremPerHourUsd());
            ComparisonOutput.interval(e.putObject("apiPerMonthUsd"), f.apiPerMonthUsd());
        }
        node.put("replications", c.replications());
        node.put("runs", c.runs());
        return node;
    }
}
