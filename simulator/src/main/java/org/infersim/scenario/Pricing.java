package org.infersim.scenario;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How a pool is paid for. The cloud models bill GPU-hours at the pool's price (its own
 * {@code price:} or the GPU's catalog price, on demand): {@link OnDemand} as listed;
 * {@link Reserved} a commitment to the pool's standing GPUs for a term at a discount, paid busy or
 * idle, with anything above it on demand; {@link Spot} at a discount, with nodes taken back at a
 * rate. {@link OnPrem} owns the hardware: capital spread over its depreciation period, the
 * electricity the facility draws, and the racks it occupies.
 */
public sealed interface Pricing {
    /** The word a scenario names the model by. */
    String model();

    /** The list price per GPU-hour, for as long as it is billed. */
    record OnDemand() implements Pricing {
        @Override
        public String model() {
            return "on-demand";
        }
    }

    /**
     * A committed-use or reserved-instance contract.
     *
     * @param discount share off the on-demand price, in [0, 1)
     * @param termNs   how long the commitment runs: what signing it commits to in total
     */
    record Reserved(double discount, long termNs) implements Pricing {
        /** One year: the shorter of the terms AWS, Google Cloud and Azure offer (the other is three). */
        public static final long DEFAULT_TERM_NS = 365 * 86_400_000_000_000L;

        @Override
        public String model() {
            return "reserved";
        }
    }

    /**
     * Spare capacity at a discount, which the provider takes back.
     *
     * @param discount           share off the on-demand price, in [0, 1)
     * @param interruptionsPerNodeSecond the rate at which each node is taken back
     * @param noticeNs           warning before a node goes (AWS gives two minutes, Google Cloud 30 s)
     */
    record Spot(double discount, double interruptionsPerNodeSecond, long noticeNs) implements Pricing {
        /** Two minutes: the warning EC2 gives before it reclaims a Spot Instance (AWS EC2 User Guide, "Spot Instance interruption notices"). */
        public static final long DEFAULT_NOTICE_NS = 120_000_000_000L;

        @Override
        public String model() {
            return "spot";
        }
    }

    /**
     * Hardware the user owns, in a facility of the pool's PUE.
     *
     * @param nodeCapex        dollars per node, GPUs and server; empty: the GPU's catalog figure
     * @param networkCapex     dollars per node of networking (NICs, a share of the switches); empty: the catalog's
     * @param depreciationNs   the period the capital is spread over
     * @param dollarsPerKwh    the facility's electricity price
     * @param rackDollarsPerMonth space, power delivery, cooling and operations per rack per month (0 when priced per kW)
     * @param dollarsPerKwMonth   the same per kW of the servers' nameplate power per month (0 when priced per rack):
     *                            colocation is rented by the kW, so a part-filled rack pays for what it holds
     * @param rackWatts        the power a rack may draw: nodes per rack are bounded by it
     * @param rackUnits        the rack's height in units
     * @param nodeRackUnits    units a node takes; empty: the GPU's catalog figure
     */
    record OnPrem(OptionalDouble nodeCapex, OptionalDouble networkCapex, long depreciationNs, double dollarsPerKwh,
                  double rackDollarsPerMonth, double dollarsPerKwMonth, double rackWatts, int rackUnits,
                  OptionalInt nodeRackUnits)
            implements Pricing {
        /**
         * Wholesale colocation in North America's primary markets, 250–500 kW, per kW of capacity per
         * month: CBRE, "North America Data Center Trends H2 2024" (2025-02-26), $184.06.
         */
        public static final double COLOCATION_PER_KW_MONTH = 184.06;
        /** Four 10.2 kW DGX H100 systems per rack: NVIDIA DGX SuperPOD data-centre design (DGX H100). */
        public static final double DEFAULT_RACK_WATTS = 41_000;

        /**
         * The defaults of an owned fleet when the scenario does not say: five years of depreciation
         * (Amazon's servers from 2025, its 2024 10-K; Microsoft and Alphabet use six, Meta five and a
         * half); $0.0895/kWh, the average commercial price in Virginia, the largest data-centre market,
         * in 2023 (EIA Electric Power Annual, 2024-10-17); a 41 kW, 42U rack at the colocation rate.
         */
        public static final OnPrem DEFAULTS = new OnPrem(OptionalDouble.empty(), OptionalDouble.empty(),
                5 * 365 * 86_400_000_000_000L, 0.0895, 0, COLOCATION_PER_KW_MONTH, DEFAULT_RACK_WATTS, 42,
                OptionalInt.empty());

        @Override
        public String model() {
            return "on-prem";
        }
    }

    Pricing ON_DEMAND = new OnDemand();
}
