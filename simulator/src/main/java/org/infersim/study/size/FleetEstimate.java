package org.infersim.study.size;

import java.util.List;
import java.util.function.Function;
import org.infersim.study.RunFigures;
import org.infersim.study.compare.ConfidenceInterval;

/**
 * What one fleet (a candidate at one replica count) gave over its replications: the mean of each
 * figure the sizing decides on and its 95% Student's t interval (NaN half-widths with one
 * replication). The replications share their seeds with every other candidate's (common random
 * numbers), so two candidates' figures can be compared replication by replication.
 */
public record FleetEstimate(ConfidenceInterval costPerHourUsd, ConfidenceInterval costPerMillionOutputTokensUsd,
                            ConfidenceInterval ttftP95Ms, ConfidenceInterval tpotP95Ms,
                            ConfidenceInterval sloAttainment, ConfidenceInterval onDemandPerHourUsd,
                            ConfidenceInterval onPremPerHourUsd, ConfidenceInterval apiPerMonthUsd) {

    static FleetEstimate of(List<RunFigures> replications) {
        return new FleetEstimate(interval(replications, RunFigures::costPerHourUsd),
                interval(replications, RunFigures::costPerMillionOutputTokensUsd),
                interval(replications, RunFigures::ttftP95Ms), interval(replications, RunFigures::tpotP95Ms),
                interval(replications, RunFigures::sloAttainment), interval(replications, RunFigures::onDemandPerHourUsd),
                interval(replications, RunFigures::onPremPerHourUsd), interval(replications, RunFigures::apiPerMonthUsd));
    }

    /** The fleet's cost per hour under a pricing model ("on-demand", "on-prem"), or the pools' own ("as priced"). */
    public ConfidenceInterval perHour(String model) {
        return switch (model) {
            case "on-demand" -> onDemandPerHourUsd;
            case "on-prem" -> onPremPerHourUsd;
            default -> costPerHourUsd;
        };
    }

    /** The interval of a figure over the replications that report it (a run with no token reports no cost per token). */
    static ConfidenceInterval interval(List<RunFigures> replications, Function<RunFigures, Double> figure) {
        return ConfidenceInterval.of(replications.stream().map(figure).filter(v -> v != null && Double.isFinite(v))
                .mapToDouble(Double::doubleValue).toArray());
    }
}
