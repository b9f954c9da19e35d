package org.infersim.model.cluster;

import java.util.List;
import org.infersim.scenario.Pricing;
import org.infersim.scenario.ProvisioningMode;

/**
 * Prices the cluster, pool by pool, as each provisioning mode is billed and under each pool's
 * pricing model. On demand, a static pool pays for every GPU, busy or idle, for as long as it
 * exists; a dynamic pool pays for each node from the moment it is requested (provisioning
 * included) to its removal; a serverless pool pays only for the GPU time workloads hold, each for
 * its fraction of a shared GPU. Spot is the same at its discount, each node billed from its request
 * to its interruption. Reserved pays its standing GPUs (a static pool's all, a dynamic pool's
 * minimum) at its discount all the time, and what a dynamic pool adds above them on demand; signing
 * it commits to its whole term ({@link #commitment}). On-prem pays its {@link Ownership}'s fixed cost per hour and the
 * electricity of what the pool draws (idle GPUs, nodes, jobs and steps) times the PUE.
 */
public final class CostMeter {
    private static final double NS_PER_HOUR = 3.6e12;
    private final List<GpuPool> pools;
    private final EnergyMeter energy;
    private final long warmupNs;
    private StepEnergy steps = StepEnergy.NONE;

    public CostMeter(List<GpuPool> pools) {
        this(pools, 0);
    }

    /** @param warmupNs the end of the warm-up, from which {@link StepEnergy} counts measured steps */
    public CostMeter(List<GpuPool> pools, long warmupNs) {
        this.pools = List.copyOf(pools);
        this.energy = new EnergyMeter(pools);
        this.warmupNs = warmupNs;
    }

    /** Where the energy of replicas' steps is metered: owned pools pay for it as electricity. */
    public void meterStepsWith(StepEnergy steps) {
        this.steps = steps;
    }

    public double pricePerGpuHour(int pool) {
        return pools.get(pool).pricePerGpuHour();
    }

    /**
     * Dollars the pool costs between two instants. An owned pool's electricity for its steps is
     * known over the whole run and since warm-up, so {@code fromNs} is 0 or the end of warm-up.
     */
    public double poolCost(int pool, long fromNs, long toNs) {
        return poolCost(pool, fromNs, toNs, pools.get(pool).pricing());
    }

    /** What the pool would cost between two instants under another pricing model: the same fleet, the same run. */
    public double poolCost(int pool, long fromNs, long toNs, Pricing pricing) {
        GpuPool p = pools.get(pool);
        double hours = (toNs - fromNs) / NS_PER_HOUR;
        double price = p.pricePerGpuHour();
        if (pricing instanceof Pricing.Spot s) {
            return listCost(pool, fromNs, toNs, price * (1 - s.discount()));
        }
        if (pricing instanceof Pricing.Reserved r) {
            double standing = standingGpus(p);
            double above = Math.max(0, gpuHours(pool, fromNs, toNs) - standing * hours);
            return standing * hours * price * (1 - r.discount()) + above * price;
        }
        if (pricing instanceof Pricing.OnPrem o) {
            return ownership(pool, o).fixedPerHour() * hours + electricity(pool, fromNs, toNs, o.dollarsPerKwh());
        }
        return listCost(pool, fromNs, toNs, price);
    }

    /** The pool's cost at a price per GPU-hour, for the GPU-hours its provisioning mode bills. */
    private double listCost(int pool, long fromNs, long toNs, double pricePerGpuHour) {
        return gpuHours(pool, fromNs, toNs) * pricePerGpuHour;
    }

    /**
     * Whether the pool's nodes are fixed for the whole run, so that it is billed for all of them all
     * the time: a static pool's, unless they are spot nodes, which come and go and are billed each
     * from its request to its interruption, as a dynamic pool's are.
     */
    private static boolean fixedNodes(GpuPool p) {
        return p.provisioning().isStatic() && !(p.pricing() instanceof Pricing.Spot);
    }

    /** Dollars a reservation commits the pool to over its whole term, however long the run. */
    public double commitment(int pool, Pricing.Reserved reserved) {
        GpuPool p = pools.get(pool);
        return standingGpus(p) * p.pricePerGpuHour() * (1 - reserved.discount()) * reserved.termNs() / NS_PER_HOUR;
    }

    /** GPUs a reservation covers: a static pool's all, a dynamic pool's minimum. */
    private static double standingGpus(GpuPool p) {
        return p.provisioning().isStatic() ? p.gpus().size() : (double) p.provisioning().minNodes() * p.gpusPerNode();
    }

    /** The hardware a pool owns, under its on-prem terms or, for another pricing, the default ones. */
    public Ownership ownership(int pool) {
        GpuPool p = pools.get(pool);
        return ownership(pool, p.pricing() instanceof Pricing.OnPrem o ? o : Pricing.OnPrem.DEFAULTS);
    }

    /** The hardware the pool would own under these terms: a static pool's GPUs, a dynamic pool's most. */
    public Ownership ownership(int pool, Pricing.OnPrem terms) {
        GpuPool p = pools.get(pool);
        long gpus = p.provisioning().isStatic() ? p.gpus().size()
                : (long) p.provisioning().maxNodes() * p.gpusPerNode();
        return Ownership.of(p.spec(), gpus, terms);
    }

    /** Dollars of electricity the pool's facility draws between two instants at this price. */
    public double electricity(int pool, long fromNs, long toNs, double dollarsPerKwh) {
        double joules = energy.baseJoules(pool, fromNs, toNs) + steps.stepJoules(pool, fromNs >= warmupNs && fromNs > 0);
        return joules / 3.6e6 * pools.get(pool).pue() * dollarsPerKwh;
    }

    /** GPU-hours the pool is billed for between two instants. */
    public double gpuHours(int pool, long fromNs, long toNs) {
        GpuPool p = pools.get(pool);
        if (fixedNodes(p)) {
            return p.gpus().size() * (double) (toNs - fromNs) / NS_PER_HOUR;
        }
        return p.provisioning().mode() == ProvisioningMode.SERVERLESS ? p.heldGpuNs(fromNs, toNs, false) / NS_PER_HOUR
                : p.gpusPerNode() * nodeHours(pool, fromNs, toNs);
    }

    /** Node-hours the pool had allocated (provisioning or ready) between two instants. */
    public double nodeHours(int pool, long fromNs, long toNs) {
        GpuPool p = pools.get(pool);
        if (fixedNodes(p)) {
            return p.nodes().size() * (double) (toNs - fromNs) / NS_PER_HOUR;
        }
        long ns = 0;
        for (Node n : p.allNodes()) {
            ns += n.allocatedNs(fromNs, toNs);
        }
        return ns / NS_PER_HOUR;
    }

    /** Node-hours spent being provisioned (paid, not usable) between two instants. */
    public double provisioningNodeHours(int pool, long fromNs, long toNs) {
        GpuPool p = pools.get(pool);
        if (fixedNodes(p)) {
            return 0;
        }
        long ns = 0;
        for (Node n : p.allNodes()) {
            ns += n.provisioningNs(fromNs, toNs);
        }
        return ns / NS_PER_HOUR;
    }

    public double costUpTo(long nowNs) {
        double total = 0;
        for (int i = 0; i < pools.size(); i++) {
            total += poolCost(i, 0, nowNs);
        }
        return total;
    }

    /**
     * The fleet's cost per hour: the rate of a rented pool whose nodes are fixed, plus each other
     * pool's average rate over the run up to {@code endNs} (its cost divided by the hours it ran).
     */
    public double perHour(long endNs) {
        double total = 0;
        for (int i = 0; i < pools.size(); i++) {
            GpuPool p = pools.get(i);
            double discount = p.pricing() instanceof Pricing.Reserved r ? r.discount() : 0;
            if (fixedNodes(p) && !(p.pricing() instanceof Pricing.OnPrem)) {
                total += p.gpus().size() * p.pricePerGpuHour() * (1 - discount);
            } else if (endNs > 0) {
                total += poolCost(i, 0, endNs) / (endNs / NS_PER_HOUR);
            }
        }
        return total;
    }
}
