package org.infersim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.infersim.catalog.Catalog;
import org.infersim.input.InvalidInputException;
import org.infersim.results.FleetCostSummary;
import org.infersim.results.RunSummary;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;

/** Each pricing model prices the same fleet as a planner would by hand. */
class CostModelsRunTest {
    private static String scenario(String pool, String duration, String extra) {
        return """
                name: priced
                seed: 5
                duration: DURATION
                cluster:
                  pools:
                """.replace("DURATION", duration) + "    - " + pool + "\n" + """
                deployments:
                  - {name: d, model: llama-3.1-8b, replicas: 1, engine: {maxModelLen: 8192}}
                workloads:
                  - {name: w, arrival: {type: poisson, rate: 2/s}, promptTokens: 500, outputTokens: 100}
                """ + extra;
    }

    private static FleetCostSummary.CostModel model(RunSummary s, String name) {
        return s.fleet().costModels().stream().filter(m -> m.model().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void capexSpreadOverItsDepreciationPeriodAddsUpToTheCapex() throws Exception {
        // Nothing but the capital: a run as long as the depreciation period pays it exactly once.
        RunSummary s = Scenarios.summary(scenario("{name: own, gpu: h100-sxm, count: 12, gpusPerNode: 4, pricing: {model: on-prem,"
                + " depreciation: 1h, electricity: $0/kWh, rackCost: $0/month}}", "1h", ""));
        var h100 = Catalog.builtIn().gpu("h100-sxm").orElseThrow().server();
        double capex = 2 * (h100.nodeCapex() + h100.networkCapex());
        assertEquals(2, s.fleet().servers(), "twelve GPUs are two 8-GPU servers: servers are bought whole");
        assertEquals(capex, s.fleet().capexUsd(), 1e-6);
        assertEquals(capex, s.cost().total(), 1e-6 * capex);
    }

    @Test
    void anOwnedFleetsElectricityIsItsFacilityEnergyAtThePrice() throws Exception {
        RunSummary s = Scenarios.summary(scenario("{name: own, gpu: h100-sxm, count: 8, pue: 1.3, pricing: {model: on-prem,"
                + " nodeCapex: $0, networkCapex: $0, electricity: $0.10/kWh, rackCost: $0/month}}", "20m", ""));
        // No warm-up: the energy section covers the whole run the bill covers.
        assertEquals(s.energy().facilityKwh() * 0.10, s.cost().total(), 0.01 * s.cost().total());
        assertEquals(s.energy().kwh() * 1.3, s.energy().facilityKwh(), 1e-3 * s.energy().facilityKwh());
    }

    @Test
    void aReservationPaysItsStandingGpusAtTheDiscountBusyOrIdle() throws Exception {
        RunSummary list = Scenarios.summary(scenario("{name: p, gpu: h100-sxm, count: 4}", "30m", ""));
        RunSummary reserved = Scenarios.summary(scenario("{name: p, gpu: h100-sxm, count: 4, pricing: {model: reserved,"
                + " discount: 40%, term: 1y}}", "30m", ""));
        assertEquals(list.cost().total() * 0.6, reserved.cost().total(), 1e-9 * list.cost().total());
        assertEquals(4 * 4.29 * 0.6, reserved.cost().perHour(), 1e-6, "four H100s at 60% of the catalog's $4.29/h");
        assertEquals(list.cost().total(), model(reserved, "on-demand").perHour() * 0.5, 1e-6,
                "the same fleet on demand is set beside it");
        assertEquals(4 * 4.29 * 0.6 * 8760, model(reserved, "reserved").commitmentUsd(), 1e-6 * 4 * 4.29 * 8760,
                "signing for a year commits to a year of the four GPUs, however long the run");
    }

    @Test
    void theFootprintCountsRacksByTheirPowerAndUnitsAndRefusesAServerNoRackCanPower() throws Exception {
        RunSummary s = Scenarios.summary(scenario("{name: own, gpu: h100-sxm, count: 24, pricing: {model: on-prem,"
                + " rackPower: 25kW}}", "5m", ""));
        // A 10.2 kW H100 server: two per 25 kW rack, so three servers fill two racks.
        assertEquals(3, s.fleet().servers());
        assertEquals(2, s.fleet().pools().get(0).serversPerRack());
        assertEquals(2, s.fleet().racks());
        assertEquals(3 * 10.2, s.fleet().nameplateKw(), 1e-6);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Scenarios.validation().parse(
                scenario("{name: own, gpu: b200, count: 8, pricing: {model: on-prem, rackPower: 12kW}}", "5m", ""),
                "own.yaml", Path.of(".")));
        assertEquals("cluster.pools[0].pricing", e.problems().get(0).path());
        assertTrue(e.problems().get(0).message().contains("draws up to 14.3 kW, more than the rack's 12.0 kW"),
                e.problems().get(0).message());
    }

    @Test
    void buildVersusBuyFindsTheVolumeAtWhichOwningCostsWhatTheApiBills() throws Exception {
        RunSummary s = Scenarios.summary(scenario("{name: own, gpu: h100-sxm, count: 1, pricing: {model: on-prem}}", "10m",
                "hostedApi: {name: test, input: $0.50/M, output: $1.50/M, priceDate: 2026-12}\n"));
        var b = s.buildVsBuy();
        // 2 requests/s of 500 prompt and 100 output tokens, for 730 hours.
        double seconds = 730 * 3600.0;
        assertEquals(1000 * seconds, b.inputTokensPerMonth(), 0.03 * 1000 * seconds);
        double bill = b.inputTokensPerMonth() / 1e6 * 0.50 + b.outputTokensPerMonth() / 1e6 * 1.50;
        assertEquals(bill, b.apiPerMonth(), 1e-4 * bill);
        assertEquals(model(s, "on-prem").perMonth(), b.ownedPerMonth(), 1e-6);
        // At the crossover the API's bill, at this mix of tokens, is what owning costs.
        assertEquals(b.ownedPerMonth(), b.crossoverTokensPerMonth() * bill / b.tokensPerMonth(), 1e-4 * b.ownedPerMonth());
        assertEquals(b.crossoverTokensPerMonth() / b.tokensPerMonth(), b.breakEvenUtilization(), 1e-4);
    }
}
