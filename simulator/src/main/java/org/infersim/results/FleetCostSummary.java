package org.infersim.results;

import java.util.List;
import java.util.Map;

/**
 * The fleet as hardware to own and as capacity to rent: what an IT team orders before it buys
 * (servers, racks, the power the facility must supply) and what the same fleet costs under each
 * pricing model over the same run. Rented figures bill the run's GPU-hours; owned ones spread the
 * capital over its depreciation period and add the electricity the run drew and the racks.
 *
 * @param servers          whole servers of each GPU type's typical size (twelve GPUs are two 8-GPU servers)
 * @param racks            racks they fill, bounded by each rack's units and power budget
 * @param nameplateKw      the servers' nameplate power: GPUs at their board limit and the rest of each node
 * @param facilityKw       that times the PUE: what the facility must be able to supply
 * @param peakFacilityKw   the highest measured power times the PUE (the energy section's peak)
 * @param capexUsd         dollars to buy the servers and their network
 * @param costModels       the fleet under each pricing model: on demand, owned, and the pools' own when different
 * @param pools            the same per pool
 */
public record FleetCostSummary(long servers, long racks, double nameplateKw, double facilityKw, Double peakFacilityKw,
                               double capexUsd, List<CostModel> costModels, List<PoolFleet> pools) {

    public FleetCostSummary {
        costModels = List.copyOf(costModels);
        pools = List.copyOf(pools);
    }

    /**
     * One pricing model's price of the fleet.
     *
     * @param model     on-demand, reserved, spot or on-prem
     * @param perHour   dollars per hour, averaged over the run
     * @param perMonth  the same for a month of 730 hours
     * @param perMillionOutputTokens dollars per million output tokens generated after warm-up
     * @param perMonthBreakdown where an owned fleet's month goes: depreciation, space, electricity
     * @param commitmentUsd     what the reserved pools' contracts commit to over their terms (reserved only)
     */
    public record CostModel(String model, double perHour, double perMonth, Double perMillionOutputTokens,
                            Map<String, Double> perMonthBreakdown, Double commitmentUsd) {}

    /** One pool's servers, racks, capital and pricing. */
    public record PoolFleet(String pool, String pricing, long servers, int serversPerRack, long racks, double capexUsd) {}
}
