package org.infersim.autoscale;

import java.util.Locale;

/**
 * What an autoscaler watches, summed over the deployment's ready replicas (and the requests
 * buffered while none is ready) unless said otherwise; its target is per replica.
 */
public enum ScalingMetric {
    /** Requests in flight (Knative's default): running, waiting in a replica, or buffered. */
    CONCURRENCY("requests in flight per replica"),
    /** Requests arriving per second over the last period (Knative's rps, Run:ai's throughput). */
    RPS("requests per second per replica"),
    /** Output tokens generated per second over the last period. */
    TOKENS("output tokens per second per replica"),
    /** KV-cache blocks in use as a fraction of the replica's cache. */
    KV_UTILIZATION("KV-cache occupancy per replica, as a fraction"),
    /** Requests waiting for a place in a batch (vLLM's num_requests_waiting), or buffered. */
    QUEUE("waiting requests per replica"),
    /** Mean time to first token of the requests whose first token came in the last period (not summed). */
    LATENCY("mean time to first token");

    private final String meaning;

    ScalingMetric(String meaning) {
        this.meaning = meaning;
    }

    /** The name written in scenarios: {@code concurrency}, {@code rps}, {@code kv-utilization}... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String meaning() {
        return meaning;
    }

    /** Why a policy that sums the metric over replicas (Knative's, the HPA) cannot use it, or null when it can. */
    public String whyNotSummed() {
        return this == LATENCY ? "a latency does not add up over replicas; use runai for a latency target" : null;
    }
}
