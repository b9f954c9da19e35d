package org.infersim.model.cluster;

import org.infersim.catalog.GpuPower;
import org.infersim.catalog.GpuSpec;
import org.infersim.catalog.ServerCost;
import org.infersim.scenario.Pricing;

/**
 * What owning a pool's hardware takes: the servers to buy (whole servers of the GPU type's typical
 * size: twelve GPUs are two 8-GPU servers), the racks they fill (bounded by each rack's units and
 * its power budget, at each server's nameplate power), the capital, and the fixed cost per hour:
 * capital spread evenly over the depreciation period, and the space: by the rack, or (colocation's
 * way, the default) by the kW of nameplate power the servers need. Electricity is
 * not fixed: it is the energy drawn times the PUE times the price, metered as the run goes.
 *
 * @param gpus            the GPUs owned: a static pool's, or a dynamic pool's most (its maxNodes)
 * @param servers         servers bought
 * @param serversPerRack  what one rack holds
 * @param racks           racks filled
 * @param serverWatts     one server's nameplate power: its GPUs at their board limit and the rest of the node
 * @param capex           dollars: servers and their network
 * @param fixedPerHour    dollars per hour of depreciation and racks
 * @param terms           the on-prem terms priced with
 */
public record Ownership(long gpus, long servers, int serversPerRack, long racks, double serverWatts, double capex,
                        double fixedPerHour, Pricing.OnPrem terms) {
    public static final double HOURS_PER_MONTH = 8760.0 / 12;

    /** The ownership of {@code gpus} GPUs of a type under these terms; the catalog fills what the terms leave out. */
    public static Ownership of(GpuSpec gpu, long gpus, Pricing.OnPrem terms) {
        ServerCost server = gpu.server();
        GpuPower power = gpu.power();
        int perServer = Math.max(1, power.nodeGpus());
        long servers = (gpus + perServer - 1) / perServer;
        double serverWatts = perServer * gpu.tdpWatts() + power.nodeWatts();
        int units = terms.nodeRackUnits().orElse(server.rackUnits());
        int perRack = (int) Math.min(units <= 0 ? Integer.MAX_VALUE : terms.rackUnits() / units,
                Math.floor(terms.rackWatts() / serverWatts));
        long racks = perRack <= 0 ? 0 : (servers + perRack - 1) / perRack;
        double nodeCapex = terms.nodeCapex().orElse(server.nodeCapex());
        double networkCapex = terms.networkCapex().orElse(server.networkCapex());
        double capex = servers * (nodeCapex + networkCapex);
        double hours = terms.depreciationNs() / 3.6e12;
        double fixed = capex / hours + space(servers * serverWatts, racks, terms) / HOURS_PER_MONTH;
        return new Ownership(gpus, servers, perRack, racks, serverWatts, capex, fixed, terms);
    }

    /** Dollars per month of racks: by the rack, or by the kW of nameplate power the servers need. */
    public static double space(double nameplateWatts, long racks, Pricing.OnPrem terms) {
        return racks * terms.rackDollarsPerMonth() + nameplateWatts / 1e3 * terms.dollarsPerKwMonth();
    }

    /** Dollars per month of space, power delivery and cooling. */
    public double spacePerMonth() {
        return space(nameplateWatts(), racks, terms);
    }

    /** Why these GPUs cannot be owned under these terms, in words; null when they can. */
    public static String problem(GpuSpec gpu, Pricing.OnPrem terms) {
        ServerCost server = gpu.server();
        if (terms.nodeCapex().isEmpty() && server.nodeCapex() <= 0) {
            return "the catalog has no server price for " + gpu.id() + "; give pricing.nodeCapex";
        }
        if (terms.nodeRackUnits().isEmpty() && server.rackUnits() <= 0) {
            return "the catalog has no server height for " + gpu.id() + "; give pricing.nodeRackUnits";
        }
        Ownership one = of(gpu, 1, terms);
        if (one.serversPerRack() <= 0) {
            return String.format("a %s server draws up to %.1f kW, more than the rack's %.1f kW (pricing.rackPower)",
                    gpu.id(), one.serverWatts() / 1e3, terms.rackWatts() / 1e3);
        }
        return null;
    }

    /** The IT power the owned servers may draw at most: what the facility must supply before the PUE. */
    public double nameplateWatts() {
        return servers * serverWatts;
    }
}
