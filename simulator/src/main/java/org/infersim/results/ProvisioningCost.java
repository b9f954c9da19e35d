package org.infersim.results;

/**
 * What the pools of one provisioning mode cost over the whole run.
 *
 * @param provisioning {@code static}, {@code dynamic} or {@code serverless}
 * @param pools        how many pools of that mode
 * @param gpuHours     GPU-hours billed
 * @param cost         dollars
 */
public record ProvisioningCost(String provisioning, int pools, double gpuHours, double cost) {}
