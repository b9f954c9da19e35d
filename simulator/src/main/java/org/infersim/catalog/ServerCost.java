package org.infersim.catalog;

/**
 * What buying the typical server of a GPU type costs and takes, from the catalog: the capital of
 * one server of {@code GpuPower.nodeGpus()} GPUs (GPUs, CPUs, memory, its NICs), its share of the
 * cluster network (switches, cables, transceivers), and its height in a rack. Zero capex means the
 * catalog states none: an on-prem pool of that GPU must give its own.
 *
 * @param nodeCapex    dollars per server
 * @param networkCapex dollars per server of the fabric it connects to
 * @param rackUnits    the server's height in rack units
 */
public record ServerCost(double nodeCapex, double networkCapex, int rackUnits) {}
