package org.infersim.scenario.bind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.infersim.input.Fields;
import org.infersim.input.Quantities;
import org.infersim.input.YamlNode;
import org.infersim.scenario.Pricing;
import org.infersim.scenario.ProvisioningMode;

/**
 * A pool's {@code pricing}: a model's name ({@code pricing: on-demand}) or a mapping with the
 * model and its terms. Discounts and spot interruption rates have no default: they differ by
 * provider, region, GPU and month, and a default would pass for a fact. On-prem figures default to
 * the sourced ones in {@link Pricing.OnPrem} and the GPU's catalog entry.
 */
final class PricingBinder {
    private static final Map<String, List<String>> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("on-demand", List.of("model"));
        KEYS.put("reserved", List.of("model", "discount", "term"));
        KEYS.put("spot", List.of("model", "discount", "interruptions", "notice"));
        KEYS.put("on-prem", List.of("model", "nodeCapex", "networkCapex", "depreciation", "electricity", "rackCost",
                "rackPower", "rackUnits", "nodeRackUnits"));
    }
    private static final String KWH_HINT = "expected a price per kilowatt-hour such as $0.12/kWh";
    private static final String RACK_HINT = "expected a cost per rack per month such as $7000/month, or per kW of "
            + "rack power such as $184/kW-month";

    private PricingBinder() {}

    /** The pool's pricing (on demand when absent), or null after a problem. */
    static Pricing pricing(Fields pool, ProvisioningMode mode) {
        if (!pool.has("pricing")) {
            return Pricing.ON_DEMAND;
        }
        YamlNode n = pool.node("pricing");
        String model;
        Fields f = null;
        if (n instanceof YamlNode.Scalar) {
            model = pool.choice("pricing", "pricing model", Fields.choices(KEYS.keySet()));
        } else {
            f = pool.typedChild("pricing", "a pricing model and its terms, such as {model: reserved, discount: 40%, "
                    + "term: 1y}", "pricing", "model", KEYS);
            if (f == null) {
                return null;
            }
            model = f.string("model", true, "a pricing model");
        }
        if (model == null) {
            return null;
        }
        if (f == null && (model.equals("reserved") || model.equals("spot"))) {
            pool.problem("pricing", model + " pricing needs its terms: {model: " + model + ", discount: ...}"
                    + (model.equals("spot") ? " and interruptions (a rate per node, such as 0.1/h)" : ""));
            return null;
        }
        if (mode == ProvisioningMode.SERVERLESS && !model.equals("on-demand")) {
            pool.problem("pricing", "a serverless pool is billed for the GPU time it holds, on demand; "
                    + model + " pricing needs a static or dynamic pool");
            return null;
        }
        return switch (model) {
            case "reserved" -> reserved(f);
            case "spot" -> spot(f);
            case "on-prem" -> onPrem(f);
            default -> Pricing.ON_DEMAND;
        };
    }

    private static Pricing reserved(Fields f) {
        Double discount = discount(f);
        Long term = f.has("term") ? f.positiveDuration("term") : Long.valueOf(Pricing.Reserved.DEFAULT_TERM_NS);
        return discount == null || term == null ? null : new Pricing.Reserved(discount, term);
    }

    private static Pricing spot(Fields f) {
        Double discount = discount(f);
        Double rate = f.rate("interruptions", true);
        if (rate != null && !(rate >= 0)) {
            f.problem("interruptions", "expected a rate of at least 0, such as 0.1/h per node");
            rate = null;
        }
        Long notice = f.has("notice") ? f.nonNegativeDuration("notice") : Long.valueOf(Pricing.Spot.DEFAULT_NOTICE_NS);
        return discount == null || rate == null || notice == null ? null : new Pricing.Spot(discount, rate, notice);
    }

    private static Double discount(Fields f) {
        if (!f.has("discount")) {
            f.problem("discount", "missing: the share off the on-demand price, such as 40% (no default: it differs by "
                    + "provider, region, GPU and term)");
            return null;
        }
        Double d = f.share("discount");
        if (d != null && d >= 1) {
            f.problem("discount", "expected a share below 100%, got " + Fields.format(d * 100) + "%");
            return null;
        }
        return d;
    }

    private static Pricing onPrem(Fields f) {
        Pricing.OnPrem d = Pricing.OnPrem.DEFAULTS;
        OptionalDouble node = optionalDollars(f, "nodeCapex");
        OptionalDouble network = optionalDollars(f, "networkCapex");
        Long depreciation = f.has("depreciation") ? f.positiveDuration("depreciation") : Long.valueOf(d.depreciationNs());
        Double kwh = f.has("electricity") ? dollarsPer(f, "electricity", List.of("kWh"), KWH_HINT)
                : Double.valueOf(d.dollarsPerKwh());
        Double rackWatts = f.has("rackPower") ? f.quantity("rackPower", true, Quantities.WATTS_HINT, Quantities::parseWatts)
                : Double.valueOf(d.rackWatts());
        if (rackWatts != null && !(rackWatts > 0)) {
            f.problem("rackPower", "expected a power above 0, such as 41kW");
            rackWatts = null;
        }
        double perRack = 0;
        double perKw = Pricing.OnPrem.COLOCATION_PER_KW_MONTH;
        boolean rackOk = true;
        if (f.has("rackCost")) {
            var cost = f.quantity("rackCost", true, RACK_HINT,
                    t -> Quantities.parseDollarsPer(t, List.of("month", "kW-month"), RACK_HINT));
            rackOk = cost != null;
            if (cost != null) {
                perRack = cost.getValue().equals("month") ? cost.getKey() : 0;
                perKw = cost.getValue().equals("month") ? 0 : cost.getKey();
            }
        }
        Long units = f.has("rackUnits") ? f.integer("rackUnits", true, 1, 100) : Long.valueOf(d.rackUnits());
        OptionalInt nodeUnits = OptionalInt.empty();
        if (f.has("nodeRackUnits")) {
            Long u = f.integer("nodeRackUnits", true, 1, 100);
            nodeUnits = u == null ? null : OptionalInt.of(u.intValue());
        }
        if (node == null || network == null || depreciation == null || kwh == null || !rackOk || rackWatts == null
                || units == null || nodeUnits == null) {
            return null;
        }
        if (nodeUnits.isPresent() && nodeUnits.getAsInt() > units) {
            f.problem("nodeRackUnits", "a node of " + nodeUnits.getAsInt() + "U does not fit a rack of " + units + "U");
            return null;
        }
        return new Pricing.OnPrem(node, network, depreciation, kwh, perRack, perKw, rackWatts, units.intValue(), nodeUnits);
    }

    private static OptionalDouble optionalDollars(Fields f, String key) {
        if (!f.has(key)) {
            return OptionalDouble.empty();
        }
        Double v = f.quantity(key, true, Quantities.DOLLARS_HINT, Quantities::parseDollars);
        return v == null ? null : OptionalDouble.of(v);
    }

    private static Double dollarsPer(Fields f, String key, List<String> units, String hint) {
        var v = f.quantity(key, true, hint, t -> Quantities.parseDollarsPer(t, units, hint));
        return v == null ? null : v.getKey();
    }
}
