package org.infersim.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infersim.model.cluster.CostMeter;
import org.infersim.model.cluster.GpuPool;
import org.infersim.model.cluster.Ownership;
import org.infersim.scenario.Pricing;

/**
 * Prices one run's fleet every way a planner compares: on demand, owned (under each pool's
 * on-prem terms or the default ones), and under the pools' own models where they differ; and
 * counts what owning it takes. Reserved and spot are priced only where a pool names them: their
 * discounts have no default, and spot also changes what the run serves.
 */
final class FleetCosts {
    private static final double NS_PER_HOUR = 3.6e12;

    private FleetCosts() {}

    static FleetCostSummary of(List<GpuPool> pools, CostMeter cost, long warmupNs, long endNs, long outputTokens,
                               Double peakPowerKw, double pue) {
        long servers = 0;
        long racks = 0;
        double nameplate = 0;
        double facility = 0;
        double capex = 0;
        List<FleetCostSummary.PoolFleet> byPool = new ArrayList<>();
        for (GpuPool p : pools) {
            Ownership own = cost.ownership(p.index());
            servers += own.servers();
            racks += own.racks();
            nameplate += own.nameplateWatts();
            facility += own.nameplateWatts() * p.pue();
            capex += own.capex();
            byPool.add(new FleetCostSummary.PoolFleet(p.name(), p.pricing().model(), own.servers(), own.serversPerRack(),
                    own.racks(), Decimal.round(own.capex())));
        }
        List<FleetCostSummary.CostModel> models = new ArrayList<>();
        models.add(model("on-demand", pools, cost, warmupNs, endNs, outputTokens, p -> Pricing.ON_DEMAND));
        models.add(model("on-prem", pools, cost, warmupNs, endNs, outputTokens,
                p -> p.pricing() instanceof Pricing.OnPrem o ? o : Pricing.OnPrem.DEFAULTS));
        for (String own : pools.stream().map(p -> p.pricing().model()).distinct().toList()) {
            if (own.equals("reserved") || own.equals("spot")) {
                models.add(model(own, pools, cost, warmupNs, endNs, outputTokens,
                        p -> p.pricing().model().equals(own) ? p.pricing() : Pricing.ON_DEMAND));
            }
        }
        return new FleetCostSummary(servers, racks, Decimal.round(nameplate / 1e3), Decimal.round(facility / 1e3),
                peakPowerKw == null ? null : Decimal.round(peakPowerKw * pue), Decimal.round(capex), models, byPool);
    }

    private static FleetCostSummary.CostModel model(String name, List<GpuPool> pools, CostMeter cost, long warmupNs,
                                                    long endNs, long outputTokens,
                                                    java.util.function.Function<GpuPool, Pricing> pricing) {
        double total = 0;
        double measured = 0;
        double depreciation = 0;
        double racks = 0;
        double electricity = 0;
        double commitment = 0;
        double hours = endNs / NS_PER_HOUR;
        for (GpuPool p : pools) {
            Pricing priced = pricing.apply(p);
            total += cost.poolCost(p.index(), 0, endNs, priced);
            measured += cost.poolCost(p.index(), warmupNs, endNs, priced);
            if (priced instanceof Pricing.Reserved r) {
                commitment += cost.commitment(p.index(), r);
            }
            if (priced instanceof Pricing.OnPrem o) {
                Ownership own = cost.ownership(p.index(), o);
                depreciation += own.capex() / (o.depreciationNs() / NS_PER_HOUR) * Ownership.HOURS_PER_MONTH;
                racks += own.spacePerMonth();
                electricity += hours <= 0 ? 0
                        : cost.electricity(p.index(), 0, endNs, o.dollarsPerKwh()) / hours * Ownership.HOURS_PER_MONTH;
            }
        }
        double perHour = hours <= 0 ? 0 : total / hours;
        Map<String, Double> breakdown = null;
        if (name.equals("on-prem")) {
            breakdown = new LinkedHashMap<>();
            breakdown.put("depreciation", Decimal.round(depreciation));
            breakdown.put("space", Decimal.round(racks));
            breakdown.put("electricity", Decimal.round(electricity));
        }
        return new FleetCostSummary.CostModel(name, Decimal.round(perHour), Decimal.round(perHour * Ownership.HOURS_PER_MONTH),
                outputTokens == 0 ? null : Decimal.round(measured / (outputTokens / 1e6)), breakdown,
                name.equals("reserved") ? Decimal.round(commitment) : null);
    }
}
