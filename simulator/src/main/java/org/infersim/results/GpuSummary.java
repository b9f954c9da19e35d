package org.infersim.results;

import java.util.List;

/**
 * One GPU: who used it and how much. {@code busyFraction} is over the measured window, like the
 * pools' and replicas' (under time-slicing or MPS: the time at least one tenant was busy; under
 * MIG: the instances' busy time weighted by their share of the SMs); {@code allocatedFraction}
 * is the share of the GPU held by someone, averaged over the whole run, what the bill covers.
 *
 * @param id      {@code pool/node/gpu}, such as {@code h100/n0/g3}
 * @param tenants everyone who held it, in the order they were placed
 */
public record GpuSummary(
        String id,
        String pool,
        int node,
        double busyFraction,
        double allocatedFraction,
        List<GpuTenantSummary> tenants) {

    public GpuSummary {
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
    }
}
