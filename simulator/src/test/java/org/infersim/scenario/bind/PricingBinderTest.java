package org.infersim.scenario.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.infersim.input.InvalidInputException;
import org.infersim.scenario.Pricing;
import org.infersim.testing.Scenarios;
import org.junit.jupiter.api.Test;

class PricingBinderTest {
    private static String scenario(String pool) {
        return """
                name: priced
                seed: 1
                duration: 1m
                cluster:
                  pools:
                """ + "    - " + pool + "\n" + """
                deployments:
                  - {name: d, model: llama-3.1-8b}
                workloads:
                  - {name: w, arrival: {type: poisson, rate: 1/s}, promptTokens: 100, outputTokens: 10}
                """;
    }

    private static Pricing pricing(String pool) throws Exception {
        return Scenarios.validation().parse(scenario(pool), "p.yaml", Path.of(".")).scenario().pools().get(0)
                .pricing();
    }

    private static List<String> problems(String pool) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Scenarios.validation().parse(scenario(pool), "p.yaml", Path.of(".")));
        return e.problems().stream().map(p -> p.line() + ": " + p.path() + ": " + p.message()).toList();
    }

    @Test
    void aPoolIsPaidOnDemandUnlessItSaysOtherwise() throws Exception {
        assertEquals(Pricing.ON_DEMAND, pricing("{name: p, gpu: h100-sxm, count: 1}"));
        assertEquals(Pricing.ON_DEMAND, pricing("{name: p, gpu: h100-sxm, count: 1, pricing: on-demand}"));
    }

    @Test
    void reservedAndSpotTakeTheirTermsWithUnits() throws Exception {
        var reserved = assertInstanceOf(Pricing.Reserved.class,
                pricing("{name: p, gpu: h100-sxm, count: 1, pricing: {model: reserved, discount: 40%, term: 3y}}"));
        assertEquals(0.40, reserved.discount(), 1e-12);
        assertEquals(3 * 365 * 86_400e9, reserved.termNs(), 1);
        var spot = assertInstanceOf(Pricing.Spot.class,
                pricing("{name: p, gpu: h100-sxm, count: 1, pricing: {model: spot, discount: 0.6, interruptions: 0.1/h}}"));
        assertEquals(0.1 / 3600, spot.interruptionsPerNodeSecond(), 1e-15);
        assertEquals(Pricing.Spot.DEFAULT_NOTICE_NS, spot.noticeNs(), "EC2's two minutes");
    }

    @Test
    void onPremDefaultsEveryFigureAndTakesTheUsersOwn() throws Exception {
        var own = assertInstanceOf(Pricing.OnPrem.class, pricing("{name: p, gpu: h100-sxm, count: 8, pricing: {model: on-prem,"
                + " nodeCapex: $310k, electricity: $0.09/kWh, rackCost: $1500/month, rackPower: 20kW, depreciation: 4y}}"));
        assertEquals(310_000, own.nodeCapex().getAsDouble(), 1e-6);
        assertEquals(0.09, own.dollarsPerKwh(), 1e-12);
        assertEquals(1500, own.rackDollarsPerMonth(), 1e-9);
        assertEquals(0, own.dollarsPerKwMonth(), "priced by the rack, not the kW");
        assertEquals(20_000, own.rackWatts(), 1e-9);
        assertEquals(4 * 365 * 86_400e9, own.depreciationNs(), 1);
        assertEquals(Pricing.OnPrem.DEFAULTS.rackUnits(), own.rackUnits());
    }

    @Test
    void pricingTermsAreCheckedWithTheirLines() {
        assertEquals(List.of("6: cluster.pools[0].pricing.discount: missing: the share off the on-demand price, such as "
                        + "40% (no default: it differs by provider, region, GPU and term)"),
                problems("{name: p, gpu: h100-sxm, count: 1, pricing: {model: reserved}}"));
        assertEquals(List.of("6: cluster.pools[0].pricing.discount: expected a share below 100%, got 120%"),
                problems("{name: p, gpu: h100-sxm, count: 1, pricing: {model: spot, discount: 120%, interruptions: 1/h}}"));
        assertEquals(List.of("6: cluster.pools[0].pricing.electricity: expected a price per kilowatt-hour such as "
                        + "$0.12/kWh; got '12 cents'"),
                problems("{name: p, gpu: h100-sxm, count: 1, pricing: {model: on-prem, electricity: 12 cents}}"));
        assertEquals(List.of("6: cluster.pools[0].pricing: a serverless pool is billed for the GPU time it holds, on "
                        + "demand; reserved pricing needs a static or dynamic pool"),
                problems("{name: p, gpu: h100-sxm, provisioning: serverless, pricing: {model: reserved, discount: 30%}}"));
        assertEquals(1, problems("{name: p, gpu: h100-sxm, count: 1, pricing: {model: spot, discount: 30%, term: 1y}}")
                .size(), "a reserved term on a spot pool is refused");
    }
}
