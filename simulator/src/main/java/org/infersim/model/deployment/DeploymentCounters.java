package org.infersim.model.deployment;

/**
 * What a replica autoscaler observes of its deployment besides its replicas: running totals since
 * the start, warm-up included, as a metrics pipeline (Prometheus counters) would export them. The
 * autoscaler takes differences between its ticks.
 */
public interface DeploymentCounters {
    /** Requests that arrived. */
    long arrivals();

    /** Output tokens generated. */
    long outputTokens();

    /** Requests that got their first token. */
    long firstTokens();

    /** The time to first token of those, summed. */
    long ttftNsSum();
}
