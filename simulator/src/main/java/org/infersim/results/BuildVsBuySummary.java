package org.infersim.results;

import org.infersim.model.cluster.Ownership;
import org.infersim.scenario.HostedApi;

/**
 * Build versus buy: the run's traffic served by the owned fleet (on-prem, as {@code fleet} prices
 * it) or sent to a hosted API at its prices per million tokens. The API's bill grows with the
 * tokens; the fleet's is almost all fixed (capital, space, and electricity that an idle fleet
 * mostly draws too), so owning is cheaper above a monthly volume: the crossover, at the
 * workload's own mix of input and output tokens. The break-even utilization is that volume as a
 * share of the run's traffic, which the fleet serves: above 1, the API is cheaper at any load the
 * fleet can carry at this run's latencies.
 *
 * @param tokensPerMonth         input and output tokens a month of this run's traffic holds (730 hours)
 * @param apiPerMonth            what the API would bill for them
 * @param ownedPerMonth          what owning the fleet costs a month (depreciation, space, this run's electricity)
 * @param crossoverTokensPerMonth the monthly volume above which owning is cheaper
 * @param breakEvenUtilization   the crossover as a share of this run's traffic
 */
public record BuildVsBuySummary(String api, String priceDate, double inputPerMillion, double outputPerMillion,
                                double inputTokensPerMonth, double outputTokensPerMonth, double tokensPerMonth,
                                double apiPerMonth, double ownedPerMonth, Double crossoverTokensPerMonth,
                                Double breakEvenUtilization) {

    static BuildVsBuySummary of(HostedApi api, double inputTokensPerSec, double outputTokensPerSec, double ownedPerMonth) {
        double seconds = Ownership.HOURS_PER_MONTH * 3600;
        double in = inputTokensPerSec * seconds;
        double out = outputTokensPerSec * seconds;
        double apiBill = in / 1e6 * api.inputPerMillion() + out / 1e6 * api.outputPerMillion();
        double tokens = in + out;
        Double crossover = tokens <= 0 || apiBill <= 0 ? null : ownedPerMonth / (apiBill / tokens);
        return new BuildVsBuySummary(api.name(), api.priceDate(), api.inputPerMillion(), api.outputPerMillion(),
                Decimal.round(in), Decimal.round(out), Decimal.round(tokens), Decimal.round(apiBill),
                Decimal.round(ownedPerMonth), crossover == null ? null : Decimal.round(crossover),
                crossover == null ? null : Decimal.round(crossover / tokens));
    }
}
